import { BaseSchema } from '@adonisjs/lucid/schema'
import { TRANSFER as TRANSFER_0106 } from '#database/migrations/0106_create_ledger_posting_functions'

/**
 * Customer payment limits and dynamic linking (ARCHITECTURE §4, PSD2 RTS
 * art. 4-5 and 16), enforced inside ledger_post_transfer() when the caller
 * passes a payment policy (the customer API does; staff and system
 * transfers pass null and keep their own four-eyes rules).
 *
 * - customer_payment_limits: staff overrides of the configured defaults,
 *   per customer and currency (raising is four-eyes, see approvals).
 * - payment_daily_totals: what each customer paid per currency and UTC
 *   day. The conditional upsert in payment_guard() is the daily check: its
 *   row lock serialises one customer's payments until commit, so two
 *   parallel payments that together exceed the limit cannot both book.
 * - customer_payees: accounts the customer has paid above the low-value
 *   exemption (a payee is "known" after its first such payment, which
 *   itself needed dynamic linking). Backfilled from earlier transfers above
 *   30.00 in two-decimal currencies.
 * - payment_authorisations: a one-time authorisation for exactly one
 *   debtor, payee, amount and currency, consumed by the posting that uses it.
 */
const GUARD = `
create or replace function payment_guard(
  p_payment jsonb, p_customer bigint, p_debtor bigint, p_creditor bigint, p_amount bigint,
  p_currency text, p_txn bigint
) returns void
language plpgsql as $$
-- Customer payment rules, called by ledger_post_transfer() before its locked
-- section. In order: single-payment limit (SRL20), dynamic linking (SRL21:
-- a matching, unexpired, unconsumed authorisation is consumed, else a
-- payment above the threshold or above the exemption to a payee never paid
-- above it is refused), daily total (SRL20, checked by the conditional
-- upsert that locks the customer's day row until commit), known payee.
-- p_payment: {single_limit, daily_limit, threshold, exemption, authorisation_id}
-- (minor units as strings; limits are the defaults, an override wins).
declare
  v_single bigint;
  v_daily bigint;
  v_total bigint;
  v_found uuid;
  v_auth uuid := nullif(p_payment->>'authorisation_id', '')::uuid;
  v_exemption bigint := (p_payment->>'exemption')::bigint;
  v_day date := (now() at time zone 'UTC')::date;
begin
  select l.single_limit, l.daily_limit into v_single, v_daily
    from customer_payment_limits l where l.customer_id = p_customer and l.currency = p_currency;
  v_single := coalesce(v_single, (p_payment->>'single_limit')::bigint);
  v_daily := coalesce(v_daily, (p_payment->>'daily_limit')::bigint);
  if p_amount > v_single then
    perform ledger_raise('SRL20', 'E_LIMIT_EXCEEDED', jsonb_build_object(
      'limit', 'single', 'currency', p_currency, 'limit_minor', v_single::text, 'remaining_minor', v_single::text)::text);
  end if;

  if v_auth is not null then
    update payment_authorisations set consumed_at = now(), transaction_id = p_txn
     where id = v_auth and customer_id = p_customer and consumed_at is null and expires_at > now()
       and debtor_account_id = p_debtor and creditor_account_id = p_creditor
       and amount = p_amount and currency = p_currency
    returning id into v_found;
    if v_found is null then
      perform ledger_raise('SRL21', 'E_SCA_REQUIRED', jsonb_build_object('reason', 'authorisation_mismatch')::text);
    end if;
  elsif p_amount > (p_payment->>'threshold')::bigint then
    perform ledger_raise('SRL21', 'E_SCA_REQUIRED', jsonb_build_object(
      'reason', 'amount_above_threshold', 'threshold_minor', p_payment->>'threshold')::text);
  elsif p_amount > v_exemption
        and not exists (select 1 from customer_payees where customer_id = p_customer and account_id = p_creditor) then
    perform ledger_raise('SRL21', 'E_SCA_REQUIRED', jsonb_build_object(
      'reason', 'new_payee', 'exemption_minor', v_exemption::text)::text);
  end if;

  if p_amount > v_daily then
    select coalesce(sum(total), 0) into v_total from payment_daily_totals
     where customer_id = p_customer and currency = p_currency and day = v_day;
    perform ledger_raise('SRL20', 'E_LIMIT_EXCEEDED', jsonb_build_object('limit', 'daily', 'currency', p_currency,
      'limit_minor', v_daily::text, 'remaining_minor', greatest(v_daily - v_total, 0)::text)::text);
  end if;
  insert into payment_daily_totals as t (customer_id, currency, day, total)
  values (p_customer, p_currency, v_day, p_amount)
  on conflict (customer_id, currency, day) do update set total = t.total + excluded.total
   where t.total + excluded.total <= v_daily
  returning total into v_total;
  if v_total is null then
    select total into v_total from payment_daily_totals
     where customer_id = p_customer and currency = p_currency and day = v_day;
    perform ledger_raise('SRL20', 'E_LIMIT_EXCEEDED', jsonb_build_object('limit', 'daily', 'currency', p_currency,
      'limit_minor', v_daily::text, 'remaining_minor', greatest(v_daily - v_total, 0)::text)::text);
  end if;

  if p_amount > v_exemption then
    insert into customer_payees (customer_id, account_id) values (p_customer, p_creditor) on conflict do nothing;
  end if;
end
$$`

