-- Personal API tokens (service/README.md, "Security"): a person signed in to the console makes one
-- for a program that acts as them, bound to one resource (the API or the MCP server). The secret
-- itself is never stored: only its SHA-256, so a copy of this table holds no usable token. A token
-- is never deleted: revoked ones stay, with who revoked them and when.
CREATE TABLE service_api_token (
    id           VARCHAR(32)                 NOT NULL,
    user_name    VARCHAR(200)                NOT NULL,
    label        VARCHAR(100)                NOT NULL,
    audience     VARCHAR(8)                  NOT NULL,
    token_hash   CHAR(64)                    NOT NULL,
    hint         VARCHAR(16)                 NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    revoked_at   TIMESTAMP(6) WITH TIME ZONE,
    revoked_by   VARCHAR(200),
    last_used_at TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT service_api_token_pk PRIMARY KEY (id),
    CONSTRAINT service_api_token_hash_uk UNIQUE (token_hash)
);
