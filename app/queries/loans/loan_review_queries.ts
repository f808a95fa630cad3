import db from '@adonisjs/lucid/services/db'
import router from '@adonisjs/core/services/router'
import Approval from '#models/approval'
import { Money } from '#domain/money/money'
import { currencyExponent } from '#domain/money/currencies'
import type { LoanState } from '#domain/loans/lifecycle'
import { ageOf } from '#transformers/approval_transformer'
import { loanInstalments } from '#queries/loans/loan_instalment_queries'
import { customerNames } from '#queries/customers/customer_names'
import { DateTime } from 'luxon'

/** 'queue': waiting for an officer or for disbursement (the default tab); 'all': every status */
export type LoanStatusFilter = LoanState | 'queue' | 'all'

export interface LoanListQuery {
  status: LoanStatusFilter
  productId?: number
  /** decimals as typed, in each loan's own currency */
  minAmount?: string
  maxAmount?: string
  /** 'YYYY-MM-DD': only applications submitted before that day */
  submittedBefore?: string
  sort: 'submitted_at' | 'principal' | 'status' | 'id'
  direction: 'asc' | 'desc'
  page: number
  perPage: number
}

export const QUEUE_STATES: LoanState[] = ['submitted', 'under_review', 'approved']

const url = (name: string, params: Record<string, unknown>) => router.urlBuilder.urlFor(name as any, params as any)
const money = (minor: unknown, currency: unknown) => Money.fromMinorString(String(minor), String(currency).trim()).toJSON()
const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null)

/**
 * A typed decimal as a bound in minor units of `currency`: exact when the
 * currency has enough decimals, else rounded inwards (a minimum up, a
 * maximum down), so the filter never admits an amount outside the range.
 */
export function minorBound(decimal: string, currency: string, side: 'min' | 'max'): bigint {
  const exponent = currencyExponent(currency)
  const [whole, fraction = ''] = decimal.split('.')
  const kept = BigInt(whole + fraction.slice(0, exponent).padEnd(exponent, '0'))
  const dropped = /[1-9]/.test(fraction.slice(exponent))
  return side === 'min' && dropped ? kept + 1n : kept
}

/** Reads of the loan review pages (writes go through the actions in app/actions/loans) */
export default class LoanReviewQueries {
  /** One page of loans with customer, product and reviewer, filtered, ordered and paginated in the database */
  async list(query: LoanListQuery) {
    const builder = db
      .from('loans as l')
      .join('customers as c', 'c.id', 'l.customer_id')
      .join('loan_product_versions as v', 'v.id', 'l.product_version_id')
      .leftJoin('staff_users as r', 'r.id', 'l.reviewer_id')
      .leftJoin('approvals as a', (join) => join.on('a.id', '=', 'l.approval_id').andOnVal('a.status', '=', 'pending'))
      .select(
        'l.id', 'l.status', 'l.currency', 'l.principal', 'l.term_count', 'l.frequency', 'l.recommendation', 'l.channel',
        'l.submitted_at', 'l.customer_id', 'c.customer_number', 'v.name as product_name',
        'v.version as product_version', 'r.full_name as reviewer_name', 'a.id as pending_approval_id'
      )
    if (query.status === 'queue') builder.whereIn('l.status', QUEUE_STATES)
    else if (query.status !== 'all') builder.where('l.status', query.status)
    if (query.productId) builder.where('v.product_id', query.productId)
    if (query.submittedBefore) builder.whereRaw('l.submitted_at < ?::date', [query.submittedBefore])
    if (query.minAmount || query.maxAmount) await this.amountRange(builder, query.minAmount, query.maxAmount)
    builder.orderBy(`l.${query.sort}`, query.direction).orderBy('l.id', 'asc')
    const page = await builder.paginate(query.page, query.perPage)
    /* names are sealed: opened for the page's rows in one call */
    const names = await customerNames(page.all().map((row) => row.customer_id))
    return { data: page.all().map((row) => this.row(row, names)), metadata: page.getMeta() as { total: number; perPage: number; currentPage: number; lastPage: number } }
  }

