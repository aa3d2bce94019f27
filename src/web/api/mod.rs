//! The read-only telephony API (`/api/v1/…`, bearer tokens per centre), its
//! OpenAPI document, and the coordinators' token management pages.

pub mod openapi;
pub mod telephony;
pub mod tokens;
