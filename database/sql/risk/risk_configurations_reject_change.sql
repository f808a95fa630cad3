-- risk_configurations_reject_change(): trigger function of risk_configurations
-- (triggers risk_configurations_append_only and _no_truncate, migration 0615).
--
-- Guarantees: a configuration version, once written, never changes and is
-- never removed (an alert names the version that raised it); UPDATE, DELETE
-- and TRUNCATE are rejected. A change is a new, higher version.
--
-- Raises: SR001 "risk_configurations is append-only (<op> rejected)".
create or replace function risk_configurations_reject_change() returns trigger
language plpgsql as $$
begin
  raise exception '% is append-only (% rejected)', tg_table_name, tg_op
    using errcode = 'SR001';
end
$$;