  /** Amounts compared in each loan's own currency (the currencies products are offered in) */
  private async amountRange(builder: ReturnType<typeof db.from>, min?: string, max?: string) {
    const currencies = (await db.from('loan_product_versions').distinct('currency')).map((r) => String(r.currency).trim())
    builder.where((outer) => {
      for (const currency of currencies) {
        outer.orWhere((inner) => {
          inner.where('l.currency', currency)
          if (min) inner.where('l.principal', '>=', minorBound(min, currency, 'min').toString())
          if (max) inner.where('l.principal', '<=', minorBound(max, currency, 'max').toString())
        })
      }
      if (currencies.length === 0) outer.whereRaw('false')
    })
  }

  private row(row: Record<string, any>, names: Map<number, string>) {
    return {
      id: Number(row.id),
      status: row.status as LoanState,
      amount: money(row.principal, row.currency),
      termCount: Number(row.term_count),
      frequency: row.frequency as string,
      recommendation: row.recommendation as string | null,
      channel: row.channel as string,
      submittedAt: iso(row.submitted_at),
      age: ageOf(DateTime.fromJSDate(new Date(row.submitted_at))),
      customer: { id: Number(row.customer_id), fullName: names.get(Number(row.customer_id)) ?? '', customerNumber: row.customer_number as string },
      product: `${row.product_name} v${row.product_version}`,
      reviewer: (row.reviewer_name as string | null) ?? null,
      awaitingSecondOfficer: row.pending_approval_id !== null,
      url: url('backoffice.loans.show', { id: Number(row.id) }),
    }
  }

  /** Every product ever used, for the queue's filter: id and the name of its current version */
  async productOptions(): Promise<Array<{ value: string; label: string }>> {
    const rows = await db
      .from('loan_products as p')
      .leftJoin('loan_product_versions as v', 'v.id', 'p.current_version_id')
      .select('p.id', 'p.code', 'v.name')
      .orderBy('p.code')
    return rows.map((r) => ({ value: String(r.id), label: r.name ? `${r.name} (${r.code})` : r.code }))
  }

  /** The products offered now (active, with a published version): what an application can be made under */
  async offeredProducts() {
    const rows = await db
      .from('loan_products as p')
      .join('loan_product_versions as v', 'v.id', 'p.current_version_id')
      .where('p.status', 'active')
      .select('p.id', 'p.code', 'v.name', 'v.version', 'v.currency', 'v.min_principal', 'v.max_principal', 'v.min_term',
        'v.max_term', 'v.frequency', 'v.annual_rate_ppm', 'v.origination_fee_ppm')
      .orderBy('v.name')
    return rows.map((r) => ({
      id: Number(r.id),
      code: r.code as string,
      name: `${r.name} v${r.version}`,
      currency: String(r.currency).trim(),
      minPrincipal: money(r.min_principal, r.currency),
      maxPrincipal: money(r.max_principal, r.currency),
      minTerm: Number(r.min_term),
      maxTerm: Number(r.max_term),
      frequency: r.frequency as string,
      annualRatePpm: String(r.annual_rate_ppm),
      originationFeePpm: String(r.origination_fee_ppm),
    }))
  }

  /** A customer's accounts (deposit accounts and loan receivables) with balances */
  async accounts(customerId: number) {
    const rows = await db.from('accounts').where('customer_id', customerId).orderBy('id')
    return rows.map((r) => ({
      id: Number(r.id),
      number: r.number as string,
      kind: r.kind as string,
      status: r.status as string,
      balance: money(r.balance, r.currency),
      available: money(r.available, r.currency),
      url: url('backoffice.accounts.show', { id: Number(r.id) }),
    }))
  }

