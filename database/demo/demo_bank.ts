import { createHmac } from 'node:crypto'
import { luhnCheckDigit } from '#domain/ledger/account_number'
import {
  RECOVERY_CODE_ALPHABET,
  RECOVERY_CODE_COUNT,
  RECOVERY_CODE_LENGTH,
  formatRecoveryCode,
} from '#domain/staff/recovery_codes'
import { STAFF_ROLES, type StaffRole } from '#domain/staff/roles'

/**
 * The deterministic demo bank: who exists, with which credentials and which
 * opening balances. Pure: the same index always gives the same person, so
 * two runs (or two machines) produce the same demo data.
 *
 * Development credentials only; `demo:seed` refuses to run in production.
 */
export const DEMO_SEED = 'strongroom-demo-v1'
/** The only environments where demo data (published passwords and TOTP secrets) may be written */
export const DEMO_ENVIRONMENTS: readonly string[] = ['development', 'test']
export function isDemoEnvironment(environment: string): boolean {
  return DEMO_ENVIRONMENTS.includes(environment)
}
export const DEMO_DOMAIN = 'strongroom.test'
export const STAFF_PASSWORD = 'Strongroom-Staff-Demo-1!'
export const CUSTOMER_PASSWORD = 'Strongroom-Customer-Demo-1!'
/** One demo staff member per role (app/domain/staff/roles.ts) */
export { STAFF_ROLES }
export type DemoStaffRole = StaffRole

/** 1-based customer numbers whose KYC stays pending (when they exist) */
export const PENDING_KYC = new Set([3, 7])
/** 1-based customer numbers whose KYC was rejected (their accounts are frozen) */
export const REJECTED_KYC = new Set([6, 17])
export const KYC_REJECTION_REASON = 'Proof of address did not match the application (demo)'

const FIRST = ['Ada', 'Alan', 'Grace', 'Edsger', 'Barbara', 'Donald', 'Frances', 'John', 'Margaret',
  'Dennis', 'Radia', 'Ken', 'Karen', 'Tim', 'Sophie', 'Linus', 'Hedy', 'Claude', 'Joan', 'Niklaus']
const LAST = ['Lovelace', 'Turing', 'Hopper', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'McCarthy',
  'Hamilton', 'Ritchie', 'Perlman', 'Thompson', 'Jones', 'Berners-Lee', 'Wilson', 'Torvalds',
  'Lamarr', 'Shannon', 'Clarke', 'Wirth']

/** mulberry32: a small seeded PRNG, uniform in [0, 1) */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** RFC 4648 base32 without padding */
export function base32(bytes: Uint8Array): string {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31]
  return out
}

/** A 160-bit base32 TOTP secret derived from the e-mail address */
export function demoTotpSecret(email: string): string {
  const digest = createHmac('sha256', DEMO_SEED).update(email.toLowerCase()).digest()
  return base32(digest.subarray(0, 20))
}

/**
 * Ten backoffice recovery codes in the current format
 * (xxxxx-xxxxx-xxxxx-xxxxx-xxxxx), derived from the e-mail
 */
export function demoRecoveryCodes(email: string): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, (_, i) => {
    const bytes = createHmac('sha256', DEMO_SEED).update(`${email.toLowerCase()}:recovery:${i}`).digest()
    const chars = [...bytes.subarray(0, RECOVERY_CODE_LENGTH)]
      .map((b) => RECOVERY_CODE_ALPHABET[b % RECOVERY_CODE_ALPHABET.length])
      .join('')
    return formatRecoveryCode(chars)
  })
}

export interface DemoStaff {
  email: string
  fullName: string
  role: DemoStaffRole
  password: string
  totpSecret: string
  recoveryCodes: string[]
}

export function demoStaff(): DemoStaff[] {
  return STAFF_ROLES.map((role, i) => {
    const email = `${role.replace('_', '.')}@${DEMO_DOMAIN}`
    return {
      email,
      fullName: `${FIRST[i]} ${LAST[i]} (${role.replace('_', ' ')})`,
      role,
      password: STAFF_PASSWORD,
      totpSecret: demoTotpSecret(email),
      recoveryCodes: demoRecoveryCodes(email),
    }
  })
}

export interface DemoCustomer {
  index: number
  customerNumber: string
  email: string
  fullName: string
  phone: string
  dateOfBirth: string
  kycStatus: 'verified' | 'pending' | 'rejected'
  totpSecret: string
  /** Opening deposits in minor units (GBP pence) */
  openingCurrent: bigint
  openingSavings: bigint
}

const KIND_DIGIT = { current: '1', savings: '2' } as const
const CURRENCY_DIGIT: Record<string, string> = { GBP: '1', EUR: '2', USD: '3' }

/**
 * The demo account number of customer `index` (1-based, up to 999,999):
 * 'SR' + '7' + index (6 digits) + kind digit + currency digit + Luhn digit,
 * the same on every machine.
 */
export function demoAccountNumber(index: number, kind: 'current' | 'savings', currency: string) {
  const body = `7${String(index).padStart(6, '0')}${KIND_DIGIT[kind]}${CURRENCY_DIGIT[currency] ?? '9'}`
  return `SR${body}${luhnCheckDigit(body)}`
}

/** Customer number `index` (1-based), e.g. customer0001@strongroom.test */
export function demoCustomer(index: number): DemoCustomer {
  const random = seededRandom(index * 2654435761)
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]
  const tag = String(index).padStart(4, '0')
  const email = `customer${tag}@${DEMO_DOMAIN}`
  const year = 1950 + Math.floor(random() * 55)
  const month = 1 + Math.floor(random() * 12)
  const day = 1 + Math.floor(random() * 28)
  return {
    index,
    customerNumber: `C${String(index).padStart(8, '0')}`,
    email,
    fullName: `${pick(FIRST)} ${pick(LAST)}`,
    phone: `+44 7700 ${String(900000 + (index % 100000)).slice(-6)}`,
    dateOfBirth: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    kycStatus: PENDING_KYC.has(index) ? 'pending' : REJECTED_KYC.has(index) ? 'rejected' : 'verified',
    totpSecret: demoTotpSecret(email),
    /* £500.00 to £5,000.00 and £1,000.00 to £20,000.00, whole pounds */
    openingCurrent: BigInt(500 + Math.floor(random() * 4501)) * 100n,
    openingSavings: BigInt(1000 + Math.floor(random() * 19001)) * 100n,
  }
}
