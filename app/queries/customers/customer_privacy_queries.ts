import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import privacyConfig from '#config/privacy'
import Loan from '#models/loan'
import { retentionState, type RelationshipFacts, type RetentionState } from '#domain/privacy/retention'

type Client = QueryClientContract | TransactionClientContract

/**
 * Read side of the privacy actions (access-request export, erasure): what
 * the bank holds about one customer, table by table. The export is the one
 * place that reads across every module on purpose (an access request must
 * be complete), read-only, and lists its columns explicitly so secrets
 * (password hashes, TOTP secrets, token hashes, wrapped keys) never leave.
 */
export default class CustomerPrivacyQueries {
  constructor(private client: Client = db.connection()) {}

  /** The customer's id from an id or a customer number; null when unknown */
  async resolveCustomerId(reference: string): Promise<number | null> {
    const trimmed = reference.trim()
    const query = this.client.from('customers').select('id')
    if (/^\d{1,18}$/.test(trimmed)) query.where('id', trimmed).orWhere('customer_number', trimmed)
    else query.where('customer_number', trimmed)
    const row = await query.first()
    return row ? Number(row.id) : null
  }

  /** What decides when the relationship ended (#domain/privacy/retention) */
  async relationshipFacts(customerId: number): Promise<RelationshipFacts | null> {
    const customer = await this.client
      .from('customers')
      .where('id', customerId)
      .select('status', 'created_at', 'updated_at')
      .first()
    if (!customer) return null
    const accounts = await this.client
      .from('accounts')
      .where('customer_id', customerId)
      .whereNot('kind', 'internal')
      .select(
        this.client.raw("count(*) filter (where status <> 'closed')::int as open"),
        this.client.raw('max(closed_at) as last_closed')
      )
      .first()
    const loans = await this.client
      .from('loans')
      .where('customer_id', customerId)
      .select(
        this.client.raw("count(*) filter (where status in ('submitted', 'approved', 'disbursed', 'active', 'in_arrears'))::int as open"),
        this.client.raw('max(closed_at) as last_closed')
      )
      .first()
    return {
      customerStatus: customer.status,
      customerClosedAt: customer.status === 'closed' ? new Date(customer.updated_at) : null,
      customerCreatedAt: new Date(customer.created_at),
      openAccounts: Number(accounts?.open ?? 0),
      lastAccountClosedAt: accounts?.last_closed ? new Date(accounts.last_closed) : null,
      openLoans: Number(loans?.open ?? 0),
      lastLoanClosedAt: loans?.last_closed ? new Date(loans.last_closed) : null,
    }
  }

  /** Whether the customer's records must still be kept, and why (PRIVACY_RETENTION_YEARS) */
  async retention(customerId: number, now = new Date()): Promise<RetentionState | null> {
    const facts = await this.relationshipFacts(customerId)
    return facts ? retentionState(facts, privacyConfig.retentionYears, now) : null
  }

  async accounts(customerId: number) {
    return this.client
      .from('accounts')
      .where('customer_id', customerId)
      .select('id', 'number', 'kind', 'currency', 'status', 'name', 'balance', 'available', 'overdraft_limit', 'status_reason', 'opened_at', 'closed_at')
      .orderBy('id')
  }

  /** Every ledger entry on the customer's accounts, with its transaction */
  async ledgerEntries(accountIds: number[]) {
    if (accountIds.length === 0) return []
    return this.client
      .from('ledger_entries as e')
      .join('ledger_transactions as t', 't.id', 'e.transaction_id')
      .whereIn('e.account_id', accountIds)
      .select(
        'e.id as entry_id', 'e.account_id', 'e.direction', 'e.amount', 'e.currency',
        't.id as transaction_id', 't.kind', 't.reference', 't.description', 't.reverses_id', 't.booked_at',
        't.debtor_account_id', 't.creditor_account_id'
      )
      .orderBy('e.id')
  }

  async holds(accountIds: number[]) {
    if (accountIds.length === 0) return []
    return this.client
      .from('holds')
      .whereIn('account_id', accountIds)
      .select('id', 'account_id', 'amount', 'currency', 'status', 'reason', 'expires_at', 'captured_transaction_id', 'created_at', 'released_at', 'captured_at')
      .orderBy('id')
  }

  async paymentLimits(customerId: number) {
    return this.client.from('customer_payment_limits').where('customer_id', customerId).select('currency', 'single_limit', 'daily_limit', 'updated_at')
  }

  async payees(customerId: number) {
    return this.client
      .from('customer_payees as p')
      .join('accounts as a', 'a.id', 'p.account_id')
      .where('p.customer_id', customerId)
      .select('a.number as account_number', 'p.first_paid_at')
      .orderBy('p.first_paid_at')
  }

  async paymentAuthorisations(customerId: number) {
    return this.client
      .from('payment_authorisations')
      .where('customer_id', customerId)
      .select('id', 'debtor_account_id', 'creditor_account_id', 'amount', 'currency', 'created_at', 'expires_at', 'consumed_at', 'transaction_id')
      .orderBy('created_at')
  }

  /** Payments held for review: the customer sees these as pending; why they were held is withheld (alerts) */
  async heldPayments(customerId: number) {
    return this.client
      .from('risk_held_payments')
      .where('customer_id', customerId)
      .select('id', 'debtor_account_id', 'creditor_account_id', 'amount', 'currency', 'reference', 'status', 'transaction_id', 'created_at', 'settled_at')
      .orderBy('id')
  }

