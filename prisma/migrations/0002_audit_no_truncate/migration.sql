-- TRUNCATE bypasses the UPDATE/DELETE rules of 0001. A plpgsql trigger cannot be used (the migration
-- runner splits at every semicolon), so a built-in trigger function that always errors outside
-- row-level UPDATE is attached to TRUNCATE: the statement fails with
-- "suppress_redundant_updates_trigger: must be called on update" and the table is untouched.
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION suppress_redundant_updates_trigger();
