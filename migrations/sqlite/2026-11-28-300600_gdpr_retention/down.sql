DROP TABLE retention_settings;
DROP TABLE erasures;
DROP TABLE erasure_requests;
