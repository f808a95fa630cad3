import { BaseSchema } from '@adonisjs/lucid/schema'
import { dropSqlFunctions, installSqlFunctions } from '#database/sql_functions'

/**
 * Customer payments held for review (issue 9, risk): when the inline risk
 * rules say "review", the money is held on the debtor account
 * (ledger_hold_payment: the payment's rules, limits and dynamic linking as
 * for a transfer, then a hold) and this row remembers where it was going.
 * Compliance captures it (the payment goes ahead: hold released and the
 * transfer posted in one transaction) or releases it (cancelled).
 * The idempotency key the customer used stays bound to the hold.
 */
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
    installSqlFunctions(this, ['ledger/ledger_hold_payment'])
  }

  async down() {
    dropSqlFunctions(this, ['ledger/ledger_hold_payment'])
    this.schema.dropTable('risk_held_payments')
  }
}
