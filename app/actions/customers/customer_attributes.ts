import { DateTime } from 'luxon'
import type { Infer } from '@vinejs/vine/types'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Customer from '#models/customer'
import { sealFieldsForCustomer } from '#services/audit/audit_sealed_values'
import type { CustomerAddress, SensitiveField } from '#domain/customers/customer_record'
import type { createCustomerValidator } from '#validators/customer'

type CustomerForm = Infer<typeof createCustomerValidator>

/** The address of a form, or undefined when no address field was filled */
export function addressOf(data: CustomerForm): CustomerAddress | undefined {
  if (!data.addressLine1 || !data.city || !data.postcode || !data.country) return undefined
  return {
    line1: data.addressLine1,
    line2: data.addressLine2 ?? null,
    city: data.city,
    postcode: data.postcode,
    country: data.country,
  }
}

/**
 * Model attributes from a validated form. Sensitive fields left blank are
 * absent from the result (create: none stored; update: the stored value stays).
 */
export function customerAttributes(data: CustomerForm) {
  const address = addressOf(data)
  return {
    fullName: data.fullName,
    email: data.email,
    ...(data.phone ? { phone: data.phone } : {}),
    ...(data.dateOfBirth ? { dateOfBirth: DateTime.fromJSDate(data.dateOfBirth).startOf('day') } : {}),
    ...(address ? { address } : {}),
    ...(data.nationalId ? { nationalId: data.nationalId } : {}),
  }
}

/** A unique violation on the customer's email (its blind index; customers_email_unique before the backfill) */
export function isEmailTaken(error: any): boolean {
  return error?.constraint === 'customers_email_index_unique' || error?.constraint === 'customers_email_unique'
}

/** The fields of publicSnapshot() that are personal data: audit rows hold them sealed for the customer */
export const SEALED_SNAPSHOT_FIELDS = ['fullName', 'email'] as const

/**
 * A snapshot (or part of one) as an audit row stores it: name and email
 * sealed under the customer's key (#services/audit/audit_sealed_values).
 */
export function auditSnapshot(customerId: number, snapshot: Partial<ReturnType<typeof publicSnapshot>>, client?: TransactionClientContract) {
  return sealFieldsForCustomer(customerId, snapshot, SEALED_SNAPSHOT_FIELDS, client)
}

/** The non-sensitive fields, as audit rows record them before and after (name and email sealed: auditSnapshot) */
export function publicSnapshot(customer: Customer) {
  return {
    customerNumber: customer.customerNumber,
    fullName: customer.fullName,
    email: customer.email,
    kycStatus: customer.kycStatus,
    status: customer.status,
  }
}

/** Comparable values of the sensitive fields (never written to an audit row) */
export function sensitiveValues(customer: Customer): Record<SensitiveField, string | null> {
  return {
    phone: customer.phone ?? null,
    nationalId: customer.nationalId ?? null,
    dateOfBirth: customer.dateOfBirth ? customer.dateOfBirth.toISODate() : null,
    address: customer.address ? JSON.stringify(customer.address) : null,
  }
}

export function sensitiveFieldsSet(customer: Customer): SensitiveField[] {
  const values = sensitiveValues(customer)
  return (Object.keys(values) as SensitiveField[]).filter((field) => values[field] !== null)
}
