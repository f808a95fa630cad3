-- risk_reject_change(): trigger function of the risk module's append-only
-- tables: risk_configurations (migration 0615: a configuration version,
-- once written, never changes and is never removed; an alert names the
-- version that raised it; a change is a new, higher version) and
-- risk_alert_activity (migration 0620: an alert's history).
--
-- Guarantees: UPDATE, DELETE and TRUNCATE on those tables are rejected.
--
-- Raises: SR001 "<table> is append-only (<op> rejected)".
create or replace function risk_reject_change() returns trigger
language plpgsql as $$
begin
  raise exception '% is append-only (% rejected)', tg_table_name, tg_op
    using errcode = 'SR001';
end
$$;
