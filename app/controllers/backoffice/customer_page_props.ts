import { randomUUID } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import ShowPaymentLimits from '#actions/payments/show_payment_limits'
import type Customer from '#models/customer'
import CustomerPolicy from '#policies/customer_policy'
import AccountPolicy from '#policies/account_policy'
import LoanPolicy from '#policies/loan_policy'
import LoanReviewQueries from '#queries/loans/loan_review_queries'
import CustomerAccountTransformer from '#transformers/customer_account_transformer'
import CustomerActivityTransformer from '#transformers/customer_activity_transformer'
import CustomerPiiTransformer from '#transformers/customer_pii_transformer'
import CustomerProfileTransformer from '#transformers/customer_profile_transformer'
import KycDocumentTransformer from '#transformers/kyc_document_transformer'
import type { CustomerActivityLine } from '#queries/customers/customer_activity_queries'
import { customerPageUrls } from '#controllers/backoffice/customer_urls'
import { customerPrivacyProps } from '#controllers/backoffice/customer_privacy_props'
import { KYC_DOCUMENT_TYPES, type KycDocument } from '#domain/customers/customer_record'

/** Flash key set by an audited reveal: the next page view of that customer shows the identifiers */
export const REVEALED_FLASH_KEY = 'revealedCustomerId'

/**
 * Props of backoffice/customers/show: the masked profile (revealed only
 * right after an audited reveal, and only to a role that may), accounts
 * with links to their statements, recent activity, documents, payment
 * limits (ShowPaymentLimits), `can` flags
 * from CustomerPolicy and every URL the page uses.
 */
export async function customerPageProps(
  ctx: HttpContext,
  { customer, recentActivity }: { customer: Customer; recentActivity: CustomerActivityLine[] }
) {
  const { bouncer, session, containerResolver } = ctx
  const policy = bouncer.with(CustomerPolicy)
  const can = {
    update: await policy.allows('update'),
    viewPii: await policy.allows('viewPii'),
    reviewKyc: await policy.allows('reviewKyc'),
    uploadDocument: await policy.allows('uploadDocument'),
    downloadDocument: await policy.allows('downloadDocument'),
    changePaymentLimits: await policy.allows('changePaymentLimits'),
  }
  const revealed = can.viewPii && session.flashMessages.get(REVEALED_FLASH_KEY) === customer.id
  const documents: KycDocument[] = customer.kycDocuments ?? []
  const paymentLimits = await containerResolver.make(ShowPaymentLimits)
  return {
    customer: CustomerProfileTransformer.transform(customer),
    revealed: revealed ? CustomerPiiTransformer.transform(customer) : null,
    accounts: CustomerAccountTransformer.transform(customer.accounts),
    recentActivity: CustomerActivityTransformer.transform(recentActivity),
    documents: KycDocumentTransformer.transform(documents, customer.id),
    documentTypes: [...KYC_DOCUMENT_TYPES],
    paymentLimits: await paymentLimits.handle(customer.id),
    /** A resubmitted limits form files one request, not two */
    paymentLimitsKey: randomUUID(),
    /** the customer's loan applications and loans, newest first (#queries/loans/loan_review_queries) */
    loans: await (await containerResolver.make(LoanReviewQueries)).otherLoans(customer.id, null),
    can: { ...can, openAccount: await bouncer.with(AccountPolicy).allows('open'), applyForLoan: await bouncer.with(LoanPolicy).allows('apply') },
    urls: customerPageUrls(customer.id),
    /** exports and erasure: compliance and administrators only (null otherwise) */
    privacy: await customerPrivacyProps(ctx, customer),
  }
}
