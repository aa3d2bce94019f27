//! Parsed newtypes and rules, free of web and database types: ISO weeks,
//! local wall-clock time in a centre's zone, availability materialisation.

pub mod availability;
pub mod frdate;
pub mod localtime;
// helper-training: training status on a date.
pub mod training_status;
// helper-training: end.
pub mod week;
