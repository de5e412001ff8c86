-- PostgreSQL only: the ledger refuses UPDATE, DELETE and TRUNCATE, whoever asks. The application
-- role should in addition be granted only INSERT and SELECT on audit_entry (done by the operator:
-- the role's name is a deployment matter). Retention will archive through a separate, privileged
-- path that drops this trigger under its own migration.
CREATE FUNCTION audit_entry_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change();

CREATE TRIGGER audit_entry_no_truncate
    BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();
