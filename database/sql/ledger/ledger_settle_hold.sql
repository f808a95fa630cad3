-- ledger_settle_hold(hold, capture_amount, counter_code, reference, audit):
-- releases a hold (capture_amount null: available goes back up) or
-- captures it (posts the captured amount: debit the customer, credit the
-- internal account p_counter_code of the currency, 'settlement' by
-- default; any remainder is released).
--
-- Guarantees, in this order:
-- - the hold exists                                SRL13 E_HOLD_NOT_FOUND
-- - lock order: the account row, then the hold row (FOR UPDATE)
-- - the hold is active                             SRL12 E_HOLD_NOT_ACTIVE
-- - capture: 0 < capture_amount <= held amount     SRL10 E_INVALID_AMOUNT
-- - capture: ledger_debit_check('hold_capture') with the hold given back to
--   available: open, not frozen (funds and KYC were checked when the hold
--   was placed; the funds rule holds by construction)   SRL04, SRL03
-- - capture: the internal account exists           SRL02 E_ACCOUNT_NOT_FOUND
-- - ledger_book('hold_capture', metadata hold_id); the audit row
--   'ledger.hold.released' or 'ledger.hold.captured' with before and after
-- No idempotency key: a hold is settled once (SRL12 the second time).
-- Returns the hold as jsonb (ledger_hold_json).
create or replace function ledger_settle_hold(
  p_hold bigint, p_capture_amount bigint, p_counter_code text, p_reference text, p_audit jsonb
) returns jsonb
language plpgsql as $$
declare
  v_account bigint;
  v_counter bigint;
  v_txn bigint;
  h holds;
  a accounts;
  v_before jsonb;
begin
  select account_id into v_account from holds where id = p_hold;
  if v_account is null then
    perform ledger_raise('SRL13', 'E_HOLD_NOT_FOUND', 'hold not found');
  end if;
  select * into a from accounts where id = v_account for update;
  select * into h from holds where id = p_hold for update;
  if h.status <> 'active' then
    perform ledger_raise('SRL12', 'E_HOLD_NOT_ACTIVE', 'hold is ' || h.status);
  end if;
  v_before := ledger_hold_json(h.id) - 'replayed';
  if p_capture_amount is null then
    update holds set status = 'released', released_at = now(), updated_at = now() where id = h.id;
    update accounts set available = available + h.amount, updated_at = now() where id = v_account;
  else
    if p_capture_amount <= 0 or p_capture_amount > h.amount then
      perform ledger_raise('SRL10', 'E_INVALID_AMOUNT', 'capture amount must be positive and at most the held amount');
    end if;
    a.available := a.available + h.amount;
    perform ledger_debit_check('hold_capture', a, h.currency, p_capture_amount, null);
    select id into v_counter from accounts
     where system_code = coalesce(p_counter_code, 'settlement') and currency = h.currency;
    if v_counter is null then
      perform ledger_raise('SRL02', 'E_ACCOUNT_NOT_FOUND', 'no internal account ' || p_counter_code || ' in ' || h.currency);
    end if;
    -- give the hold back to available, then book (which takes the captured amount off)
    update accounts set available = available + h.amount, updated_at = now() where id = v_account;
    v_txn := ledger_book('hold_capture', h.currency, array[v_account, v_counter], array['debit', 'credit'],
      array[p_capture_amount, p_capture_amount], v_account, v_counter, p_capture_amount, p_reference,
      null, null, p_audit->>'actor_type', p_audit->>'actor_id', jsonb_build_object('hold_id', h.id));
    update holds set status = 'captured', captured_transaction_id = v_txn, captured_at = now(), updated_at = now()
     where id = h.id;
  end if;
  perform audit_append(p_audit || jsonb_build_object(
    'action', case when p_capture_amount is null then 'ledger.hold.released' else 'ledger.hold.captured' end,
    'subject_type', 'hold', 'subject_id', h.id::text, 'before', v_before,
    'after', ledger_hold_json(h.id) - 'replayed'));
  return ledger_hold_json(h.id);
end
$$;
