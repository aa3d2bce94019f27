DROP TABLE audit_log;
ALTER TABLE rotas DROP COLUMN job_id;
ALTER TABLE rotas DROP COLUMN solver_report;
ALTER TABLE rotas DROP COLUMN revision;
DROP TABLE jobs;