/** ledger_post_transfer() of migration 0106 plus p_payment and one payment_guard() call */
const TRANSFER = `
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
  c record;
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
  select a.id, a.customer_id, a.kind, a.status, a.currency, a.available, a.overdraft_limit, cu.kyc_status
    into d from accounts a left join customers cu on cu.id = a.customer_id where a.id = p_debtor;
  if d.id is null or d.kind = 'internal'
     or (p_owner_customer is not null and d.customer_id is distinct from p_owner_customer) then
    perform ledger_raise('SRL02', 'E_ACCOUNT_NOT_FOUND', 'debtor account not found');
  end if;
  select a.id, a.kind, a.status, a.currency into c from accounts a where a.id = v_creditor;
  if c.id is null or c.kind = 'internal' then
    perform ledger_raise('SRL02', 'E_ACCOUNT_NOT_FOUND', 'creditor account not found');
  end if;
  if c.id = d.id then
    perform ledger_raise('SRL06', 'E_SAME_ACCOUNT', 'debtor and creditor are the same account');
  end if;
  perform ledger_check_transfer(d.status, d.available, d.overdraft_limit, c.status, d.currency, c.currency,
    p_currency, d.kyc_status, p_amount);

  v_txn := nextval(pg_get_serial_sequence('ledger_transactions', 'id'));
  insert into ledger_transactions
    (id, kind, reference, actor_type, actor_id, debtor_account_id, creditor_account_id, amount, currency, entries_hash)
  values
    (v_txn, 'transfer', p_reference, coalesce(p_audit->>'actor_type', 'system'), p_audit->>'actor_id',
     p_debtor, v_creditor, p_amount, p_currency,
     ledger_entries_hash(v_txn, array[p_debtor, v_creditor], array['debit', 'credit'],
                         array[p_amount, p_amount], array[p_currency, p_currency]));
  insert into ledger_entries (transaction_id, account_id, direction, amount, currency)
  values (v_txn, p_debtor, 'debit', p_amount, p_currency), (v_txn, v_creditor, 'credit', p_amount, p_currency);
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
    perform payment_guard(p_payment, d.customer_id, p_debtor, v_creditor, p_amount, p_currency, v_txn);
  end if;

  -- locked section: ascending id order, rules re-checked on the current row version
  for i in 1..2 loop
    if (i = 1) = (p_debtor < v_creditor) then
      update accounts set balance = balance - p_amount, available = available - p_amount, updated_at = now()
       where id = p_debtor and status = 'active' and available - p_amount >= -overdraft_limit
      returning id into v_done;
      if v_done is null then
        select a.status, a.available, a.overdraft_limit into d from accounts a where a.id = p_debtor;
        perform ledger_check_transfer(d.status, d.available, d.overdraft_limit, 'active', p_currency,
          p_currency, p_currency, 'verified', p_amount);
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
$$`

