-- audit_append(event jsonb): appends one audit row; THE way to write the
-- audit trail, from TypeScript and from other modules' plpgsql functions,
-- inside the transaction of the action it records.
--
-- Guarantees: the row carries row_hash = audit_row_hash() of itself and
-- xact_id = the inserting transaction (the sealer scans from its
-- watermark, migration 0201); occurred_at defaults to clock_timestamp(),
-- actor_type to 'system', metadata to {}. Returns the new id.
--
-- Raises: the table's own errors (e.g. check_violation for an unknown
-- actor_type, invalid_text_representation for a malformed ip).
create or replace function audit_append(event jsonb) returns bigint
language plpgsql as $$
declare
  e audit_events;
begin
  e.xact_id := pg_current_xact_id();
  e.id := nextval(pg_get_serial_sequence('audit_events', 'id'));
  e.occurred_at := coalesce((event->>'occurred_at')::timestamptz, clock_timestamp());
  e.actor_type := coalesce(event->>'actor_type', 'system');
  e.actor_id := event->>'actor_id';
  e.action := event->>'action';
  e.subject_type := event->>'subject_type';
  e.subject_id := event->>'subject_id';
  e.before := event->'before';
  e.after := event->'after';
  e.ip := (event->>'ip')::inet;
  e.request_id := event->>'request_id';
  e.metadata := coalesce(event->'metadata', '{}'::jsonb);
  e.row_hash := audit_row_hash(e);
  insert into audit_events values (e.*);
  return e.id;
end
$$;
