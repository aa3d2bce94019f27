DROP TABLE rota_shifts;
DROP TABLE rotas;
DROP TABLE shift_templates;
DROP TABLE demand_profiles;
