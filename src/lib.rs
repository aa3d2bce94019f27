//! Astreinte application library.
