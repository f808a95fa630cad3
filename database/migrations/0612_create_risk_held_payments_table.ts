import { BaseSchema } from '@adonisjs/lucid/schema'
import { dropSqlFunctions, installSqlFunctions } from '#database/sql_functions'

/**
 * Customer payments held for review (issue 9, risk): when the inline risk
 * rules say "review", the money is held on the debtor account
 * (ledger_hold_payment: the payment's rules, limits and dynamic linking as
 * for a transfer, then a hold) and this row remembers where it was going.
 * Compliance captures it (the payment goes ahead: hold released and the
 * transfer posted in one transaction) or releases it (cancelled).
 * The idempotency key the customer used stays bound to the hold, and the
 * payment authorisation (dynamic linking) it consumed is linked to the hold
 * (payment_guard gains p_hold).
 */
const OLD_PAYMENT_GUARD = 'payment_guard(jsonb, bigint, bigint, bigint, bigint, text, bigint)'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('risk_held_payments', (table) => {
      table.bigIncrements('id')
      table.bigInteger('hold_id').notNullable().unique().references('id').inTable('holds')
      table.bigInteger('customer_id').notNullable().references('id').inTable('customers')
      table.bigInteger('debtor_account_id').notNullable().references('id').inTable('accounts')
      table.bigInteger('creditor_account_id').notNullable().references('id').inTable('accounts')
      table.bigInteger('amount').notNullable()
      table.specificType('currency', 'char(3)').notNullable()
      table.string('reference', 140).nullable()
      table.string('status', 12).notNullable().defaultTo('held')
      table.bigInteger('transaction_id').nullable().references('id').inTable('ledger_transactions')
      table.bigInteger('settled_by').nullable().references('id').inTable('staff_users')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('settled_at', { useTz: true }).nullable()
      table.check('amount > 0', [], 'risk_held_payments_amount_positive')
      table.check("status in ('held', 'captured', 'released')", [], 'risk_held_payments_status')
      table.check("(status = 'captured') = (transaction_id is not null)", [], 'risk_held_payments_captured_has_transaction')
      table.index(['customer_id', 'created_at'])
    })
    /* A payment held for review consumes its payment authorisation too: linked to the hold */
    this.schema.alterTable('payment_authorisations', (table) => {
      table.bigInteger('hold_id').nullable().references('id').inTable('holds')
      table.dropChecks(['payment_authorisations_consumed_by_posting'])
      table.check(
        '(consumed_at is null) = (transaction_id is null and hold_id is null)',
        [],
        'payment_authorisations_consumed_by_posting'
      )
    })
    this.schema.raw(`drop function if exists ${OLD_PAYMENT_GUARD}`)
    installSqlFunctions(this, ['ledger/payment_guard', 'ledger/ledger_hold_payment'])
  }

  async down() {
    dropSqlFunctions(this, ['ledger/ledger_hold_payment'])
    /* NOT VALID: authorisations consumed by a held payment cannot be expressed in the old rule */
    this.schema.alterTable('payment_authorisations', (table) => {
      table.dropChecks(['payment_authorisations_consumed_by_posting'])
      table.dropColumn('hold_id')
    })
    this.schema.raw(
      'alter table payment_authorisations add constraint payment_authorisations_consumed_by_posting ' +
        'check ((consumed_at is null) = (transaction_id is null)) not valid'
    )
    this.schema.dropTable('risk_held_payments')
  }
}
