-- PostgreSQL only: service_grant_app_role (V2, V4, V6, V8, V10) also grants the predictors' states (V11,
-- service_predictor_state) with SELECT, INSERT and UPDATE, as the other service_* tables.
-- A role granted before this migration gets the new table when the owner calls the function again:
--
--   SELECT <schema>.service_grant_app_role('autonoc_app');
CREATE OR REPLACE FUNCTION service_grant_app_role(app_role name) RETURNS void
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), app_role);
    EXECUTE format('REVOKE ALL ON service_world, service_tool_journal, service_case,'
                   ' service_approval, service_policy_version, service_policy_activation,'
                   ' service_api_token, service_gate_execution, service_partition_owner,'
                   ' service_predictor_share, service_predictor_state, service_schema_history FROM %I', app_role);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON service_world, service_tool_journal,'
                   ' service_case, service_approval, service_policy_version,'
                   ' service_policy_activation, service_api_token, service_gate_execution,'
                   ' service_partition_owner, service_predictor_share, service_predictor_state TO %I', app_role);
    EXECUTE format('GRANT DELETE ON service_predictor_share TO %I', app_role);
    EXECUTE format('GRANT SELECT ON service_schema_history TO %I', app_role);
END;
$$;

REVOKE ALL ON FUNCTION service_grant_app_role(name) FROM PUBLIC;
