import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Holds: placing one reduces `available` (same rules as a debit: active
 * account, verified customer, within the overdraft); releasing restores it;
 * capturing posts the captured amount (debit the customer, credit an
 * internal account, settlement by default) and releases any remainder.
 * Lock order: the account row, then the hold row.
 */
const PLACE = `
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
  select acc.id, acc.customer_id, acc.kind, acc.status, acc.currency, acc.available, acc.overdraft_limit, cu.kyc_status
    into a from accounts acc left join customers cu on cu.id = acc.customer_id
   where acc.id = p_account for update of acc;
  if a.id is null or a.kind = 'internal'
     or (p_owner_customer is not null and a.customer_id is distinct from p_owner_customer) then
    perform ledger_raise('SRL02', 'E_ACCOUNT_NOT_FOUND', 'account not found');
  end if;
  if a.status = 'closed' then perform ledger_raise('SRL04', 'E_ACCOUNT_CLOSED', 'account is closed'); end if;
  if a.status = 'frozen' then perform ledger_raise('SRL03', 'E_ACCOUNT_FROZEN', 'account is frozen'); end if;
  if a.currency <> p_currency then
    perform ledger_raise('SRL05', 'E_CURRENCY_MISMATCH', 'amount currency differs from the account');
  end if;
  if a.kyc_status is distinct from 'verified' then
    perform ledger_raise('SRL07', 'E_KYC_NOT_VERIFIED', 'customer identity not verified');
  end if;
  if a.available - p_amount < -a.overdraft_limit then
    perform ledger_raise('SRL01', 'E_INSUFFICIENT_FUNDS', 'insufficient available funds');
  end if;
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
$$`

const SETTLE = `
create or replace function ledger_settle_hold(
  p_hold bigint, p_capture_amount bigint, p_counter_code text, p_reference text, p_audit jsonb
) returns jsonb
language plpgsql as $$
declare
  v_account bigint;
  v_counter bigint;
  v_txn bigint;
  h holds;
  a record;
  v_before jsonb;
begin
  select account_id into v_account from holds where id = p_hold;
  if v_account is null then
    perform ledger_raise('SRL13', 'E_HOLD_NOT_FOUND', 'hold not found');
  end if;
  select acc.id, acc.status into a from accounts acc where acc.id = v_account for update;
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
    if a.status = 'closed' then perform ledger_raise('SRL04', 'E_ACCOUNT_CLOSED', 'account is closed'); end if;
    if a.status = 'frozen' then perform ledger_raise('SRL03', 'E_ACCOUNT_FROZEN', 'account is frozen'); end if;
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
$$`

const HOLD_JSON = `
create or replace function ledger_hold_json(p_id bigint) returns jsonb
language sql stable as $$
  select jsonb_build_object(
    'id', h.id, 'account_id', h.account_id, 'amount', h.amount::text, 'currency', h.currency,
    'status', h.status, 'reason', h.reason, 'captured_transaction_id', h.captured_transaction_id,
    'expires_at', to_char(h.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    'created_at', to_char(h.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    'replayed', false)
  from holds h where h.id = p_id
$$`

export default class extends BaseSchema {
  async up() {
    this.schema.raw(HOLD_JSON)
    this.schema.raw(PLACE)
    this.schema.raw(SETTLE)
  }

  async down() {
    this.schema.raw('drop function if exists ledger_settle_hold(bigint, bigint, text, text, jsonb)')
    this.schema.raw(
      'drop function if exists ledger_place_hold(text, text, text, bigint, bigint, text, text, timestamptz, bigint, jsonb)'
    )
    this.schema.raw('drop function if exists ledger_hold_json(bigint)')
  }
}
