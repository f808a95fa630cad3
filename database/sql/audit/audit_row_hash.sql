-- audit_row_hash(event): THE hash of one audit row (ARCHITECTURE §5).
--
-- Guarantees: the sha256 (hex) of the row's canonical JSON (every evidence
-- column, times in UTC with microseconds, the ip as text). The single
-- definition shared by audit_append() when it inserts and by
-- `node ace audit:verify` when it checks; xact_id is not evidence and not
-- hashed.
--
-- Raises: nothing.
create or replace function audit_row_hash(e audit_events) returns char(64)
language sql immutable as $$
  select encode(sha256(convert_to(jsonb_build_object(
    'id', e.id,
    'occurred_at', to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    'actor_type', e.actor_type,
    'actor_id', e.actor_id,
    'action', e.action,
    'subject_type', e.subject_type,
    'subject_id', e.subject_id,
    'before', e.before,
    'after', e.after,
    'ip', host(e.ip),
    'request_id', e.request_id,
    'metadata', e.metadata
  )::text, 'UTF8')), 'hex')
$$;
