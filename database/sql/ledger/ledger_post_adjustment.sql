-- ledger_post_adjustment(...): a manual adjustment (always four-eyes,
-- booked by the approval's handler) of a customer account against the
-- bank's suspense account of its currency (system_code 'suspense').
--   credit: debit suspense, credit the customer
--   debit:  debit the customer, credit suspense
--
-- Guarantees, in this order:
-- - amount > 0                                          SRL10 E_INVALID_AMOUNT
-- - direction 'credit' or 'debit', a non-blank reason (else a plain
--   exception: the caller validated them)
-- - idempotency (ledger_idempotency_begin): a completed key replays  SRL08, SRL09
-- - the account locked FOR UPDATE; ledger_credit_check(): exists, open,
--   currency                                        SRL02, SRL04, SRL05
-- - the bank keeps a suspense account in that currency  SRL05 E_CURRENCY_MISMATCH
-- - debit: ledger_debit_check('adjustment'): not frozen, funds within the
--   overdraft. KYC is NOT asked: a bank correction, not the customer moving
--   money out.                                      SRL03, SRL01
-- - ledger_book('adjustment'): the reason is the description, p_metadata
--   (approval id, checker) goes on the transaction; the key; the audit row
--   'ledger.adjustment.posted' with direction and reason
-- Returns the transaction as jsonb.
create or replace function ledger_post_adjustment(
  p_scope text, p_key text, p_request_hash text, p_account bigint, p_direction text, p_amount bigint,
  p_currency text, p_reason text, p_reference text, p_metadata jsonb, p_audit jsonb
) returns jsonb
language plpgsql as $$
declare
  v_replay bigint;
  v_suspense bigint;
  v_txn bigint;
  v_result jsonb;
  a accounts;
begin
  if p_amount is null or p_amount <= 0 then
    perform ledger_raise('SRL10', 'E_INVALID_AMOUNT', 'amount must be positive');
  end if;
  if p_direction is null or p_direction not in ('credit', 'debit') then
    raise exception 'unknown adjustment direction %', p_direction;
  end if;
  if p_reason is null or length(trim(p_reason)) = 0 then
    raise exception 'an adjustment needs a reason';
  end if;
  v_replay := ledger_idempotency_begin(p_scope, p_key, p_request_hash);
  if v_replay is not null then
    return ledger_transaction_json(v_replay) || '{"replayed": true}'::jsonb;
  end if;
  select * into a from accounts where id = p_account for update;
  perform ledger_credit_check('adjustment', a, p_currency);
  select id into v_suspense from accounts where system_code = 'suspense' and currency = p_currency;
  if v_suspense is null then
    perform ledger_raise('SRL05', 'E_CURRENCY_MISMATCH', 'the bank keeps no ' || p_currency || ' suspense account');
  end if;
  if p_direction = 'debit' then
    perform ledger_debit_check('adjustment', a, p_currency, p_amount, null);
    v_txn := ledger_book('adjustment', p_currency, array[p_account, v_suspense], array['debit', 'credit'],
      array[p_amount, p_amount], p_account, v_suspense, p_amount, p_reference, p_reason, null,
      p_audit->>'actor_type', p_audit->>'actor_id', coalesce(p_metadata, '{}'::jsonb));
  else
    v_txn := ledger_book('adjustment', p_currency, array[v_suspense, p_account], array['debit', 'credit'],
      array[p_amount, p_amount], v_suspense, p_account, p_amount, p_reference, p_reason, null,
      p_audit->>'actor_type', p_audit->>'actor_id', coalesce(p_metadata, '{}'::jsonb));
  end if;
  v_result := ledger_transaction_json(v_txn);
  perform ledger_idempotency_complete(p_scope, p_key, p_request_hash, 'ledger_transaction', v_txn, 201);
  perform audit_append(p_audit || jsonb_build_object('action', 'ledger.adjustment.posted',
    'subject_type', 'ledger_transaction', 'subject_id', v_txn::text,
    'after', (v_result - 'replayed') || jsonb_build_object('direction', p_direction, 'reason', p_reason)));
  return v_result;
end
$$;
