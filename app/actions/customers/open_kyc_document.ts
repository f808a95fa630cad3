import { customerRegion, openCustomerFile } from '#services/residency/region_drive'
import Customer from '#models/customer'
import type StaffUser from '#models/staff_user'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import type { KycDocument } from '#domain/customers/customer_record'
import KycDocumentNotFoundException from '#exceptions/kyc_document_not_found_exception'
import PersonalDataErasedException from '#exceptions/personal_data_erased_exception'
import { kycDocumentAad, openDocumentFile } from '#services/documents/sealed_documents'

/**
 * Opens one of a customer's KYC documents for download, after writing the
 * audit row 'customer.document.viewed'. Returns its metadata and a stream.
 * Throws: KycDocumentNotFound (404), PersonalDataErased (410) once the
 * customer's data key was destroyed.
 */
export default class OpenKycDocument {
  async handle(input: { customerId: number; documentId: string; staff: StaffUser; context: RequestContext }) {
    const customer = await Customer.findOrFail(input.customerId)
    /* sealed: an erased customer's documents (and their metadata) are gone for good: 410, not 404 */
    if (customer.personalDataErased) throw new PersonalDataErasedException()
    const document = (customer.kycDocuments ?? []).find((d: KycDocument) => d.id === input.documentId)
    if (!document) throw new KycDocumentNotFoundException()
    const stored = await openCustomerFile(await customerRegion(customer.id), document.key) // residency: region disk, else legacy
    /* sealed: opened with the customer's key (legacy plaintext files still open); erased → 410 E_PERSONAL_DATA_ERASED */
    const stream = await openDocumentFile(customer.id, stored, kycDocumentAad(customer.id, document.id))
    await AuditTrail.record({
      actor: { type: 'staff', id: input.staff.id },
      action: 'customer.document.viewed',
      subject: { type: 'customer', id: customer.id },
      metadata: { documentId: document.id, type: document.type, sha256: document.sha256 },
      ...input.context,
    })
    return { document, stream }
  }
}
