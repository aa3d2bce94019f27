DROP TABLE training_signoffs;
DROP TABLE training_attendance;
DROP TABLE training_invitations;
DROP TABLE training_sessions;
DROP TABLE training_path_steps;
DROP TABLE skill_prerequisites;
