-- PostgreSQL only: the application's role may INSERT and SELECT the ledger, never UPDATE, DELETE or
-- TRUNCATE it (the triggers of V2 and V4 refuse those to everyone, the table owner included; the
-- grants keep them from the application's role in the first place, and as it does not own the
-- tables it cannot drop or disable the triggers either).
--
-- Roles are cluster-wide and their names a deployment matter, so this migration creates none; it
-- adds a function the owner calls once per application role, after creating it:
--
--   CREATE ROLE autonoc_app LOGIN PASSWORD '…';
--   SELECT <ledger schema>.audit_grant_app_role('autonoc_app');
--
-- The function works on the schema this migration ran in (search_path FROM CURRENT), whatever the
-- caller's search path. It also grants SELECT on the migration history, so that the application
-- can open the ledger and see that the schema is up to date; it cannot migrate it.
CREATE FUNCTION audit_grant_app_role(app_role name) RETURNS void
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), app_role);
    EXECUTE format('REVOKE ALL ON audit_entry, audit_checkpoint, audit_schema_history FROM %I',
                   app_role);
    EXECUTE format('GRANT SELECT, INSERT ON audit_entry, audit_checkpoint TO %I', app_role);
    EXECUTE format('GRANT SELECT ON audit_schema_history TO %I', app_role);
END;
$$;

REVOKE ALL ON FUNCTION audit_grant_app_role(name) FROM PUBLIC;
