-- PostgreSQL only: what the application's role may do on the service's tables. The service runs
-- SELECT, INSERT and UPDATE on them (a case saved again, an approval answered, the world's time
-- moved on) and never DELETE or TRUNCATE, so its role gets exactly the three.
--
-- Roles are cluster-wide and their names a deployment matter, so this migration creates none; it
-- adds a function the owner calls once per application role, beside the ledger's own, after the
-- service has migrated the schema once as the owner:
--
--   CREATE ROLE autonoc_app LOGIN PASSWORD '…';
--   SELECT <schema>.audit_grant_app_role('autonoc_app');
--   SELECT <schema>.service_grant_app_role('autonoc_app');
--
-- The function works on the schema this migration ran in (search_path FROM CURRENT), whatever the
-- caller's search path. It also grants SELECT on the service's migration history, so that the
-- application can open its tables and see that they are up to date; it cannot migrate them. The
-- identity columns (seq) need no sequence grant: PostgreSQL does not check the sequence's
-- privileges for an identity column's default.
CREATE FUNCTION service_grant_app_role(app_role name) RETURNS void
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), app_role);
    EXECUTE format('REVOKE ALL ON service_world, service_tool_journal, service_case,'
                   ' service_approval, service_policy_version, service_policy_activation,'
                   ' service_schema_history FROM %I', app_role);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON service_world, service_tool_journal,'
                   ' service_case, service_approval, service_policy_version,'
                   ' service_policy_activation TO %I', app_role);
    EXECUTE format('GRANT SELECT ON service_schema_history TO %I', app_role);
END;
$$;

REVOKE ALL ON FUNCTION service_grant_app_role(name) FROM PUBLIC;
