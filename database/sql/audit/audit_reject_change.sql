-- audit_reject_change(): trigger function of audit_blocks and audit_seals
-- (triggers *_append_only and *_no_truncate, migration 0201).
--
-- Guarantees: sealed blocks and seal memberships are append-only; UPDATE,
-- DELETE and TRUNCATE are rejected.
--
-- Raises: SR001 "<table> is append-only (<op> rejected)".
create or replace function audit_reject_change() returns trigger
language plpgsql as $$
begin
  raise exception '% is append-only (% rejected)', tg_table_name, tg_op
    using errcode = 'SR001';
end
$$;
