-- ledger_post_transfer(...): a transfer between two customer accounts
-- (debit the debtor, credit the creditor), THE hot path. One call = one
-- round trip and, in autocommit, its own transaction.
--
-- Guarantees, in this order:
-- - amount > 0, before anything else                    SRL10 E_INVALID_AMOUNT
-- - idempotency (ledger_idempotency_begin): a completed key replays the
--   original transaction with "replayed": true           SRL08, SRL09
-- - the creditor by id, else by account number; ledger_debit_check('transfer')
--   on the rows as read, WITHOUT locks: debtor and creditor exist (the debtor
--   belongs to p_owner_customer when given), differ, debtor open, not
--   frozen, creditor open, one currency, KYC verified, funds
--                                    SRL02, SRL06, SRL04, SRL03, SRL05, SRL07, SRL01
-- - ledger_book(p_move_balances => false): the transaction and its two
--   entries; the key (ledger_idempotency_complete); the audit row
--   'ledger.transfer.posted' (audit_append)
-- - customer payments (p_payment not null, the customer API): payment_guard()
--   (limits, dynamic linking; locks the customer's day total until commit)
--                                                        SRL20, SRL21
-- - the locked section, last: the two balance UPDATEs in ascending account
--   id order (no deadlocks), each re-checking its rules on the current row
--   version in its WHERE. When the debtor's fails, ledger_debit_check() on
--   the current row says which rule now fails (SRL04, SRL03, SRL01); when
--   none does, 40001 (serialization failure: the caller retries). When the
--   creditor's fails: SRL04 (closed meanwhile).
-- Any failure rolls everything back. Returns the transaction as jsonb
-- (ledger_transaction_json's shape).
create or replace function ledger_post_transfer(
  p_scope text, p_key text, p_request_hash text, p_debtor bigint, p_creditor_id bigint,
  p_creditor_number text, p_amount bigint, p_currency text, p_reference text,
  p_owner_customer bigint, p_audit jsonb, p_payment jsonb
) returns jsonb
language plpgsql as $$
declare
  v_replay bigint;
  v_creditor bigint := p_creditor_id;
  v_txn bigint;
  v_result jsonb;
  v_done bigint;
  d record;
  c accounts;
  v_current accounts;
begin
  if p_amount is null or p_amount <= 0 then
    perform ledger_raise('SRL10', 'E_INVALID_AMOUNT', 'amount must be positive');
  end if;
  v_replay := ledger_idempotency_begin(p_scope, p_key, p_request_hash);
  if v_replay is not null then
    return ledger_transaction_json(v_replay) || '{"replayed": true}'::jsonb;
  end if;
  if v_creditor is null then
    select id into v_creditor from accounts where number = p_creditor_number;
  end if;
  select a as account, cu.kyc_status as kyc
    into d from accounts a left join customers cu on cu.id = a.customer_id where a.id = p_debtor;
  select * into c from accounts where id = v_creditor;
  perform ledger_debit_check('transfer', d.account, p_currency, p_amount, d.kyc, p_owner_customer, c);

  v_txn := ledger_book('transfer', p_currency, array[p_debtor, v_creditor], array['debit', 'credit'],
    array[p_amount, p_amount], p_debtor, v_creditor, p_amount, p_reference, null, null,
    p_audit->>'actor_type', p_audit->>'actor_id', '{}'::jsonb, p_move_balances => false);
  v_result := jsonb_build_object(
    'id', v_txn, 'kind', 'transfer', 'status', 'booked', 'debtor_account_id', p_debtor,
    'creditor_account_id', v_creditor, 'amount', p_amount::text, 'currency', p_currency,
    'reference', p_reference, 'reverses_id', null,
    'booked_at', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), 'replayed', false);
  perform ledger_idempotency_complete(p_scope, p_key, p_request_hash, 'ledger_transaction', v_txn, 201);
  perform audit_append(p_audit || jsonb_build_object('action', 'ledger.transfer.posted',
    'subject_type', 'ledger_transaction', 'subject_id', v_txn::text, 'after', v_result - 'replayed'));

  -- customer payments: limits, dynamic linking; locks the customer's day total until commit
  if p_payment is not null then
    perform payment_guard(p_payment, (d.account).customer_id, p_debtor, v_creditor, p_amount, p_currency, v_txn);
  end if;

  -- locked section: ascending id order, rules re-checked on the current row version
  for i in 1..2 loop
    if (i = 1) = (p_debtor < v_creditor) then
      update accounts set balance = balance - p_amount, available = available - p_amount, updated_at = now()
       where id = p_debtor and status = 'active' and available - p_amount >= -overdraft_limit
      returning id into v_done;
      if v_done is null then
        select * into v_current from accounts where id = p_debtor;
        perform ledger_debit_check('transfer', v_current, p_currency, p_amount, d.kyc, p_owner_customer, c);
        raise exception 'debtor % changed during the transfer', p_debtor using errcode = '40001';
      end if;
    else
      update accounts set balance = balance + p_amount, available = available + p_amount, updated_at = now()
       where id = v_creditor and status <> 'closed'
      returning id into v_done;
      if v_done is null then
        perform ledger_raise('SRL04', 'E_ACCOUNT_CLOSED', 'creditor account is closed');
      end if;
    end if;
    v_done := null;
  end loop;
  return v_result;
end
$$;