  /** The customer's other applications and loans, newest first */
  async otherLoans(customerId: number, exceptLoanId: number | null) {
    const builder = db
      .from('loans as l')
      .join('loan_product_versions as v', 'v.id', 'l.product_version_id')
      .where('l.customer_id', customerId)
      .select('l.id', 'l.status', 'l.principal', 'l.currency', 'l.term_count', 'l.days_past_due', 'l.submitted_at', 'v.name', 'v.version')
      .orderBy('l.id', 'desc')
    if (exceptLoanId) builder.whereNot('l.id', exceptLoanId)
    const rows = await builder
    return rows.map((r) => ({
      id: Number(r.id),
      status: r.status as LoanState,
      amount: money(r.principal, r.currency),
      termCount: Number(r.term_count),
      daysPastDue: Number(r.days_past_due),
      product: `${r.name} v${r.version}`,
      submittedAt: iso(r.submitted_at),
      url: url('backoffice.loans.show', { id: Number(r.id) }),
    }))
  }

  /** The stored schedule of a disbursed loan (loan_instalments), with what was paid */
  async instalments(loanId: number, currency: string) {
    const rows = await loanInstalments(db.connection(), loanId)
    const sum = (parts: Record<string, bigint>) => Object.values(parts).reduce((a, b) => a + b, 0n)
    return rows.map((r) => ({
      number: r.number,
      dueDate: r.dueDate,
      principal: Money.of(r.due.principal, currency).toJSON(),
      interest: Money.of(r.due.interest, currency).toJSON(),
      fees: Money.of(r.due.fee + r.due.penalty, currency).toJSON(),
      total: Money.of(sum(r.due), currency).toJSON(),
      paid: Money.of(sum(r.paid), currency).toJSON(),
      settled: r.settledAt !== null,
    }))
  }

  /** The officers' notes, oldest first */
  async notes(loanId: number) {
    const rows = await db
      .from('loan_notes as n')
      .join('staff_users as s', 's.id', 'n.staff_id')
      .where('n.loan_id', loanId)
      .select('n.id', 'n.body', 'n.created_at', 's.full_name')
      .orderBy('n.id')
    return rows.map((r) => ({ id: Number(r.id), body: r.body as string, staff: r.full_name as string, createdAt: iso(r.created_at) }))
  }

  /** The loan's audit trail (audit_events about subject 'loan'), oldest first, with the staff names */
  async history(loanId: number) {
    const rows = await db
      .from('audit_events as e')
      .joinRaw("left join staff_users as s on e.actor_type = 'staff' and s.id::text = e.actor_id")
      .where('e.subject_type', 'loan')
      .where('e.subject_id', String(loanId))
      .select('e.id', 'e.action', 'e.actor_type', 'e.actor_id', 'e.before', 'e.after', 'e.occurred_at', 's.full_name')
      .orderBy('e.id')
    return rows.map((r) => ({
      id: Number(r.id),
      action: r.action as string,
      actor: r.full_name ?? `${r.actor_type}${r.actor_id ? ` #${r.actor_id}` : ''}`,
      from: (r.before?.status as string | undefined) ?? null,
      to: (r.after?.status as string | undefined) ?? null,
      reason: (r.after?.reason as string | undefined) ?? (r.after?.note as string | undefined) ?? null,
      at: iso(r.occurred_at),
    }))
  }

  /** Full names of staff ids (reviewer, decided by, second approver, submitted by) */
  async staffNames(ids: Array<number | null>): Promise<Map<number, string>> {
    const wanted = ids.filter((id): id is number => id !== null)
    if (wanted.length === 0) return new Map()
    const rows = await db.from('staff_users').whereIn('id', wanted).select('id', 'full_name')
    return new Map(rows.map((r) => [Number(r.id), r.full_name as string]))
  }

  /** The loan's four-eyes request (any status) with its maker and checker */
  async approval(approvalId: number | null) {
    if (!approvalId) return null
    return Approval.query().where('id', approvalId).preload('maker').preload('checker').first()
  }
}
