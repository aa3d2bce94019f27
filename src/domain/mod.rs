//! Parsed newtypes and rules, free of web and database types: ISO weeks,
//! local wall-clock time in a centre's zone, availability materialisation.

pub mod availability;
pub mod frdate;
pub mod localtime;
pub mod training_status;
pub mod week;