const OLD_SIGNATURE = 'ledger_post_transfer(text, text, text, bigint, bigint, text, bigint, text, text, bigint, jsonb)'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('customer_payment_limits', (table) => {
      table.bigInteger('customer_id').notNullable().references('id').inTable('customers').onDelete('cascade')
      table.specificType('currency', 'char(3)').notNullable()
      table.bigInteger('single_limit').notNullable()
      table.bigInteger('daily_limit').notNullable()
      table.bigInteger('updated_by').nullable().references('id').inTable('staff_users')
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['customer_id', 'currency'])
      table.check('single_limit >= 0 and daily_limit >= 0', [], 'customer_payment_limits_not_negative')
    })
    this.schema.createTable('payment_daily_totals', (table) => {
      table.bigInteger('customer_id').notNullable()
      table.specificType('currency', 'char(3)').notNullable()
      table.date('day').notNullable()
      table.bigInteger('total').notNullable()
      table.primary(['customer_id', 'currency', 'day'])
      table.check('total > 0', [], 'payment_daily_totals_positive')
    })
    this.schema.createTable('customer_payees', (table) => {
      table.bigInteger('customer_id').notNullable()
      table.bigInteger('account_id').notNullable()
      table.timestamp('first_paid_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['customer_id', 'account_id'])
    })
    this.schema.createTable('payment_authorisations', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      table.bigInteger('customer_id').notNullable().references('id').inTable('customers')
      table.bigInteger('debtor_account_id').notNullable().references('id').inTable('accounts')
      table.bigInteger('creditor_account_id').notNullable().references('id').inTable('accounts')
      table.bigInteger('amount').notNullable()
      table.specificType('currency', 'char(3)').notNullable()
      table.integer('failed_attempts').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('expires_at', { useTz: true }).notNullable()
      table.timestamp('consumed_at', { useTz: true }).nullable()
      table.bigInteger('transaction_id').nullable().references('id').inTable('ledger_transactions')
      table.check('amount > 0', [], 'payment_authorisations_amount_positive')
      table.check('(consumed_at is null) = (transaction_id is null)', [], 'payment_authorisations_consumed_by_posting')
      table.index(['customer_id', 'created_at'])
    })
    this.schema.raw(`
      insert into customer_payees (customer_id, account_id, first_paid_at)
      select a.customer_id, t.creditor_account_id, min(t.booked_at)
        from ledger_transactions t join accounts a on a.id = t.debtor_account_id
       where t.kind = 'transfer' and t.amount > 3000 and a.customer_id is not null
       group by a.customer_id, t.creditor_account_id
    `)
    this.schema.raw(GUARD)
    this.schema.raw(`drop function if exists ${OLD_SIGNATURE}`)
    this.schema.raw(TRANSFER)
  }

  async down() {
    this.schema.raw(
      'drop function if exists ledger_post_transfer(text, text, text, bigint, bigint, text, bigint, text, text, bigint, jsonb, jsonb)'
    )
    this.schema.raw(
      'drop function if exists payment_guard(jsonb, bigint, bigint, bigint, bigint, text, bigint)'
    )
    this.schema.raw(TRANSFER_0106)
    this.schema.dropTable('payment_authorisations')
    this.schema.dropTable('customer_payees')
    this.schema.dropTable('payment_daily_totals')
    this.schema.dropTable('customer_payment_limits')
  }
}
