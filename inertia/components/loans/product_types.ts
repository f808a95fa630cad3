import type {
  loanProductFormOptions,
  loanProductPageProps,
  pendingProductChanges,
  presentTerms,
  productRow,
  termsForm,
} from '#controllers/backoffice/loan_product_page_props'
import type { PropsOf, Serialized } from '~/types'

/** Exactly what `loanProductPageProps()` builds on the server */
export type LoanProductPageProps = PropsOf<typeof loanProductPageProps>

/** A product with its current version's terms (list row, page header) */
export type LoanProductRow = Serialized<ReturnType<typeof productRow>>

/** Terms as shown: amounts { amount, currency }, rates as percentages */
export type PresentedTerms = Serialized<ReturnType<typeof presentTerms>>

/** The terms' form fields (decimals and percentages as text) */
export type TermsFormData = ReturnType<typeof termsForm>

export type LoanProductFormOptions = ReturnType<typeof loanProductFormOptions>

export type PendingProductChanges = Serialized<Awaited<ReturnType<typeof pendingProductChanges>>>
