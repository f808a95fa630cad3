import drive from '@adonisjs/drive/services/main'
import Customer from '#models/customer'
import type StaffUser from '#models/staff_user'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import type { KycDocument } from '#domain/customers/customer_record'
import KycDocumentNotFoundException from '#exceptions/kyc_document_not_found_exception'

/**
 * Opens one of a customer's KYC documents for download, after writing the
 * audit row 'customer.document.viewed'. Returns its metadata and a stream.
 */
export default class OpenKycDocument {
  async handle(input: { customerId: number; documentId: string; staff: StaffUser; context: RequestContext }) {
    const customer = await Customer.findOrFail(input.customerId)
    const document = (customer.kycDocuments ?? []).find((d: KycDocument) => d.id === input.documentId)
    if (!document) throw new KycDocumentNotFoundException()
    const stream = await drive.use().getStream(document.key)
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
