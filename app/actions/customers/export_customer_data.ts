import Customer from '#models/customer'
import Loan from '#models/loan'
import { isSealedAuditValue, openAuditValues } from '#services/audit/audit_sealed_values'
import CustomerPrivacyQueries from '#queries/customers/customer_privacy_queries'
import AuditTrail from '#services/audit/audit_trail'
import { assertSameRegion } from '#services/residency/region_drive'
import { allRegionStorage } from '#services/residency/regions'
import {
  customerExportDir,
  isInside,
  newExportId,
  writeSealedExport,
} from '#services/privacy/customer_export_store'
import type { Actor, RequestContext } from '#domain/audit/actor'
import CustomerNotFoundException from '#exceptions/customer_not_found_exception'

/**
 * Access request (GDPR art. 15): everything the bank holds about one
 * customer, as JSON (#queries/customers/customer_privacy_queries lists
 * what, table by table), with the personal fields opened.
 *
 * - destination 'store' (default): sealed under the customer's data key
 *   in the customer's region's export directory (or `outputDir`, which must
 *   lie inside that region's export directory: else 'residency.refused' is
 *   audited and ResidencyViolation thrown, nothing written). Erasure
 *   destroys the key, so stored exports become unreadable.
 * - destination 'stdout': the plaintext is returned to the caller (the ace
 *   command prints it; the operator is responsible for where it goes).
 *
 * Withheld (the export's `withheld` section, always present whatever the
 * customer's records hold, so its presence tells nothing): risk alerts
 * (open and closed), their activity, compliance cases and the audit rows of
 * the financial-crime workflow (risk.*, compliance.*). Disclosing an
 * investigation, or that one existed, can tip the customer off (POCA 2002
 * s.333A; DPA 2018 Sch. 2 para 2, crime exemption); a closed alert may have
 * led to a report, so closed ones are withheld too. Secrets are never
 * exported: password and TOTP material, token hashes, data keys, blind
 * indexes. Partner event subscriptions belong to the partner, not the
 * customer, and are not listed.
 *
 * Every export writes one audit row 'customer.exported' (no personal data).
 * Throws: CustomerNotFound, ResidencyViolation, PersonalDataErased (store
 * after erasure).
 */
export default class ExportCustomerData {
  async handle(input: {
    customerId: number
    actor: Actor
    context: RequestContext
    destination?: 'store' | 'stdout'
    outputDir?: string | null
  }): Promise<{ exportId: string; path: string | null; json: string | null; region: string }> {
    const customer = await Customer.find(input.customerId)
    if (!customer) throw new CustomerNotFoundException()
    const region = customer.residencyRegion
    const destination = input.destination ?? 'store'
    let dir: string | null = null
    if (destination === 'store') {
      dir = input.outputDir ? await this.#checkedOutputDir(customer, input.outputDir, input) : customerExportDir(region, customer.id)
    }

    const exportId = newExportId()
    const document = await this.#document(customer, exportId, input.actor)
    const json = JSON.stringify(document, (_key, value) => (typeof value === 'bigint' ? value.toString() : value), 2)
    const path = dir ? await writeSealedExport({ customerId: customer.id, dir, exportId, json }) : null

    await AuditTrail.record({
      actor: input.actor,
      action: 'customer.exported',
      subject: { type: 'customer', id: customer.id },
      metadata: { export_id: exportId, destination, region, sealed: path !== null, bytes: Buffer.byteLength(json) },
      ...input.context,
    })
    return { exportId, path, json: destination === 'stdout' ? json : null, region }
  }

