import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import encryption from '@adonisjs/core/services/encryption'
import OpenAccount from '#actions/accounts/open_account'
import PostDeposit from '#actions/ledger/post_deposit'
import { Money } from '#domain/money/money'
import type { Actor } from '#domain/ledger/actor'
import {
  CUSTOMER_PASSWORD,
  demoAccountNumber,
  demoCustomer,
  demoStaff,
  type DemoCustomer,
} from '#domain/demo/demo_bank'
import { hashRecoveryCode } from '#domain/staff/recovery_codes'
import DemoSeedRefusedException from '#exceptions/demo_seed_refused_exception'
import { type DemoCredentials, demoCredentials } from '#actions/demo/demo_credentials'

export interface SeedDemoBankInput {
  customers: number
  currency?: string
  /** Parallel ledger calls (each is its own DB transaction) */
  concurrency?: number
  /** Defaults to the application's NODE_ENV; 'production' is refused */
  environment?: string
  onProgress?: (phase: string, done: number, total: number) => void
}

export interface SeedDemoBankResult {
  created: { staff: number; customers: number; accounts: number; deposits: number }
  credentials: DemoCredentials
}

const ACTOR: Actor = { type: 'system', id: 'demo-seed' }
const KINDS = ['current', 'savings'] as const

/**
 * Creates (or completes) the deterministic demo bank: one staff user per
 * role and `customers` customers, each with a current and a savings account
 * funded through the ledger (OpenAccount + PostDeposit, idempotency keys
 * derived from the customer number). Safe to run again: nothing is
 * duplicated, missing pieces are added.
 */
export default class SeedDemoBank {
  async handle(input: SeedDemoBankInput): Promise<SeedDemoBankResult> {
    if ((input.environment ?? app.nodeEnvironment) === 'production') {
      throw new DemoSeedRefusedException()
    }
    const currency = input.currency ?? 'GBP'
    const progress = input.onProgress ?? (() => {})
    const people = Array.from({ length: input.customers }, (_, i) => demoCustomer(i + 1))

    const staff = await this.seedStaff()
    const customers = await this.seedCustomers(people)
    const ids = await this.customerIds(people)

    const missing = await this.missingAccounts(ids, currency)
    const open = await app.container.make(OpenAccount)
    const byId = new Map(people.map((p) => [ids.get(p.customerNumber)!, p]))
    await pool(missing, input.concurrency ?? 8, progress.bind(null, 'accounts'), (m) =>
      open.handle({
        customerId: m.customerId,
        kind: m.kind,
        currency,
        number: demoAccountNumber(byId.get(m.customerId)!.index, m.kind, currency),
        actor: ACTOR,
      })
    )

    const accounts = await this.accountsOf(ids, currency)
    const deposit = await app.container.make(PostDeposit)
    let deposits = 0
    await pool(accounts, input.concurrency ?? 8, progress.bind(null, 'deposits'), async (a) => {
      const person = byId.get(a.customerId)!
      const minor = a.kind === 'current' ? person.openingCurrent : person.openingSavings
      const result = await deposit.handle({
        accountId: a.id,
        amount: Money.of(minor, currency),
        reference: 'Demo opening balance',
        idempotencyKey: `demo-opening:${person.customerNumber}:${a.kind}:${currency}`,
        actor: ACTOR,
      })
      if (!result.replayed) deposits++
    })

    return {
      created: { staff, customers, accounts: missing.length, deposits },
      credentials: demoCredentials(people, ids, accounts),
    }
  }

  private async seedStaff() {
    const passwordHash = await hash.make(demoStaff()[0].password)
    const rows = demoStaff().map((s) => ({
      email: s.email,
      full_name: s.fullName,
      password: passwordHash,
      role: s.role,
      totp_secret: encryption.encrypt(s.totpSecret),
      totp_enabled_at: new Date(),
      recovery_codes: s.recoveryCodes.map(hashRecoveryCode),
    }))
    const result = await db.rawQuery(
      `insert into staff_users (email, full_name, password, role, totp_secret, totp_enabled_at, recovery_codes)
       select email, full_name, password, role, totp_secret, totp_enabled_at, recovery_codes
       from jsonb_to_recordset(?::jsonb) as r(email text, full_name text, password text, role text,
         totp_secret text, totp_enabled_at timestamptz, recovery_codes jsonb)
       on conflict do nothing`,
      [JSON.stringify(rows)]
    )
    return result.rowCount ?? 0
  }

  /** Batch insert, 1,000 rows per statement; existing customers are left alone */
  private async seedCustomers(people: DemoCustomer[]) {
    const passwordHash = await hash.make(CUSTOMER_PASSWORD)
    let inserted = 0
    for (let i = 0; i < people.length; i += 1000) {
      const rows = people.slice(i, i + 1000).map((p) => ({
        customer_number: p.customerNumber,
        full_name: p.fullName,
        email: p.email,
        phone: p.phone,
        date_of_birth: p.dateOfBirth,
        password: passwordHash,
        totp_secret: encryption.encrypt(p.totpSecret),
        kyc_status: p.kycStatus,
      }))
      const result = await db.rawQuery(
        `insert into customers (customer_number, full_name, email, phone, date_of_birth, password,
           totp_secret, totp_enabled_at, kyc_status)
         select customer_number, full_name, email, phone, date_of_birth, password, totp_secret, now(),
           kyc_status
         from jsonb_to_recordset(?::jsonb) as r(customer_number text, full_name text, email text,
           phone text, date_of_birth date, password text, totp_secret text, kyc_status text)
         on conflict do nothing`,
        [JSON.stringify(rows)]
      )
      inserted += result.rowCount ?? 0
    }
    return inserted
  }

  private async customerIds(people: DemoCustomer[]) {
    const rows = await db
      .from('customers')
      .whereIn('customer_number', people.map((p) => p.customerNumber))
      .select('id', 'customer_number')
    return new Map<string, number>(rows.map((r) => [r.customer_number, Number(r.id)]))
  }

  private async accountsOf(ids: Map<string, number>, currency: string) {
    const rows = await db
      .from('accounts')
      .whereIn('customer_id', [...ids.values()])
      .whereIn('kind', [...KINDS])
      .where('currency', currency)
      .orderBy('id')
      .select('id', 'number', 'kind', 'customer_id')
    const seen = new Set<string>()
    return rows
      .map((r) => ({ id: Number(r.id), number: r.number as string, kind: r.kind as 'current' | 'savings', customerId: Number(r.customer_id) }))
      .filter((a) => {
        const key = `${a.customerId}:${a.kind}`
        return seen.has(key) ? false : (seen.add(key), true)
      })
  }

  private async missingAccounts(ids: Map<string, number>, currency: string) {
    const existing = new Set((await this.accountsOf(ids, currency)).map((a) => `${a.customerId}:${a.kind}`))
    return [...ids.values()]
      .sort((a, b) => a - b)
      .flatMap((customerId) => KINDS.map((kind) => ({ customerId, kind })))
      .filter((m) => !existing.has(`${m.customerId}:${m.kind}`))
  }
}

/** Runs `work` over `items` with at most `size` in flight, reporting progress */
async function pool<T>(
  items: T[],
  size: number,
  progress: (done: number, total: number) => void,
  work: (item: T) => Promise<unknown>
) {
  let next = 0
  let done = 0
  progress(0, items.length)
  const worker = async () => {
    while (next < items.length) {
      await work(items[next++])
      progress(++done, items.length)
    }
  }
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker))
}
