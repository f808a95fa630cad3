import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import Customer from '#models/customer'
import CustomerPrivacyQueries from '#queries/customers/customer_privacy_queries'
import AuditTrail from '#services/audit/audit_trail'
import DataKeyring from '#services/keys/data_keyring'
import { EMPTY_PLAINTEXT_COLUMNS } from '#services/keys/customer_personal_data'
import { emptyLoanPlaintext } from '#actions/loans/encrypt_loan_personal_data'
import { legacyDisk, regionDisk } from '#services/residency/region_drive'
import { removeStoredExports } from '#services/privacy/customer_export_store'
import type { Actor, RequestContext } from '#domain/audit/actor'

/**
 * Executes one scheduled erasure request (crypto-shredding). In ONE
 * transaction (the caller's, when given):
 * 1. the request row is locked and must still be 'scheduled';
 * 2. the customer's data key is destroyed (DataKeyring.destroyCustomerKey):
 *    everything sealed under it — the personal fields, KYC and loan
 *    documents, the loan declarations, audit values, exports, and every
 *    copy of those in backups — is unreadable from now on;
 * 3. what was not sealed goes: the blind indexes (email, national id, name
 *    words: a known value could be matched against them) and the legacy
 *    plaintext columns of customers and loans;
 * 4. the customer's API access tokens are revoked (deleted);
 * 5. the request becomes 'executed' and one audit row 'customer.erased' is
 *    written, with counts only, no personal data.
 * After the commit, the customer's files are deleted from the region disk
 * (and the legacy disk) and the stored exports removed; a file that fails
 * to delete is only logged: it is sealed under the destroyed key already.
 * The ledger is untouched: its rows hold amounts, account ids and
 * references, no personal data, so ledger:verify and audit:verify stay clean.
 * Returns false when the request was not scheduled (already executed or cancelled).
 */
export default class EraseCustomer {
  async handle(input: {
    erasureRequestId: number
    actor: Actor
    context: RequestContext
    trx?: TransactionClientContract
  }): Promise<boolean> {
    const request = await (input.trx ?? db).from('erasure_requests').where('id', input.erasureRequestId).first()
    if (!request) return false
    const customerId = Number(request.customer_id)

    /* the storage keys are sealed: read them while the key still exists */
    const customer = await Customer.find(customerId, input.trx ? { client: input.trx } : undefined)
    const region = customer?.residencyRegion ?? null
    const fileKeys = [
      ...(customer?.kycDocuments ?? []).map((document) => document.key),
      ...(await new CustomerPrivacyQueries(input.trx).loanDocumentKeys(customerId)),
    ].filter(Boolean)

    const run = async (trx: TransactionClientContract) => {
      const locked = await trx.from('erasure_requests').where('id', input.erasureRequestId).forUpdate().first()
      if (!locked || locked.status !== 'scheduled') return false
      const keyDestroyed = await DataKeyring.destroyCustomerKey(customerId, trx)
      await trx.from('customers').where('id', customerId).update({
        email_index: null,
        national_id_index: null,
        name_index: null,
        ...EMPTY_PLAINTEXT_COLUMNS,
        totp_secret: null,
        updated_at: new Date(),
      })
      await emptyLoanPlaintext(trx, { customerId })
      const revoked = await trx.from('customer_access_tokens').where('tokenable_id', customerId).delete()
      await trx
        .from('erasure_requests')
        .where('id', input.erasureRequestId)
        .update({ status: 'executed', executed_at: new Date(), updated_at: new Date() })
      await AuditTrail.record(
        {
          actor: input.actor,
          action: 'customer.erased',
          subject: { type: 'customer', id: customerId },
          before: { erasure: 'scheduled' },
          after: { erasure: 'executed' },
          metadata: {
            erasure_request_id: String(input.erasureRequestId),
            approval_id: locked.approval_id ? String(locked.approval_id) : null,
            key_destroyed: keyDestroyed,
            tokens_revoked: Number(revoked),
            files_deleted: fileKeys.length,
            executed_at: DateTime.utc().toISO(),
          },
          ...input.context,
        },
        trx
      )
      trx.after('commit', async () => {
        DataKeyring.forget(customerId)
        await deleteFiles(customerId, region, fileKeys)
      })
      return true
    }
    return input.trx ? run(input.trx) : db.transaction(run)
  }
}

async function deleteFiles(customerId: number, region: string | null, keys: string[]) {
  for (const key of keys) {
    for (const disk of region ? [regionDisk(region), legacyDisk()] : [legacyDisk()]) {
      await disk.delete(key).catch((error) => logger.warn({ customerId, err: error?.message }, 'erasure: a file was not deleted'))
    }
  }
  if (region) {
    await removeStoredExports(region, customerId).catch((error) =>
      logger.warn({ customerId, err: error?.message }, 'erasure: stored exports were not removed')
    )
  }
}