  /** A directory given by the operator must be inside the customer's region's export root */
  async #checkedOutputDir(customer: Customer, outputDir: string, input: { actor: Actor; context: RequestContext }) {
    const target = allRegionStorage().find((storage) => isInside(storage.exports, outputDir))
    await assertSameRegion({
      customerRegion: customer.residencyRegion,
      targetRegion: target?.region ?? 'outside any region',
      operation: 'customer.export.write',
      actor: input.actor,
      context: input.context,
      subject: { type: 'customer', id: customer.id },
    })
    return customerExportDir(customer.residencyRegion, customer.id, outputDir)
  }

  async #document(customer: Customer, exportId: string, actor: Actor) {
    const queries = new CustomerPrivacyQueries()
    const accounts = await queries.accounts(customer.id)
    const accountIds = accounts.map((account) => Number(account.id))
    const [entries, holds, limits, payees, authorisations, held, loans, consents, notifications, preferences, devices, tokens, audit, erasure] =
      await Promise.all([
        queries.ledgerEntries(accountIds),
        queries.holds(accountIds),
        queries.paymentLimits(customer.id),
        queries.payees(customer.id),
        queries.paymentAuthorisations(customer.id),
        queries.heldPayments(customer.id),
        queries.loans(customer.id),
        queries.consents(customer.id),
        queries.notifications(customer.id),
        queries.notificationPreferences(customer.id),
        queries.devices(customer.id),
        queries.accessTokens(customer.id),
        queries.auditEvents(customer.id),
        queries.erasureRequests(customer.id),
      ])
    const accessLog = await queries.consentAccessLog(consents.map((consent) => consent.id))
    const openedAudit = await openAuditValues(withoutOthersData(audit, customer.id))
    /* the applicant's declarations and document names, opened by the Loan model */
    const openedLoans = new Map((await Loan.query().where('customerId', customer.id)).map((loan) => [Number(loan.id), loan]))
    const withoutKey = ({ key: _key, ...metadata }: { key?: string } & Record<string, unknown>) => metadata

    return {
      format: 'strongroom.customer-export/1',
      exportId,
      generatedAt: new Date().toISOString(),
      generatedBy: { type: actor.type, id: actor.id === undefined || actor.id === null ? null : String(actor.id) },
      customer: {
        id: customer.id,
        customerNumber: customer.customerNumber,
        status: customer.status,
        residencyRegion: customer.residencyRegion,
        kycStatus: customer.kycStatus,
        kycRejectionReason: customer.kycRejectionReason ?? null,
        createdAt: customer.createdAt?.toISO() ?? null,
        personalDataErased: customer.personalDataErased === true,
        personalData: {
          fullName: customer.fullName,
          email: customer.email,
          phone: customer.phone ?? null,
          dateOfBirth: customer.dateOfBirth ? customer.dateOfBirth.toISODate() : null,
          address: customer.address ?? null,
          nationalId: customer.nationalId ?? null,
        },
        twoFactorEnabled: customer.totpEnabledAt !== null && customer.totpEnabledAt !== undefined,
        kycDocuments: (customer.kycDocuments ?? []).map((document) => withoutKey({ ...document })),
      },
      accounts,
      ledgerEntries: entries,
      holds,
      paymentLimits: limits,
      payees,
      paymentAuthorisations: authorisations,
      paymentsHeldForReview: held,
      loans: loans.loans.map(({ personal_data: _sealed, documents: _stored, ...loan }) => ({
        ...loan,
        purpose: openedLoans.get(Number(loan.id))?.purpose ?? loan.purpose ?? null,
        monthly_income: openedLoans.get(Number(loan.id))?.monthlyIncome?.toString() ?? loan.monthly_income ?? null,
        monthly_obligations: openedLoans.get(Number(loan.id))?.monthlyObligations?.toString() ?? loan.monthly_obligations ?? null,
        documents: (openedLoans.get(Number(loan.id))?.documents ?? []).map((document: any) => withoutKey({ ...document })),
        instalments: loans.instalments.filter((row) => row.loan_id === loan.id),
        repayments: loans.repayments.filter((row) => row.loan_id === loan.id),
      })),
      openBankingConsents: consents.map((consent) => ({
        ...consent,
        accessLog: accessLog.filter((row) => row.consent_id === consent.id),
      })),
      notifications,
      notificationPreferences: preferences,
      devices,
      accessTokens: tokens,
      auditEvents: openedAudit,
      erasureRequests: erasure,
      withheld: [
        {
          category: 'risk_alerts',
          covers: 'risk alerts (open and closed), their activity and notes, compliance cases, and audit rows of the financial-crime workflow',
          reason:
            'Withheld whatever they contain: disclosing an investigation, or that one took place, could prejudice the prevention or detection of crime (tipping-off, POCA 2002 s.333A; DPA 2018 Sch. 2 para 2).',
        },
        {
          category: 'secrets',
          covers: 'password hash, two-factor secret and recovery material, access-token hashes, data keys, blind indexes',
          reason: 'Security credentials, not information about the customer; disclosing them would weaken the security of the account.',
        },
      ],
    }
  }
}

/**
 * Audit rows about this customer may hold values sealed for someone else
 * (the other party of a transfer): those are not the requester's data and
 * are replaced before opening; this customer's own sealed values open.
 */
function withoutOthersData<T>(rows: T[], customerId: number): T[] {
  const mine = `customer:${customerId}`
  const replace = (value: unknown): unknown => {
    if (isSealedAuditValue(value)) return value.for === mine ? value : OTHER_PERSON
    if (Array.isArray(value)) return value.map(replace)
    if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v)]))
    }
    return value
  }
  return rows.map((row) => replace(row) as T)
}

const OTHER_PERSON = "[another person's data: withheld]"
