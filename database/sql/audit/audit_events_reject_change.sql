-- audit_events_reject_change(): trigger function of audit_events
-- (triggers audit_events_append_only and audit_events_no_truncate, migration 0200).
--
-- Guarantees: the audit trail is append-only; UPDATE, DELETE and TRUNCATE
-- are rejected.
--
-- Raises: SR001 "audit_events is append-only (<op> rejected)".
create or replace function audit_events_reject_change() returns trigger
language plpgsql as $$
begin
  raise exception 'audit_events is append-only (% rejected)', tg_op
    using errcode = 'SR001';
end
$$;
