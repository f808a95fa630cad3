-- ledger_hold_json(id): a hold as the hold functions return it (and as the
-- audit trail records it).
--
-- Guarantees: amount as a string, times in UTC with microseconds,
-- 'replayed' false. Null when the hold does not exist.
--
-- Raises: nothing.
create or replace function ledger_hold_json(p_id bigint) returns jsonb
language sql stable as $$
  select jsonb_build_object(
    'id', h.id, 'account_id', h.account_id, 'amount', h.amount::text, 'currency', h.currency,
    'status', h.status, 'reason', h.reason, 'captured_transaction_id', h.captured_transaction_id,
    'expires_at', to_char(h.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    'created_at', to_char(h.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    'replayed', false)
  from holds h where h.id = p_id
$$;
