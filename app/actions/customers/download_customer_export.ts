import AuditTrail from '#services/audit/audit_trail'
import { customerRegion } from '#services/residency/region_drive'
import { readSealedExport } from '#services/privacy/customer_export_store'
import type { Actor, RequestContext } from '#domain/audit/actor'
import CustomerNotFoundException from '#exceptions/customer_not_found_exception'

/**
 * Opens a stored export of a customer for download (plaintext JSON) and
 * audits it ('customer.export.downloaded', no personal data), in that
 * order: a download that fails to open (unknown id, erased customer) is
 * not recorded as a download.
 * Throws: CustomerNotFound, CustomerExportNotFound, PersonalDataErased.
 */
export default class DownloadCustomerExport {
  async handle(input: { customerId: number; exportId: string; actor: Actor; context: RequestContext }): Promise<string> {
    const region = await customerRegion(input.customerId).catch(() => {
      throw new CustomerNotFoundException()
    })
    const json = await readSealedExport(region, input.customerId, input.exportId)
    await AuditTrail.record({
      actor: input.actor,
      action: 'customer.export.downloaded',
      subject: { type: 'customer', id: input.customerId },
      metadata: { export_id: input.exportId, region },
      ...input.context,
    })
    return json
  }
}
