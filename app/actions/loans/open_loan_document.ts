import { customerRegion, openCustomerFile } from '#services/residency/region_drive'
import Loan, { type LoanDocument } from '#models/loan'
import AuditTrail from '#services/audit/audit_trail'
import type { Actor, RequestContext } from '#domain/audit/actor'
import { loanDocumentKey } from '#domain/loans/loan_documents'
import LoanNotFoundException from '#exceptions/loan_not_found_exception'
import LoanDocumentNotFoundException from '#exceptions/loan_document_not_found_exception'
import { loanDocumentAad, openDocumentFile } from '#services/documents/sealed_documents'

/**
 * Opens one document of an application for download (the customer's own,
 * `customerId` scoping the lookup, or staff), after writing the audit row
 * 'loans.loan.document_viewed'. Returns its metadata and a stream.
 * Throws: LoanNotFound, LoanDocumentNotFound (404), PersonalDataErased
 * (410) once the borrower's data key was destroyed.
 */
export default class OpenLoanDocument {
  async handle(input: { loanId: number; customerId?: number; documentId: string; actor: Actor; context: RequestContext }) {
    if (!Number.isSafeInteger(input.loanId) || input.loanId < 1) throw new LoanNotFoundException()
    const query = Loan.query().where('id', input.loanId)
    if (input.customerId !== undefined) query.where('customer_id', input.customerId)
    const loan = await query.first()
    if (!loan) throw new LoanNotFoundException()
    const document = loan.documents.find((candidate: LoanDocument) => candidate.id === input.documentId)
    if (!document) throw new LoanDocumentNotFoundException()
    const key = loanDocumentKey(loan.id, document.id)
    const stored = await openCustomerFile(await customerRegion(loan.customerId), key) // residency: region disk, else legacy
    /* sealed: opened with the borrower's key (legacy plaintext files still open); erased → 410 E_PERSONAL_DATA_ERASED */
    const stream = await openDocumentFile(loan.customerId, stored, loanDocumentAad(loan.id, document.id))
    await AuditTrail.record({
      actor: input.actor,
      action: 'loans.loan.document_viewed',
      subject: { type: 'loan', id: loan.id },
      metadata: { customer_id: loan.customerId, documentId: document.id },
      ...input.context,
    })
    return { document, stream }
  }
}
