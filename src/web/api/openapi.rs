//! `GET /api/openapi.json`: the OpenAPI 3.1 document of the telephony API.

use actix_web::http::header;
use actix_web::HttpResponse;
use serde_json::{json, Value};

/// The document (also used by the tests to check answers against it).
pub fn document() -> Value {
    let error_response = |description: &str| {
        json!({
            "description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        })
    };
    let mut unauthorized =
        error_response("No bearer token, or an unknown, malformed or revoked one.");
    unauthorized["headers"] = json!({
        "WWW-Authenticate": {
            "description": "The Bearer challenge (RFC 6750).",
            "schema": {"type": "string"}
        }
    });
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Astreinte — telephony API",
            "version": "1.0.0",
            "summary": "Who is on duty now, and next, at a centre for a skill.",
            "description": "Read-only. Answers come from the published rotas. \
    Times are RFC 3339 with the centre's UTC offset at that instant. Each token \
    belongs to one centre; coordinators create and revoke tokens on \
    /centres/{centre}/api. Phone numbers are included only when the token allows it.",
            "license": {"name": "AGPL-3.0-or-later", "identifier": "AGPL-3.0-or-later"}
        },
        "servers": [{"url": "/"}],
        "security": [{"bearerAuth": []}],
        "paths": {
            "/api/v1/astreinte": {
                "get": {
                    "operationId": "getOnDuty",
                    "summary": "Volunteers on duty at an instant, and at the next hand-over",
                    "description": "`now`: the published shifts of the centre and skill that cover `at`. \
    `next`: the published shifts that begin at the first start instant strictly after `at`.",
                    "security": [{"bearerAuth": []}],
                    "parameters": [
                        {
                            "name": "centre",
                            "in": "query",
                            "required": true,
                            "description": "Centre code (case-insensitive); must be the token's centre.",
                            "schema": {"type": "string", "minLength": 1}
                        },
                        {
                            "name": "skill",
                            "in": "query",
                            "required": true,
                            "description": "Skill code (case-insensitive), e.g. the listening skill; an unknown code is answered 400 naming `skill`.",
                            "schema": {"type": "string", "minLength": 1}
                        },
                        {
                            "name": "at",
                            "in": "query",
                            "required": false,
                            "description": "The instant asked about (RFC 3339 with offset); default: now.",
                            "schema": {"type": "string", "format": "date-time"}
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "Who is on duty.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OnDuty"}}}
                        },
                        "400": error_response("A parameter is missing or invalid; `parameter` names it."),
                        "401": unauthorized,
                        "403": error_response("The token belongs to another centre."),
                    }
                }
            }
        },
        "components": {
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A centre's API token (43 characters), shown once at creation."
                }
            },
            "schemas": {
                "OnDuty": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["centre", "skill", "timezone", "at", "now", "next"],
                    "properties": {
                        "centre": {"type": "string", "description": "Centre code."},
                        "skill": {"type": "string", "description": "Skill code."},
                        "timezone": {"type": "string", "description": "The centre's IANA time zone, e.g. Europe/Paris."},
                        "at": {"type": "string", "format": "date-time", "description": "The instant answered for, with the centre's offset."},
                        "now": {"type": "array", "items": {"$ref": "#/components/schemas/Duty"}},
                        "next": {"type": "array", "items": {"$ref": "#/components/schemas/Duty"}}
                    }
                },
                "Duty": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["name", "role", "skill", "start", "end"],
                    "properties": {
                        "name": {"type": "string", "description": "The volunteer's display name."},
                        "role": {"type": "string", "enum": ["staff", "trainee"]},
                        "skill": {"type": "string", "description": "Skill code."},
                        "start": {"type": "string", "format": "date-time"},
                        "end": {"type": "string", "format": "date-time"},
                        "phone": {
                            "type": ["string", "null"],
                            "description": "Present only when the token allows phone numbers; null when unknown."
                        }
                    }
                },
                "Error": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["error", "message"],
                    "properties": {
                        "error": {
                            "type": "string",
                            "enum": ["missing_token", "invalid_token", "forbidden_centre", "invalid_parameter"]
                        },
                        "message": {"type": "string"},
                        "parameter": {"type": "string", "description": "The bad parameter (400 only)."}
                    }
                }
            }
        }
    })
}

/// GET `/api/openapi.json`.
pub async fn serve() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .insert_header((header::CONTENT_TYPE, "application/json"))
        .body(document().to_string())
}
