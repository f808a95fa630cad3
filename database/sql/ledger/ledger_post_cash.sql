-- ledger_post_cash(kind, ...): a teller's cash posting. Deposit: debit the
-- bank's vault cash, credit the customer. Withdrawal: the reverse.
--
-- Guarantees, in this order:
-- - amount > 0                                          SRL10 E_INVALID_AMOUNT
-- - kind is 'deposit' or 'withdrawal' (else a plain exception: a programming error)
-- - idempotency (ledger_idempotency_begin): a completed key replays  SRL08, SRL09
-- - the customer account locked FOR UPDATE; ledger_credit_check(): exists
--   (and belongs to p_owner_customer when given), open, currency
--                                                  SRL02, SRL04, SRL05
-- - the bank holds cash in that currency (vault_cash)   SRL05 E_CURRENCY_MISMATCH
-- - withdrawal: ledger_debit_check('withdrawal'): not frozen, KYC verified,
--   funds                                          SRL03, SRL07, SRL01
--   (a deposit to a frozen account is accepted)
-- - ledger_book(); the key; the audit row 'ledger.<kind>.posted'
-- The vault account is not locked (ARCHITECTURE §3). Returns the
-- transaction as jsonb.
create or replace function ledger_post_cash(
  p_kind text, p_scope text, p_key text, p_request_hash text, p_account bigint, p_amount bigint,
  p_currency text, p_reference text, p_owner_customer bigint, p_audit jsonb
) returns jsonb
language plpgsql as $$
declare
  v_replay bigint;
  v_vault bigint;
  v_txn bigint;
  v_result jsonb;
  a record;
begin
  if p_amount is null or p_amount <= 0 then
    perform ledger_raise('SRL10', 'E_INVALID_AMOUNT', 'amount must be positive');
  end if;
  if p_kind not in ('deposit', 'withdrawal') then
    raise exception 'unknown cash posting kind %', p_kind;
  end if;
  v_replay := ledger_idempotency_begin(p_scope, p_key, p_request_hash);
  if v_replay is not null then
    return ledger_transaction_json(v_replay) || '{"replayed": true}'::jsonb;
  end if;
  select acc as account, cu.kyc_status as kyc
    into a from accounts acc left join customers cu on cu.id = acc.customer_id
   where acc.id = p_account for update of acc;
  perform ledger_credit_check(p_kind, a.account, p_currency, p_owner_customer);
  select id into v_vault from accounts where system_code = 'vault_cash' and currency = p_currency;
  if v_vault is null then
    perform ledger_raise('SRL05', 'E_CURRENCY_MISMATCH', 'the bank holds no ' || p_currency || ' cash');
  end if;
  if p_kind = 'withdrawal' then
    perform ledger_debit_check('withdrawal', a.account, p_currency, p_amount, a.kyc, p_owner_customer);
    v_txn := ledger_book('withdrawal', p_currency, array[p_account, v_vault], array['debit', 'credit'],
      array[p_amount, p_amount], p_account, v_vault, p_amount, p_reference, null, null,
      p_audit->>'actor_type', p_audit->>'actor_id', '{}'::jsonb);
  else
    v_txn := ledger_book('deposit', p_currency, array[v_vault, p_account], array['debit', 'credit'],
      array[p_amount, p_amount], v_vault, p_account, p_amount, p_reference, null, null,
      p_audit->>'actor_type', p_audit->>'actor_id', '{}'::jsonb);
  end if;
  v_result := ledger_transaction_json(v_txn);
  perform ledger_idempotency_complete(p_scope, p_key, p_request_hash, 'ledger_transaction', v_txn, 201);
  perform audit_append(p_audit || jsonb_build_object('action', 'ledger.' || p_kind || '.posted',
    'subject_type', 'ledger_transaction', 'subject_id', v_txn::text, 'after', v_result - 'replayed'));
  return v_result;
end
$$;