  async loans(customerId: number) {
    const loans = await this.client
      .from('loans')
      .where('customer_id', customerId)
      .select(
        'id', 'status', 'currency', 'principal', 'term_count', 'annual_rate_ppm', 'frequency', 'amortisation', 'origination_fee',
        'disbursement_account_id', 'assessment',
        'recommendation', 'channel', 'decision_reason', 'account_id', 'disbursement_transaction_id', 'start_date', 'days_past_due',
        'submitted_at', 'decided_at', 'disbursed_at', 'closed_at'
      )
      .orderBy('id')
    /* the applicant's declarations and document names are sealed: opened through the model */
    const opened = new Map(
      (await Loan.query({ client: this.client as QueryClientContract }).where('customer_id', customerId)).map((loan) => [
        Number(loan.id),
        loan,
      ])
    )
    for (const loan of loans) {
      const model = opened.get(Number(loan.id))
      loan.purpose = model?.purpose ?? null
      loan.monthly_income = model?.monthlyIncome?.toString() ?? null
      loan.monthly_obligations = model?.monthlyObligations?.toString() ?? null
      loan.documents = model?.documents ?? []
    }
    const ids = loans.map((loan) => loan.id)
    const [instalments, repayments] =
      ids.length === 0
        ? [[], []]
        : await Promise.all([
            this.client.from('loan_instalments').whereIn('loan_id', ids).orderBy(['loan_id', 'number']),
            this.client
              .from('loan_repayments')
              .whereIn('loan_id', ids)
              .select('id', 'loan_id', 'kind', 'business_date', 'amount', 'principal', 'interest', 'fee', 'penalty', 'transaction_id', 'reverses_id', 'created_at')
              .orderBy('id'),
          ])
    return { loans, instalments, repayments }
  }

  async consents(customerId: number) {
    return this.client
      .from('openbanking_consents as c')
      .join('partners as p', 'p.id', 'c.partner_id')
      .where('c.customer_id', customerId)
      .select(
        'c.id', 'c.kind', 'p.name as partner', 'c.status', 'c.permissions', 'c.expires_at', 'c.transactions_from', 'c.transactions_to',
        'c.account_ids', 'c.initiation', 'c.status_reason', 'c.created_at', 'c.status_updated_at'
      )
      .orderBy('c.seq')
  }

  async consentAccessLog(consentIds: string[]) {
    if (consentIds.length === 0) return []
    return this.client
      .from('openbanking_access_log')
      .whereIn('consent_id', consentIds)
      .select('consent_id', 'method', 'route', 'status', 'at')
      .orderBy('id')
  }

  async notifications(customerId: number) {
    return this.client
      .from('notifications')
      .where('customer_id', customerId)
      .select('id', 'event', 'title', 'body', 'data', 'in_app', 'read_at', 'mailed_at', 'created_at')
      .orderBy('id')
  }

  async notificationPreferences(customerId: number) {
    return this.client.from('notification_preferences').where('customer_id', customerId).select('event', 'channel', 'enabled', 'updated_at')
  }

  async devices(customerId: number) {
    return this.client.from('customer_devices').where('customer_id', customerId).select('first_seen_at', 'last_seen_at')
  }

  /** Metadata only: never the hash */
  async accessTokens(customerId: number) {
    return this.client
      .from('customer_access_tokens')
      .where('tokenable_id', customerId)
      .select('id', 'type', 'name', 'abilities', 'created_at', 'last_used_at', 'expires_at')
      .orderBy('id')
  }

  /**
   * Audit rows about the customer (subject) or by the customer (actor).
   * Rows of the financial-crime workflow (risk.*, compliance.*) are left
   * out: tipping-off (the export's `withheld` section says so).
   */
  async auditEvents(customerId: number) {
    return this.client
      .from('audit_events')
      .where((where) =>
        where
          .where((q) => q.where('subject_type', 'customer').where('subject_id', String(customerId)))
          .orWhere((q) => q.where('actor_type', 'customer').where('actor_id', String(customerId)))
      )
      .whereNot('action', 'like', 'risk.%')
      .whereNot('action', 'like', 'compliance.%')
      .select('id', 'occurred_at', 'actor_type', 'actor_id', 'action', 'subject_type', 'subject_id', 'before', 'after', 'metadata', 'ip', 'request_id')
      .orderBy('id')
  }

  async erasureRequests(customerId: number) {
    return this.client
      .from('erasure_requests')
      .where('customer_id', customerId)
      .select('id', 'reason', 'status', 'relationship_ended_at', 'retention_until', 'execute_after', 'executed_at', 'cancelled_at', 'created_at')
      .orderBy('id')
  }

  /** The customer's erasure requests, newest first, with their approval's status (a rejected one reads as cancelled) */
  async erasureRequestsWithApproval(customerId: number) {
    return this.client
      .from('erasure_requests as r')
      .leftJoin('approvals as a', 'a.id', 'r.approval_id')
      .where('r.customer_id', customerId)
      .select('r.id', 'r.status', 'r.reason', 'r.execute_after', 'r.executed_at', 'r.created_at', 'a.status as approval_status')
      .orderBy('r.id', 'desc')
  }

  /** Storage keys of the customer's loan documents (erasure deletes the files) */
  async loanDocumentKeys(customerId: number): Promise<string[]> {
    const rows = await this.client.from('loans').where('customer_id', customerId).select('documents')
    return rows.flatMap((row) => (Array.isArray(row.documents) ? row.documents : []).map((document: any) => document?.key).filter(Boolean))
  }
}
