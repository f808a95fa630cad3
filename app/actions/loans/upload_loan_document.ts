import { randomUUID } from 'node:crypto'
import { open, rm } from 'node:fs/promises'
import { customerRegion, discardCustomerFile, storeCustomerFile } from '#services/residency/region_drive'
import db from '@adonisjs/lucid/services/db'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Loan, { type LoanDocument, sealedLoanDocument } from '#models/loan'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import { sniffDocumentMime } from '#domain/customers/customer_record'
import { acceptsDocuments, LOAN_DOCUMENT_MAX_COUNT, loanDocumentKey } from '#domain/loans/loan_documents'
import LoanNotFoundException from '#exceptions/loan_not_found_exception'
import LoanDocumentsClosedException from '#exceptions/loan_documents_closed_exception'
import LoanDocumentLimitException from '#exceptions/loan_document_limit_exception'
import UnsupportedDocumentContentException from '#exceptions/unsupported_document_content_exception'
import { loanDocumentAad, sealDocumentFile } from '#services/documents/sealed_documents'

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
 * Attaches a document (PDF, JPEG or PNG, recognised from its bytes, never
 * its name) to an application that is submitted or under review, by the
 * customer (API, `customerId` scopes the lookup) or staff. The file goes
 * to the disk of the borrower's residency region under
 * loans/<loan>/<document> first; then, in one
 * transaction with the loan row locked FOR UPDATE, the status and count
 * are checked again, the metadata appended to loans.documents and the
 * audit row 'loans.loan.document_uploaded' written (without the file's
 * name). Sealed (issue 13): the bytes under the borrower's data key
 * (#services/documents/sealed_documents; sha256 of the plaintext in the
 * metadata), the original name in sealedName (#models/loan). The file is deleted
 * again when that transaction fails.
 * Throws: LoanNotFound (404), UnsupportedDocumentContent (422),
 * LoanDocumentsClosed (409), LoanDocumentLimit (422).
 */
export default class UploadLoanDocument {
  async handle(input: {
    loanId: number
    customerId?: number
    file: MultipartFile
    uploadedBy: LoanDocument['uploadedBy']
    context: RequestContext
  }): Promise<LoanDocument> {
    if (!Number.isSafeInteger(input.loanId) || input.loanId < 1) throw new LoanNotFoundException()
    const before = await this.#find(input)
    this.#assertOpen(before)
    const contentType = sniffDocumentMime(await headOf(input.file.tmpPath!))
    if (!contentType) throw new UnsupportedDocumentContentException()
    const id = randomUUID()
    const key = loanDocumentKey(before.id, id)
    /* residency: the file goes to the disk of the borrower's region */
    const region = await customerRegion(before.customerId)
    /* sealed: the bytes under the borrower's data key (#services/documents/sealed_documents), the name in sealedName */
    const { contents, sha256 } = await sealDocumentFile(before.customerId, input.file.tmpPath!, loanDocumentAad(before.id, id), region)
    await rm(input.file.tmpPath!, { force: true })
    const document: LoanDocument = {
      id,
      name: input.file.clientName.slice(0, 255),
      contentType,
      size: input.file.size,
      sha256,
      uploadedAt: new Date().toISOString(),
      uploadedBy: input.uploadedBy,
    }
    const stored = await sealedLoanDocument(before.customerId, before.id, document)
    /* sealed: the audit trail (append-only) keeps no original file name */
    const { name: _name, ...unnamed } = document
    await storeCustomerFile({ customerId: before.customerId, customerRegion: region, key, contents, actor: input.uploadedBy, context: input.context })
    try {
      await db.transaction(async (trx) => {
        const loan = await this.#find(input, trx)
        this.#assertOpen(loan)
        await trx.rawQuery('update loans set documents = documents || ?::jsonb, updated_at = now() where id = ?', [
          JSON.stringify([stored]),
          loan.id,
        ])
        await AuditTrail.record(
          {
            actor: input.uploadedBy,
            action: 'loans.loan.document_uploaded',
            subject: { type: 'loan', id: loan.id },
            after: unnamed as unknown as Record<string, unknown>,
            metadata: { customer_id: loan.customerId },
            ...input.context,
          },
          trx
        )
      })
    } catch (error) {
      await discardCustomerFile(region, key)
      throw error
    }
    return document
  }

  async #find(input: { loanId: number; customerId?: number }, trx?: TransactionClientContract) {
    const query = Loan.query({ client: trx }).where('id', input.loanId)
    if (input.customerId !== undefined) query.where('customer_id', input.customerId)
    if (trx) query.forUpdate()
    const loan = await query.first()
    if (!loan) throw new LoanNotFoundException()
    return loan
  }

  #assertOpen(loan: Loan) {
    if (!acceptsDocuments(loan.status)) throw new LoanDocumentsClosedException()
    if (loan.documents.length >= LOAN_DOCUMENT_MAX_COUNT) throw new LoanDocumentLimitException()
  }
}
