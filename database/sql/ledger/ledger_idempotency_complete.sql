-- ledger_idempotency_complete(scope, key, request_hash, type, resource, status):
-- the last step of every money-moving command.
--
-- Guarantees: stores the key as completed with the resource it produced, in
-- the same transaction as the posting (a failed posting leaves no key).
-- Does nothing when there is no key.
--
-- Raises: nothing of its own (unique_violation on (scope, key) cannot
-- happen behind ledger_idempotency_begin's advisory lock).
create or replace function ledger_idempotency_complete(
  p_scope text, p_key text, p_request_hash text, p_type text, p_resource bigint, p_status int
) returns void
language sql as $$
  insert into idempotency_keys
    (scope, key, request_hash, status, resource_type, resource_id, response_status, created_at, completed_at)
  select p_scope, p_key, p_request_hash, 'completed', p_type, p_resource, p_status, now(), now()
  where p_key is not null
$$;
