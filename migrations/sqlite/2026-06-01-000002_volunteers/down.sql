DROP TABLE availability_exceptions;
DROP TABLE availability_patterns;
DROP TABLE trainees;
DROP TABLE qualifications;
DROP TABLE volunteer_centres;
DROP TABLE volunteers;
