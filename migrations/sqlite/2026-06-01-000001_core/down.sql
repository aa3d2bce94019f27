DROP TABLE magic_links;
DROP TABLE coordinator_centres;
DROP TABLE users;
DROP TABLE skills;
DROP TABLE centres;
DROP TABLE org_settings;
