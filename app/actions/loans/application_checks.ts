import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Account from '#models/account'
import type LoanProductVersion from '#models/loan_product_version'
import type { LoanApplicationInput } from '#actions/loans/submit_loan_application'
import { isDepositAccount } from '#domain/ledger/account_kinds'
import { Money } from '#domain/money/money'
import CurrencyMismatchException from '#exceptions/currency_mismatch_exception'
import LoanDisbursementAccountInvalidException from '#exceptions/loan_disbursement_account_invalid_exception'
import LoanTermsOutOfRangeException from '#exceptions/loan_terms_out_of_range_exception'

type FieldError = { field: string; message: string; rule: string }

/**
 * What SubmitLoanApplication checks of an application before assessing it,
 * each failure a 422 with field errors (nothing written): the amounts in
 * the product's currency, the principal and term within the version's
 * ranges (every field out of range named at once), and the account to pay
 * into the customer's own current or savings account, not closed, in the
 * product's currency (a frozen one passes here and fails the assessment).
 */
export function checkApplicationTerms(app: LoanApplicationInput, version: LoanProductVersion) {
  const errors: FieldError[] = []
  const money = (minor: bigint) => Money.of(minor, version.currency).toDecimalString()
  if (app.currency !== undefined && app.currency !== version.currency) {
    const message = `This product lends ${version.currency}; the amounts were given in ${app.currency}.`
    const mismatch = new CurrencyMismatchException(message)
    mismatch.errors = [{ field: 'principal.currency', message, rule: 'currency' }]
    throw mismatch
  }
  if (app.principal < version.minPrincipal || app.principal > version.maxPrincipal) {
    errors.push({
      field: 'principal',
      message: `The amount must be between ${money(version.minPrincipal)} and ${money(version.maxPrincipal)} ${version.currency}.`,
      rule: 'range',
    })
  }
  if (app.termCount < version.minTerm || app.termCount > version.maxTerm) {
    const unit = version.frequency === 'weekly' ? 'weekly' : 'monthly'
    errors.push({
      field: 'termCount',
      message: `The term must be between ${version.minTerm} and ${version.maxTerm} ${unit} instalments.`,
      rule: 'range',
    })
  }
  if (errors.length > 0) termsOutOfRange(errors)
}

export function termsOutOfRange(errors: FieldError[]): never {
  const exception = new LoanTermsOutOfRangeException(errors.map((error) => error.message).join(' '))
  exception.errors = errors
  throw exception
}

export async function checkDisbursementAccount(trx: TransactionClientContract, customerId: number, accountId: number, currency: string) {
  const account = await Account.query({ client: trx }).where('id', accountId).where('customer_id', customerId).first()
  if (!account || !isDepositAccount(account.kind)) throw new LoanDisbursementAccountInvalidException()
  if (account.status === 'closed') throw new LoanDisbursementAccountInvalidException('The disbursement account is closed.')
  if (account.currency !== currency) {
    throw new LoanDisbursementAccountInvalidException(
      `The disbursement account is in ${account.currency}; this product lends ${currency}.`
    )
  }
}
