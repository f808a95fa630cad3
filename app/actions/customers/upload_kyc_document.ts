import { createHash, randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import Customer from '#models/customer'
import type StaffUser from '#models/staff_user'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import { type KycDocument, type KycDocumentType, sniffDocumentMime } from '#domain/customers/customer_record'
import UnsupportedDocumentContentException from '#exceptions/unsupported_document_content_exception'

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
 * Stores a KYC document on the drive disk under a random key, appends its
 * metadata to customers.kyc_documents and writes 'customer.document.uploaded',
 * in one transaction (the file is removed again if the transaction fails).
 * The type comes from the file's bytes, never from its name.
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
      key: `kyc/${randomUUID()}`,
    }
    await input.file.moveToDisk(document.key)
    try {
      await db.transaction(async (trx) => {
        await trx.rawQuery('update customers set kyc_documents = kyc_documents || ?::jsonb, updated_at = now() where id = ?', [
          JSON.stringify([document]),
          customer.id,
        ])
        const { key: _key, ...metadata } = document
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
      await drive.use().delete(document.key).catch(() => {})
      throw error
    }
    return document
  }
}
