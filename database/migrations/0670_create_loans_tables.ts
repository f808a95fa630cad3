import { BaseSchema } from '@adonisjs/lucid/schema'
import { dropSqlFunctions, installSqlFunctions } from '#database/sql_functions'

/**
 * Loans (issue 11).
 *
 * - loan_products: a product's stable identity (code) and which of its
 *   versions is offered now.
 * - loan_product_versions: the terms, one row per published version,
 *   append-only. A change is a new version written once a second admin
 *   approved it (four-eyes); a loan names the version it was made under,
 *   and copies the terms it depends on, so no product change ever alters
 *   an existing loan.
 * - loans: one row from the application to the end of the loan (the
 *   lifecycle of #domain/loans/lifecycle): submitted → under_review →
 *   approved | rejected | withdrawn → disbursed → active ↔ in_arrears →
 *   paid_off | written_off. The assessment that ran on submission is kept
 *   as jsonb. Once disbursed, `account_id` is the loan's own receivable:
 *   an `accounts` row of kind 'loan', debit-normal, owned by the borrower,
 *   whose balance is the principal outstanding.
 * - loan_instalments: the schedule computed at disbursement
 *   (#domain/loans/schedule, integer minor units), with what was paid of
 *   each component.
 * - loan_repayments: every posting that paid (or wrote off) part of a
 *   loan, with what it paid of each component and instalment; a reversal
 *   of a mistaken repayment is a row of its own linked to it.
 * - loan_notes: the officers' notes on an application (append-only).
 *
 * Accounts gain the kind 'loan'. ledger_credit_check / ledger_debit_check
 * refuse it (E_ACCOUNT_NOT_FOUND) for every customer posting: a loan's
 * receivable moves only through the loan postings. The bank gains a
 * `loan_losses` expense account per currency for write-offs.
 */
const FUNCTIONS = [
  'ledger/ledger_credit_check',
  'ledger/ledger_debit_check',
  'ledger/ledger_reverse_transaction',
  'loans/loans_reject_change',
  'loans/ledger_post_loan_disbursement',
  'loans/ledger_post_loan_repayment',
  'loans/ledger_post_loan_write_off',
  'loans/ledger_reverse_loan_repayment',
]
const CURRENCIES = ['GBP', 'EUR', 'USD']
const STATUSES = [
  'submitted', 'under_review', 'approved', 'rejected', 'withdrawn',
  'disbursed', 'active', 'in_arrears', 'paid_off', 'written_off',
]
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ')

export default class extends BaseSchema {
  async up() {
    this.schema.raw('alter table accounts drop constraint accounts_kind_check')
    this.schema.raw(`alter table accounts add constraint accounts_kind_check check (kind in ('current', 'savings', 'internal', 'loan'))`)
    this.schema.raw(`alter table accounts add constraint accounts_loan_debit_normal check (kind <> 'loan' or normal_balance = 'debit')`)
    this.schema.raw('alter table ledger_transactions drop constraint ledger_transactions_kind')
    this.schema.raw(`alter table ledger_transactions add constraint ledger_transactions_kind check (kind in
      ('deposit', 'withdrawal', 'transfer', 'reversal', 'hold_capture', 'opening', 'adjustment',
       'loan_disbursement', 'loan_repayment', 'loan_write_off'))`)

    this.schema.createTable('loan_products', (table) => {
      table.bigIncrements('id')
      table.text('code').notNullable().unique()
      table.text('status').notNullable().defaultTo('active')
      table.bigInteger('current_version_id').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.check("status in ('active', 'retired')", [], 'loan_products_status')
      table.check("code ~ '^[a-z0-9][a-z0-9-]{1,39}$'", [], 'loan_products_code')
    })

    this.schema.createTable('loan_product_versions', (table) => {
      table.bigIncrements('id')
      table.bigInteger('product_id').notNullable().references('id').inTable('loan_products')
      table.integer('version').notNullable()
      table.text('name').notNullable()
      table.specificType('currency', 'char(3)').notNullable()
      table.bigInteger('min_principal').notNullable()
      table.bigInteger('max_principal').notNullable()
      table.integer('min_term').notNullable()
      table.integer('max_term').notNullable()
      /* nominal annual rate in parts per million (12.5% = 125000) */
      table.bigInteger('annual_rate_ppm').notNullable()
      table.text('frequency').notNullable()
      table.text('amortisation').notNullable()
      table.bigInteger('origination_fee_ppm').notNullable().defaultTo(0)
      table.bigInteger('late_penalty').notNullable().defaultTo(0)
      table.integer('grace_days').notNullable().defaultTo(0)
      table.bigInteger('max_debt_to_income_ppm').notNullable()
      table.bigInteger('second_approval_above').notNullable()
      table.specificType('allocation_order', 'text[]').notNullable()
      table.text('note').nullable()
      table.bigInteger('requested_by').nullable().references('id').inTable('staff_users')
      table.bigInteger('approved_by').nullable().references('id').inTable('staff_users')
      table.bigInteger('approval_id').nullable().unique().references('id').inTable('approvals')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['product_id', 'version'])
      table.check("currency ~ '^[A-Z]{3}$'", [], 'loan_product_versions_currency')
      table.check('min_principal > 0 and max_principal >= min_principal', [], 'loan_product_versions_principal')
      table.check('min_term >= 1 and max_term >= min_term and max_term <= 600', [], 'loan_product_versions_term')
      table.check('annual_rate_ppm between 0 and 1000000', [], 'loan_product_versions_rate')
      table.check("frequency in ('monthly', 'weekly')", [], 'loan_product_versions_frequency')
      table.check("amortisation in ('annuity', 'equal_principal')", [], 'loan_product_versions_amortisation')
      table.check('origination_fee_ppm between 0 and 1000000', [], 'loan_product_versions_fee')
      table.check('late_penalty >= 0 and grace_days >= 0', [], 'loan_product_versions_penalty')
      table.check('max_debt_to_income_ppm between 1 and 1000000', [], 'loan_product_versions_dti')
      table.check('second_approval_above >= 0', [], 'loan_product_versions_threshold')
      table.check(
        "allocation_order @> array['penalty', 'fee', 'interest', 'principal'] and cardinality(allocation_order) = 4",
        [],
        'loan_product_versions_allocation'
      )
      table.check(
        '(requested_by is null) = (approved_by is null) and (requested_by is null or requested_by <> approved_by)',
        [],
        'loan_product_versions_four_eyes'
      )
    })
    this.schema.raw(`alter table loan_products add constraint loan_products_current_version
      foreign key (current_version_id) references loan_product_versions (id)`)

