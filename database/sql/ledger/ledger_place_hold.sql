-- ledger_place_hold(...): reserves an amount on a customer account: its
-- `available` goes down, nothing is posted. Released or captured later by
-- ledger_settle_hold().
--
-- Guarantees, in this order:
-- - amount > 0                                          SRL10 E_INVALID_AMOUNT
-- - idempotency (ledger_idempotency_begin): a completed key replays  SRL08, SRL09
-- - the account locked FOR UPDATE; ledger_debit_check('hold'): exists (and
--   belongs to p_owner_customer when given), open, not frozen, currency,
--   KYC verified, funds             SRL02, SRL04, SRL03, SRL05, SRL07, SRL01
-- - the hold row, available reduced, the key, the audit row 'ledger.hold.placed'
-- Returns the hold as jsonb (ledger_hold_json).
create or replace function ledger_place_hold(
  p_scope text, p_key text, p_request_hash text, p_account bigint, p_amount bigint, p_currency text,
  p_reason text, p_expires_at timestamptz, p_owner_customer bigint, p_audit jsonb
) returns jsonb
language plpgsql as $$
declare
  v_replay bigint;
  v_hold holds;
  a record;
begin
  if p_amount is null or p_amount <= 0 then
    perform ledger_raise('SRL10', 'E_INVALID_AMOUNT', 'amount must be positive');
  end if;
  v_replay := ledger_idempotency_begin(p_scope, p_key, p_request_hash);
  if v_replay is not null then
    return ledger_hold_json(v_replay) || '{"replayed": true}'::jsonb;
  end if;
  select acc as account, cu.kyc_status as kyc
    into a from accounts acc left join customers cu on cu.id = acc.customer_id
   where acc.id = p_account for update of acc;
  perform ledger_debit_check('hold', a.account, p_currency, p_amount, a.kyc, p_owner_customer);
  insert into holds (account_id, amount, currency, status, reason, expires_at, actor_type, actor_id)
  values (p_account, p_amount, p_currency, 'active', p_reason, p_expires_at,
          coalesce(p_audit->>'actor_type', 'system'), p_audit->>'actor_id')
  returning * into v_hold;
  update accounts set available = available - p_amount, updated_at = now() where id = p_account;
  perform ledger_idempotency_complete(p_scope, p_key, p_request_hash, 'hold', v_hold.id, 201);
  perform audit_append(p_audit || jsonb_build_object('action', 'ledger.hold.placed',
    'subject_type', 'hold', 'subject_id', v_hold.id::text, 'after', ledger_hold_json(v_hold.id) - 'replayed'));
  return ledger_hold_json(v_hold.id);
end
$$;
