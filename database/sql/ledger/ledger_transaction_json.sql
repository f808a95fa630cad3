-- ledger_transaction_json(id): a booked transaction as the posting
-- functions return it (and as the audit trail records it).
--
-- Guarantees: amounts as strings (bigint minor units never pass through a
-- JS number), booked_at in UTC with microseconds, 'replayed' false (an
-- idempotent replay overwrites it). Null when the transaction does not exist.
--
-- Raises: nothing.
create or replace function ledger_transaction_json(p_id bigint) returns jsonb
language sql stable as $$
  select jsonb_build_object(
    'id', t.id, 'kind', t.kind, 'status', 'booked',
    'debtor_account_id', t.debtor_account_id, 'creditor_account_id', t.creditor_account_id,
    'amount', t.amount::text, 'currency', t.currency, 'reference', t.reference,
    'reverses_id', t.reverses_id,
    'booked_at', to_char(t.booked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    'replayed', false)
  from ledger_transactions t where t.id = p_id
$$;
