import { createHash, randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open, rm } from 'node:fs/promises'
import { customerRegion, discardCustomerFile, storeCustomerFile } from '#services/residency/region_drive'
import db from '@adonisjs/lucid/services/db'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import Customer from '#models/customer'
import type StaffUser from '#models/staff_user'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import { type KycDocument, type KycDocumentType, sniffDocumentMime } from '#domain/customers/customer_record'
import UnsupportedDocumentContentException from '#exceptions/unsupported_document_content_exception'
import { kycDocumentAad, sealDocumentFile } from '#services/documents/sealed_documents'

async function sha256Of(path: string): Promise<string> {
  const digest = createHash('sha256')
  for await (const chunk of createReadStream(path)) digest.update(chunk)
  return digest.digest('hex')
}

async function headOf(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r')
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8), 0, 8, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

/**
 * Stores a KYC document on the disk of the customer's residency region
 * (#services/residency/region_drive) under a random key, appends its
 * metadata to customers.kyc_documents and writes 'customer.document.uploaded',
 * in one transaction (the file is removed again if the transaction fails).
 * The type comes from the file's bytes, never from its name.
 * Sealed (issue 13): the file's bytes under the customer's data key
 * (#services/documents/sealed_documents; sha256 of the plaintext kept),
 * the metadata inside the customer's sealed personal data (the model),
 * the audit row without the original file name.
 */
export default class UploadKycDocument {
  async handle(input: {
    customerId: number
    type: KycDocumentType
    file: MultipartFile
    staff: StaffUser
    context: RequestContext
  }): Promise<KycDocument> {
    const customer = await Customer.findOrFail(input.customerId)
    const mime = sniffDocumentMime(await headOf(input.file.tmpPath!))
    if (!mime) throw new UnsupportedDocumentContentException()
    const document: KycDocument = {
      id: randomUUID(),
      type: input.type,
      originalName: input.file.clientName.slice(0, 255),
      size: input.file.size,
      mime,
      sha256: await sha256Of(input.file.tmpPath!),
      uploadedBy: input.staff.id,
      uploadedAt: new Date().toISOString(),
      key: `kyc/${customer.id}/${randomUUID()}`, // residency: the owner is in the path (residency:report)
    }
    /* residency: the file goes to the disk of the customer's region */
    const region = await customerRegion(customer.id)
    const actor = { type: 'staff', id: input.staff.id } as const
    /* sealed: the bytes are sealed under the customer's data key before they reach the disk (#services/documents/sealed_documents) */
    const { contents } = await sealDocumentFile(customer.id, input.file.tmpPath!, kycDocumentAad(customer.id, document.id), region)
    await rm(input.file.tmpPath!, { force: true })
    await storeCustomerFile({ customerId: customer.id, customerRegion: region, key: document.key, contents, actor, context: input.context })
    try {
      await db.transaction(async (trx) => {
        /* sealed: the metadata is part of the customer's sealed personal data (the model seals it), appended under the row lock */
        const locked = await Customer.query({ client: trx }).where('id', customer.id).forUpdate().firstOrFail()
        locked.kycDocuments = [...(locked.kycDocuments ?? []), document]
        await locked.save()
        /* sealed: the audit trail keeps no original file name (personal data; append-only) */
        const { key: _key, originalName: _name, ...metadata } = document
        await AuditTrail.record(
          {
            actor: { type: 'staff', id: input.staff.id },
            action: 'customer.document.uploaded',
            subject: { type: 'customer', id: customer.id },
            after: metadata,
            ...input.context,
          },
          trx
        )
      })
    } catch (error) {
      await discardCustomerFile(region, document.key)
      throw error
    }
    return document
  }
}
