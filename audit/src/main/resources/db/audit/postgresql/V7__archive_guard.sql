-- PostgreSQL only: retention without a back door. An entry's row may now be deleted, but only once
-- its hash is kept in audit_archived and a signed checkpoint covers it; UPDATE and TRUNCATE stay
-- refused to everyone. audit_archived only takes the real hash of an entry that is still there,
-- and is itself never changed or emptied. Archiving is a maintenance job, done by a role granted
-- with audit_grant_archiver_role (below), never by the application's role (V5: INSERT and SELECT).

CREATE OR REPLACE FUNCTION audit_entry_guard() RETURNS trigger
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND EXISTS (SELECT 1 FROM audit_archived a
                   WHERE a.sequence = OLD.sequence AND a.hash = OLD.hash)
       AND OLD.sequence <= (SELECT COALESCE(MAX(tree_size), 0) FROM audit_checkpoint) THEN
        RETURN OLD;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit_entry is append-only: DELETE refused for entry % (only an entry whose hash is kept in audit_archived and that a checkpoint covers may be removed)', OLD.sequence
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

DROP TRIGGER audit_entry_append_only ON audit_entry;
CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_guard();

CREATE FUNCTION audit_archived_check() RETURNS trigger
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM audit_entry e
                   WHERE e.sequence = NEW.sequence AND e.hash = NEW.hash) THEN
        RAISE EXCEPTION 'audit_archived takes only the hash of an entry still in audit_entry: entry % with hash % is not there', NEW.sequence, NEW.hash
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER audit_archived_real_hash
    BEFORE INSERT ON audit_archived
    FOR EACH ROW EXECUTE FUNCTION audit_archived_check();

CREATE FUNCTION audit_archived_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_archived is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_archived_append_only
    BEFORE UPDATE OR DELETE ON audit_archived
    FOR EACH ROW EXECUTE FUNCTION audit_archived_refuse_change();

CREATE TRIGGER audit_archived_no_truncate
    BEFORE TRUNCATE ON audit_archived
    FOR EACH STATEMENT EXECUTE FUNCTION audit_archived_refuse_change();

-- The application's role reads the archived hashes too (it builds the Merkle tree over them).
CREATE OR REPLACE FUNCTION audit_grant_app_role(app_role name) RETURNS void
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), app_role);
    EXECUTE format('REVOKE ALL ON audit_entry, audit_checkpoint, audit_archived,'
                   ' audit_schema_history FROM %I', app_role);
    EXECUTE format('GRANT SELECT, INSERT ON audit_entry, audit_checkpoint TO %I', app_role);
    EXECUTE format('GRANT SELECT ON audit_archived, audit_schema_history TO %I', app_role);
END;
$$;

REVOKE ALL ON FUNCTION audit_grant_app_role(name) FROM PUBLIC;

-- Roles granted before this migration: give them SELECT on the new table as the function would.
DO $$
DECLARE r name;
BEGIN
    FOR r IN SELECT DISTINCT grantee FROM information_schema.role_table_grants
             WHERE table_schema = current_schema() AND table_name = 'audit_entry'
               AND privilege_type = 'INSERT' AND grantee <> current_user
    LOOP
        EXECUTE format('GRANT SELECT ON audit_archived TO %I', r);
    END LOOP;
END;
$$;

-- The archiving (maintenance) role: it reads everything, copies hashes into audit_archived and
-- deletes archived entries, which the guards above allow only for checkpointed entries whose
-- real hash is kept. It cannot append, update or truncate, nor sign checkpoints.
CREATE FUNCTION audit_grant_archiver_role(archiver_role name) RETURNS void
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), archiver_role);
    EXECUTE format('REVOKE ALL ON audit_entry, audit_checkpoint, audit_archived,'
                   ' audit_schema_history FROM %I', archiver_role);
    EXECUTE format('GRANT SELECT, DELETE ON audit_entry TO %I', archiver_role);
    EXECUTE format('GRANT SELECT, INSERT ON audit_archived TO %I', archiver_role);
    EXECUTE format('GRANT SELECT ON audit_checkpoint, audit_schema_history TO %I',
                   archiver_role);
END;
$$;

REVOKE ALL ON FUNCTION audit_grant_archiver_role(name) FROM PUBLIC;
