import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Loan, { sealedLoanDocument, type StoredLoanDocument } from '#models/loan'
import DataKeyring from '#services/keys/data_keyring'

/**
 * The loans' part of the personal-data backfill (`node ace pii:encrypt`):
 * rows written before sealing get their declarations (purpose, monthly
 * income and obligations) sealed into personal_data and their document
 * names into sealedName, and the plaintext emptied, in batches of
 * `batchSize` rows, each batch one transaction with its rows locked
 * (FOR UPDATE SKIP LOCKED: a live database keeps serving, two runs never
 * seal the same row). Safe to re-run; a sealed row is never touched again.
 * A loan whose borrower was erased (key destroyed) has its plaintext
 * emptied without sealing: it must not outlive the key.
 */
export interface LoanBackfillResult {
  sealed: number
  emptied: number
  batches: number
  /** rows still holding plaintext after the run (locked by the application meanwhile: run again) */
  remaining: number
}

/** Rows still holding plaintext: declarations, or a document name not yet sealed */
const PENDING = `(personal_data is null and purpose is not null)
  or exists (select 1 from jsonb_array_elements(documents) d where d->>'name' is not null)`

export default class EncryptLoanPersonalData {
  async handle(input: { batchSize?: number; maxBatches?: number } = {}): Promise<LoanBackfillResult> {
    const batchSize = Math.max(1, Math.min(input.batchSize ?? 500, 10_000))
    const result: LoanBackfillResult = { sealed: 0, emptied: 0, batches: 0, remaining: 0 }
    while (input.maxBatches === undefined || result.batches < input.maxBatches) {
      const done = await db.transaction(async (trx) => {
        const loans = await Loan.query({ client: trx }).whereRaw(`(${PENDING})`).orderBy('id').limit(batchSize).forUpdate().skipLocked()
        const keys = await DataKeyring.forCustomers(loans.map((loan) => loan.customerId), trx)
        for (const loan of loans) {
          if (keys.get(loan.customerId) || !(await this.#hadKey(loan.customerId, trx))) {
            await this.#seal(loan, trx)
            result.sealed++
          } else {
            await this.#empty(loan, trx)
            result.emptied++
          }
        }
        return loans.length
      })
      if (done === 0) break
      result.batches++
    }
    const [{ n }] = await db.from('loans').whereRaw(`(${PENDING})`).count('* as n')
    result.remaining = Number(n)
    return result
  }

  async #seal(loan: Loan, trx: TransactionClientContract) {
    /* a borrower without a key yet (customers not sealed first) gets one here, in their region */
    const customer = await trx.from('customers').where('id', loan.customerId).select('residency_region').first()
    await DataKeyring.forCustomer(loan.customerId, { create: true, client: trx, region: customer?.residency_region })
    if (loan.hasPlaintextDeclarations) loan.markForSealing()
    const documents = loan.documents as StoredLoanDocument[]
    if (documents.some((document) => !document.sealedName)) {
      loan.documents = (await Promise.all(
        documents.map((document) =>
          document.sealedName ? document : sealedLoanDocument(loan.customerId, loan.id, { ...document, name: document.name ?? '' }, trx)
        )
      )) as Loan['documents']
    }
    await loan.save()
  }

  /** Whether the customer ever had a key (false: none made yet; true here: it was destroyed) */
  async #hadKey(customerId: number, trx: TransactionClientContract): Promise<boolean> {
    return Boolean(await trx.from('customer_data_keys').where('customer_id', customerId).first())
  }

  /** Erased borrower: the plaintext goes, nothing is sealed */
  async #empty(loan: Loan, trx: TransactionClientContract) {
    await emptyLoanPlaintext(trx, { loanId: loan.id })
  }
}

/**
 * Erasure: empties what a customer's loans still hold in plaintext (the
 * declarations of rows written before sealing, documents' original names)
 * in one statement; what is sealed goes with the key. For the erasure
 * action, in its transaction.
 */
export async function emptyLoanPlaintext(trx: TransactionClientContract, where: { customerId: number } | { loanId: number }) {
  const [column, value] = 'customerId' in where ? ['customer_id', where.customerId] : ['id', where.loanId]
  await trx.rawQuery(
    `update loans
        set purpose = null, monthly_income = null, monthly_obligations = null,
            documents = (select coalesce(jsonb_agg(d - 'name' order by n), '[]'::jsonb)
                           from jsonb_array_elements(documents) with ordinality as e(d, n))
      where ${column} = ?`,
    [value]
  )
}
