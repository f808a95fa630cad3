import { BaseTransformer } from '@adonisjs/core/transformers'
import type { KycDocument } from '#domain/customers/customer_record'
import { customerUrl } from '#controllers/backoffice/customer_urls'

/** KYC document metadata for the backoffice; the storage key never leaves the server */
export default class KycDocumentTransformer extends BaseTransformer<KycDocument> {
  constructor(
    resource: KycDocument,
    private customerId: number
  ) {
    super(resource)
  }

  toObject() {
    const document = this.resource
    return {
      id: document.id,
      type: document.type,
      originalName: document.originalName,
      size: document.size,
      mime: document.mime,
      sha256: document.sha256,
      uploadedBy: document.uploadedBy,
      uploadedAt: document.uploadedAt,
      url: customerUrl('backoffice.customers.documents.show', { id: this.customerId, documentId: document.id }),
    }
  }
}
