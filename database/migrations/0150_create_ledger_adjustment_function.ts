import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Manual adjustment (always four-eyes, booked by the approval's handler):
 * credit or debit a customer account against the bank's suspense account
 * of its currency (system_code 'suspense', credit-normal).
 *
 *   credit: debit suspense, credit the customer
 *   debit:  debit the customer, credit suspense
 *
 * Same protocol as the other posting functions (migration 0106):
 * idempotency, the customer row locked FOR UPDATE, rules, ledger_book(),
 * the key, one audit row, the transaction as jsonb. A debit obeys the
 * debit rules (not frozen, within the overdraft); KYC is not asked: this is
 * a bank correction, not the customer moving money out. A closed account
 * is never touched. The reason is the transaction's description;
 * p_metadata (approval id, checker) goes on the transaction row.
 */
const ADJUSTMENT = `
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
  a record;
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
  select acc.id, acc.kind, acc.status, acc.currency, acc.available, acc.overdraft_limit
    into a from accounts acc where acc.id = p_account for update;
  if a.id is null or a.kind = 'internal' then
    perform ledger_raise('SRL02', 'E_ACCOUNT_NOT_FOUND', 'account not found');
  end if;
  if a.status = 'closed' then perform ledger_raise('SRL04', 'E_ACCOUNT_CLOSED', 'account is closed'); end if;
  if a.currency <> p_currency then
    perform ledger_raise('SRL05', 'E_CURRENCY_MISMATCH', 'amount currency differs from the account');
  end if;
  select id into v_suspense from accounts where system_code = 'suspense' and currency = p_currency;
  if v_suspense is null then
    perform ledger_raise('SRL05', 'E_CURRENCY_MISMATCH', 'the bank keeps no ' || p_currency || ' suspense account');
  end if;
  if p_direction = 'debit' then
    if a.status = 'frozen' then perform ledger_raise('SRL03', 'E_ACCOUNT_FROZEN', 'account is frozen'); end if;
    if a.available - p_amount < -a.overdraft_limit then
      perform ledger_raise('SRL01', 'E_INSUFFICIENT_FUNDS', 'insufficient available funds');
    end if;
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
$$`

export default class extends BaseSchema {
  async up() {
    this.schema.raw(ADJUSTMENT)
  }

  async down() {
    this.schema.raw(
      'drop function if exists ledger_post_adjustment(text, text, text, bigint, text, bigint, text, text, text, jsonb, jsonb)'
    )
  }
}
