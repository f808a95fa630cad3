import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { errors } from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import OpenBankingConsent from '#models/open_banking_consent'
import type Partner from '#models/partner'
import AuditTrail from '#services/audit/audit_trail'
import openbankingConfig from '#config/openbanking'
import { permissionProblem } from '#domain/openbanking/consent'
import type { RequestContext } from '#domain/audit/actor'
import type { createAccountAccessConsentValidator } from '#validators/openbanking'

/**
 * A partner asks for access to a customer's account information: the
 * consent is stored as AWAU (awaiting authorisation) with its permissions,
 * expiry (default 90 days) and transaction window, and audited. Nobody is
 * bound to it until a customer approves it on the consent page.
 * Throws: E_VALIDATION_ERROR (permission combination, past expiry,
 * window from after to).
 */
export default class CreateAccountAccessConsent {
  async handle(input: {
    partner: Partner
    request: Infer<typeof createAccountAccessConsentValidator>
    context: RequestContext
  }): Promise<OpenBankingConsent> {
    const data = input.request.Data
    const problems: Array<{ field: string; rule: string; message: string }> = []
    const permissionIssue = permissionProblem(data.Permissions)
    if (permissionIssue) problems.push({ field: 'Data.Permissions', rule: 'permissions', message: permissionIssue })
    if (data.ExpirationDateTime && data.ExpirationDateTime.getTime() <= Date.now()) {
      problems.push({ field: 'Data.ExpirationDateTime', rule: 'future', message: 'ExpirationDateTime must be in the future' })
    }
    if (data.TransactionFromDateTime && data.TransactionToDateTime && data.TransactionFromDateTime > data.TransactionToDateTime) {
      problems.push({ field: 'Data.TransactionToDateTime', rule: 'window', message: 'TransactionToDateTime must not be before TransactionFromDateTime' })
    }
    if (problems.length) throw new errors.E_VALIDATION_ERROR(problems)

    const expiresAt = data.ExpirationDateTime ?? new Date(Date.now() + openbankingConfig.defaultConsentDays * 86_400_000)
    return db.transaction(async (trx) => {
      const consent = await OpenBankingConsent.create(
        {
          id: `aac-${randomUUID()}`,
          kind: 'account_access',
          partnerId: input.partner.id,
          status: 'AWAU',
          permissions: data.Permissions,
          expiresAt: toDateTime(expiresAt),
          transactionsFrom: data.TransactionFromDateTime ? toDateTime(data.TransactionFromDateTime) : null,
          transactionsTo: data.TransactionToDateTime ? toDateTime(data.TransactionToDateTime) : null,
        },
        { client: trx }
      )
      await AuditTrail.record(
        {
          actor: { type: 'partner', id: input.partner.id },
          action: 'openbanking.consent.created',
          subject: { type: 'consent', id: consent.id },
          after: { kind: consent.kind, permissions: consent.permissions, expires_at: expiresAt.toISOString() },
          ...input.context,
        },
        trx
      )
      return consent
    })
  }
}

function toDateTime(date: Date) {
  return DateTime.fromJSDate(date, { zone: 'utc' })
}