    this.schema.createTable('loans', (table) => {
      table.bigIncrements('id')
      table.bigInteger('customer_id').notNullable().references('id').inTable('customers')
      table.bigInteger('product_version_id').notNullable().references('id').inTable('loan_product_versions')
      table.text('status').notNullable().defaultTo('submitted')
      table.specificType('currency', 'char(3)').notNullable()
      table.bigInteger('principal').notNullable()
      table.integer('term_count').notNullable()
      /* the terms copied from the product version at submission */
      table.bigInteger('annual_rate_ppm').notNullable()
      table.text('frequency').notNullable()
      table.text('amortisation').notNullable()
      table.bigInteger('origination_fee').notNullable()
      table.text('purpose').notNullable()
      table.bigInteger('monthly_income').notNullable()
      table.bigInteger('monthly_obligations').notNullable()
      table.bigInteger('disbursement_account_id').notNullable().references('id').inTable('accounts')
      table.jsonb('documents').notNullable().defaultTo('[]')
      table.jsonb('assessment').nullable()
      table.text('recommendation').nullable()
      table.text('channel').notNullable()
      table.bigInteger('submitted_by').nullable().references('id').inTable('staff_users')
      table.bigInteger('reviewer_id').nullable().references('id').inTable('staff_users')
      table.bigInteger('decided_by').nullable().references('id').inTable('staff_users')
      table.bigInteger('second_approver_id').nullable().references('id').inTable('staff_users')
      table.bigInteger('approval_id').nullable().references('id').inTable('approvals')
      table.text('decision_reason').nullable()
      table.bigInteger('account_id').nullable().unique().references('id').inTable('accounts')
      table.bigInteger('disbursement_transaction_id').nullable().references('id').inTable('ledger_transactions')
      table.date('start_date').nullable()
      table.integer('days_past_due').notNullable().defaultTo(0)
      table.timestamp('submitted_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('decided_at', { useTz: true }).nullable()
      table.timestamp('disbursed_at', { useTz: true }).nullable()
      table.timestamp('closed_at', { useTz: true }).nullable()
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.check(`status in (${list(STATUSES)})`, [], 'loans_status')
      table.check('principal > 0 and term_count >= 1 and origination_fee >= 0 and origination_fee < principal', [], 'loans_amounts')
      table.check('monthly_income >= 0 and monthly_obligations >= 0', [], 'loans_declared')
      table.check("channel in ('api', 'backoffice')", [], 'loans_channel')
      table.check("(channel = 'backoffice') = (submitted_by is not null)", [], 'loans_submitted_by')
      table.check('second_approver_id is null or second_approver_id <> decided_by', [], 'loans_four_eyes')
      table.check(
        "(status in ('disbursed', 'active', 'in_arrears', 'paid_off', 'written_off')) = (account_id is not null and disbursement_transaction_id is not null and start_date is not null)",
        [],
        'loans_disbursed_has_account'
      )
      table.check("jsonb_typeof(documents) = 'array'", [], 'loans_documents')
    })
    this.schema.raw('create index loans_customer on loans (customer_id, id desc)')
    this.schema.raw(`create index loans_queue on loans (status, submitted_at) where status in ('submitted', 'under_review', 'approved')`)

    this.schema.createTable('loan_instalments', (table) => {
      table.bigInteger('loan_id').notNullable().references('id').inTable('loans')
      table.integer('number').notNullable()
      table.date('due_date').notNullable()
      table.bigInteger('principal').notNullable()
      table.bigInteger('interest').notNullable()
      table.bigInteger('fee').notNullable().defaultTo(0)
      table.bigInteger('penalty').notNullable().defaultTo(0)
      table.bigInteger('principal_paid').notNullable().defaultTo(0)
      table.bigInteger('interest_paid').notNullable().defaultTo(0)
      table.bigInteger('fee_paid').notNullable().defaultTo(0)
      table.bigInteger('penalty_paid').notNullable().defaultTo(0)
      table.timestamp('settled_at', { useTz: true }).nullable()
      table.primary(['loan_id', 'number'])
      table.check('number >= 1', [], 'loan_instalments_number')
      table.check('principal >= 0 and interest >= 0 and fee >= 0 and penalty >= 0', [], 'loan_instalments_due')
      table.check(
        'principal_paid between 0 and principal and interest_paid between 0 and interest and fee_paid between 0 and fee and penalty_paid between 0 and penalty',
        [],
        'loan_instalments_paid'
      )
    })

    this.schema.createTable('loan_repayments', (table) => {
      table.bigIncrements('id')
      table.bigInteger('loan_id').notNullable().references('id').inTable('loans')
      table.text('kind').notNullable()
      table.date('business_date').notNullable()
      table.bigInteger('amount').notNullable()
      table.bigInteger('principal').notNullable()
      table.bigInteger('interest').notNullable()
      table.bigInteger('fee').notNullable()
      table.bigInteger('penalty').notNullable()
      /* per instalment: [{ number, principal, interest, fee, penalty }] as strings */
      table.jsonb('allocation').notNullable()
      /* a prepayment or payoff rewrites the instalments not yet due: what they were, so a reversal can restore them */
      table.jsonb('schedule_before').nullable()
      table.bigInteger('transaction_id').notNullable().unique().references('id').inTable('ledger_transactions')
      table.bigInteger('reverses_id').nullable().unique().references('id').inTable('loan_repayments')
      table.text('actor_type').notNullable()
      table.text('actor_id').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.check("kind in ('collection', 'repayment', 'payoff', 'write_off', 'reversal')", [], 'loan_repayments_kind')
      table.check('principal >= 0 and interest >= 0 and fee >= 0 and penalty >= 0', [], 'loan_repayments_parts')
      table.check('amount > 0 and amount = principal + interest + fee + penalty', [], 'loan_repayments_sum')
      table.check("(kind = 'reversal') = (reverses_id is not null)", [], 'loan_repayments_reversal_link')
    })
    this.schema.raw('create index loan_repayments_loan on loan_repayments (loan_id, id)')
    this.schema.raw('create index loan_repayments_date on loan_repayments (business_date, kind)')

    this.schema.createTable('loan_notes', (table) => {
      table.bigIncrements('id')
      table.bigInteger('loan_id').notNullable().references('id').inTable('loans')
      table.bigInteger('staff_id').notNullable().references('id').inTable('staff_users')
      table.text('body').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.raw('create index loan_notes_loan on loan_notes (loan_id, id)')

    installSqlFunctions(this, FUNCTIONS)
    for (const table of ['loan_product_versions', 'loan_notes']) {
      this.schema.raw(`create trigger ${table}_append_only before update or delete on ${table}
        for each row execute function loans_reject_change()`)
    }

    this.defer(async (db) => {
      await db.table('accounts').multiInsert(
        CURRENCIES.map((currency) => ({
          number: `INT-${currency}-LOAN_LOSSES`,
          kind: 'internal',
          currency,
          status: 'active',
          name: `Loan losses (write-offs) ${currency}`,
          normal_balance: 'debit',
          system_code: 'loan_losses',
        }))
      )
    })
  }

  async down() {
    this.schema.dropTable('loan_notes')
    this.schema.dropTable('loan_repayments')
    this.schema.dropTable('loan_instalments')
    this.schema.dropTable('loans')
    this.schema.raw('alter table loan_products drop constraint loan_products_current_version')
    this.schema.dropTable('loan_product_versions')
    this.schema.dropTable('loan_products')
    dropSqlFunctions(this, FUNCTIONS.filter((name) => name.startsWith('loans/')))
    /* a loss account that was posted to (a write-off) stays, like the receivables, until the ledger's own migrations go */
    this.schema.raw(`delete from accounts a where system_code = 'loan_losses' and not exists (select 1 from ledger_entries e where e.account_id = a.id)`)
    this.schema.raw('alter table accounts drop constraint accounts_loan_debit_normal')
    /* NOT VALID: the loans' receivables and their immutable entries stay until the ledger's own migrations go */
    this.schema.raw('alter table accounts drop constraint accounts_kind_check')
    this.schema.raw(`alter table accounts add constraint accounts_kind_check check (kind in ('current', 'savings', 'internal')) not valid`)
    this.schema.raw('alter table ledger_transactions drop constraint ledger_transactions_kind')
    this.schema.raw(`alter table ledger_transactions add constraint ledger_transactions_kind check (kind in
      ('deposit', 'withdrawal', 'transfer', 'reversal', 'hold_capture', 'opening', 'adjustment')) not valid`)
  }
}
