import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Loan from '#models/loan'
import type LoanProductVersion from '#models/loan_product_version'
import AssessLoanApplication from '#actions/loans/assess_loan_application'
import { checkApplicationTerms, checkDisbursementAccount, termsOutOfRange } from '#actions/loans/application_checks'
import { offeredProduct } from '#queries/loans/product_queries'
import AuditTrail from '#services/audit/audit_trail'
import { mapLedgerError } from '#services/ledger/ledger_errors'
import { requestHash } from '#domain/ledger/request_hash'
import { applyPpm } from '#domain/loans/rates'
import { InvalidLoanTermsError } from '#domain/loans/schedule_terms'
import type { Actor, RequestContext } from '#domain/audit/actor'
import LoanProductNotOfferedException from '#exceptions/loan_product_not_offered_exception'

export interface LoanApplicationInput {
  productId: number
  /** minor units of the product's currency */
  principal: bigint
  termCount: number
  purpose: string
  monthlyIncome: bigint
  monthlyObligations: bigint
  disbursementAccountId: number
  /** The currency the amounts were given in (the API's); refused unless the product's */
  currency?: string
}

export interface SubmitLoanApplicationInput {
  customerId: number
  application: LoanApplicationInput
  channel: 'api' | 'backoffice'
  actor: Actor
  context: RequestContext
  /** The officer applying on the customer's behalf (channel 'backoffice') */
  staffId?: number
  /** Optional, unique per actor: the same key and application give back the first application */
  idempotencyKey?: string
}

/**
 * A loan application, in ONE transaction: the product must be offered
 * (its current version gives the terms the loan copies: rate, frequency,
 * amortisation, origination fee = applyPpm(principal, fee ppm)); the
 * principal and term within the version's ranges; the disbursement account
 * the customer's own current or savings account, not closed, in the
 * product's currency (a frozen one is accepted and fails the assessment's
 * disbursement check). The assessment (AssessLoanApplication) is stored
 * with the loan, status 'submitted', and one audit row 'loans.loan.submitted'.
 * Idempotency (optional key, scope 'loans.application:<actor>'): same key
 * and application → the first application (`replayed`); another
 * application → E_IDEMPOTENCY_KEY_REUSED; in flight → E_IDEMPOTENCY_IN_FLIGHT.
 * Throws: LoanProductNotOffered, LoanTermsOutOfRange, CurrencyMismatch,
 * LoanDisbursementAccountInvalid (all 422, with field errors; nothing written).
 */
@inject()
export default class SubmitLoanApplication {
  constructor(private assess: AssessLoanApplication) {}

  async handle(input: SubmitLoanApplicationInput): Promise<Loan> {
    return (await this.submit(input)).loan
  }

  /** handle(), also telling whether the key gave back an earlier application */
  async submit(input: SubmitLoanApplicationInput): Promise<{ loan: Loan; replayed: boolean }> {
    const { application: app, customerId } = input
    if (input.channel === 'backoffice' && !input.staffId) throw new Error('A backoffice application names its officer (staffId)')
    const scope = `loans.application:${input.actor.type}:${input.actor.id ?? '-'}`
    const hash = requestHash({ customerId, ...app, currency: app.currency ?? null, channel: input.channel })
    try {
      return await db.transaction(async (trx) => {
        const replay = await this.#beginIdempotency(trx, scope, input.idempotencyKey, hash)
        if (replay !== null) return { loan: await Loan.query({ client: trx }).where('id', replay).firstOrFail(), replayed: true }

        const offered = await offeredProduct(app.productId, trx)
        if (!offered) throw new LoanProductNotOfferedException()
        const { version } = offered
        checkApplicationTerms(app, version)
        await checkDisbursementAccount(trx, customerId, app.disbursementAccountId, version.currency)
        const { stored } = await this.#assess(trx, customerId, app, version)

        const loan = await Loan.create(
          {
            customerId,
            productVersionId: version.id,
            status: 'submitted',
            currency: version.currency,
            principal: app.principal,
            termCount: app.termCount,
            annualRatePpm: version.annualRatePpm,
            frequency: version.frequency,
            amortisation: version.amortisation,
            originationFee: applyPpm(app.principal, version.originationFeePpm),
            purpose: app.purpose,
            monthlyIncome: app.monthlyIncome,
            monthlyObligations: app.monthlyObligations,
            disbursementAccountId: app.disbursementAccountId,
            documents: [],
            assessment: stored as unknown as Record<string, unknown>,
            recommendation: stored.recommendation,
            channel: input.channel,
            submittedBy: input.channel === 'backoffice' ? input.staffId! : null,
          },
          { client: trx }
        )
        await AuditTrail.record(
          {
            actor: input.actor,
            action: 'loans.loan.submitted',
            subject: { type: 'loan', id: loan.id },
            after: {
              status: 'submitted',
              channel: input.channel,
              product_version_id: version.id,
              currency: loan.currency,
              principal: loan.principal.toString(),
              term_count: loan.termCount,
              origination_fee: loan.originationFee.toString(),
              disbursement_account_id: loan.disbursementAccountId,
              recommendation: stored.recommendation,
              checks: stored.checks.map(({ code, outcome }) => ({ code, outcome })),
            },
            metadata: { customer_id: customerId },
            ...input.context,
          },
          trx
        )
        if (input.idempotencyKey) {
          await trx.rawQuery('select ledger_idempotency_complete(?, ?, ?, ?, ?, ?)', [
            scope, input.idempotencyKey, hash, 'loan', loan.id, 201,
          ])
        }
        return { loan, replayed: false }
      })
    } catch (error) {
      throw mapLedgerError(error)
    }
  }

  /** The loan an earlier request with this key created, or null (no key, or a new one) */
  async #beginIdempotency(trx: TransactionClientContract, scope: string, key: string | undefined, hash: string) {
    if (!key) return null
    const { rows } = await trx.rawQuery('select ledger_idempotency_begin(?, ?, ?) as id', [scope, key, hash])
    return rows[0].id === null ? null : Number(rows[0].id)
  }

  async #assess(trx: TransactionClientContract, customerId: number, app: LoanApplicationInput, version: LoanProductVersion) {
    try {
      return await this.assess.handle(
        {
          customerId,
          principal: app.principal,
          termCount: app.termCount,
          annualRatePpm: version.annualRatePpm,
          frequency: version.frequency,
          amortisation: version.amortisation,
          monthlyIncome: app.monthlyIncome,
          monthlyObligations: app.monthlyObligations,
          maxDebtToIncomePpm: version.maxDebtToIncomePpm,
          disbursementAccountId: app.disbursementAccountId,
        },
        trx
      )
    } catch (error) {
      if (error instanceof InvalidLoanTermsError) {
        termsOutOfRange([{ field: 'principal', message: error.message, rule: error.reason }])
      }
      throw error
    }
  }
}
