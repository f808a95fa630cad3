-- ledger_hold_payment(...): a customer payment that the risk rules sent to
-- review: the money is held on the debtor account instead of moving. The
-- same rules as ledger_post_transfer(), except that nothing is posted:
-- the payment's amount is reserved by ledger_place_hold() until compliance
-- captures it (the payment goes ahead) or releases it.
--
-- Guarantees, in this order:
-- - a key already used replays through ledger_place_hold() (the original
--   hold, "replayed": true; another request under that key: SRL08)
-- - the creditor by id, else by account number; ledger_debit_check('transfer')
--   on the rows as read: both accounts exist (the debtor belongs to
--   p_owner_customer), differ, open, not frozen, one currency, KYC, funds
--                                    SRL02, SRL06, SRL04, SRL03, SRL05, SRL07, SRL01
-- - ledger_place_hold(): idempotency, the account row lock, the hold and
--   its audit row 'ledger.hold.placed'. A concurrent request with the same
--   key that completed first: 40001 (the caller retries and replays).
-- - payment_guard(): limits and dynamic linking as for a payment (the
--   authorisation consumed is linked to the hold); the held amount counts
--   towards the day total                          SRL20, SRL21
--   Lock order differs from a transfer's (account, then the day total): a
--   concurrent payment of the same customer may deadlock with it; the
--   caller retries 40P01.
-- Returns the hold as jsonb (ledger_hold_json) with "creditor_account_id".
create or replace function ledger_hold_payment(
  p_scope text, p_key text, p_request_hash text, p_debtor bigint, p_creditor_id bigint,
  p_creditor_number text, p_amount bigint, p_currency text, p_reason text,
  p_owner_customer bigint, p_payment jsonb, p_audit jsonb
) returns jsonb
language plpgsql as $$
declare
  v_creditor bigint := p_creditor_id;
  v_hold jsonb;
  d record;
  c accounts;
begin
  if p_amount is null or p_amount <= 0 then
    perform ledger_raise('SRL10', 'E_INVALID_AMOUNT', 'amount must be positive');
  end if;
  if v_creditor is null then
    select id into v_creditor from accounts where number = p_creditor_number;
  end if;
  if exists (select 1 from idempotency_keys where scope = p_scope and key = p_key) then
    return ledger_place_hold(p_scope, p_key, p_request_hash, p_debtor, p_amount, p_currency, p_reason,
      null, p_owner_customer, p_audit) || jsonb_build_object('creditor_account_id', v_creditor);
  end if;
  select a as account, cu.kyc_status as kyc
    into d from accounts a left join customers cu on cu.id = a.customer_id where a.id = p_debtor;
  select * into c from accounts where id = v_creditor;
  perform ledger_debit_check('transfer', d.account, p_currency, p_amount, d.kyc, p_owner_customer, c);

  v_hold := ledger_place_hold(p_scope, p_key, p_request_hash, p_debtor, p_amount, p_currency, p_reason,
    null, p_owner_customer, p_audit);
  if (v_hold->>'replayed')::boolean then
    raise exception 'the same key completed meanwhile' using errcode = '40001';
  end if;
  perform payment_guard(p_payment, (d.account).customer_id, p_debtor, v_creditor, p_amount, p_currency, null,
    (v_hold->>'id')::bigint);
  return v_hold || jsonb_build_object('creditor_account_id', v_creditor);
end
$$;
