import type { LoanState } from '#domain/loans/lifecycle'

/**
 * Documents attached to a loan application (payslips, bank statements,
 * proof of address): PDF, JPEG or PNG recognised from their bytes
 * (#domain/customers/customer_record sniffDocumentMime), stored on the
 * Drive disk; their metadata is appended to loans.documents.
 */
export const LOAN_DOCUMENT_MAX_SIZE = '10mb'
export const LOAN_DOCUMENT_EXTNAMES = ['pdf', 'jpg', 'jpeg', 'png']
export const LOAN_DOCUMENT_MAX_COUNT = 20

/** While an application is open to new documents */
export const DOCUMENT_STATES: readonly LoanState[] = ['submitted', 'under_review']

export function acceptsDocuments(status: LoanState): boolean {
  return DOCUMENT_STATES.includes(status)
}

/** Where a document's bytes live on the Drive disk (never shown to a client) */
export function loanDocumentKey(loanId: number, documentId: string): string {
  return `loans/${loanId}/${documentId}`
}
