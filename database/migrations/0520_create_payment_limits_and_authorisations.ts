import { BaseSchema } from '@adonisjs/lucid/schema'
import { dropSqlFunctions, installSqlFunctions } from '#database/sql_functions'

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
 *
 * Functions (database/sql/ledger/): payment_guard; ledger_post_transfer gained
 * p_payment here, so the 11-parameter version is dropped. down() drops
 * payment_guard only: the file holds the one ledger_post_transfer there is,
 * which calls payment_guard only when given a payment policy; migration
 * 0106's down() drops it.
 */
/** ledger_post_transfer before p_payment (migration 0106 created it) */
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
    this.schema.raw(`drop function if exists ${OLD_SIGNATURE}`)
    installSqlFunctions(this, ['ledger/payment_guard', 'ledger/ledger_post_transfer'])
  }

  async down() {
    dropSqlFunctions(this, ['ledger/payment_guard'])
    this.schema.dropTable('payment_authorisations')
    this.schema.dropTable('customer_payees')
    this.schema.dropTable('payment_daily_totals')
    this.schema.dropTable('customer_payment_limits')
  }
}
