DROP TABLE api_tokens;
DROP TABLE calendar_tokens;
