import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import encryption from '@adonisjs/core/services/encryption'
import OpenAccount from '#actions/accounts/open_account'
import SeedDemoHistory from '#actions/demo/seed_demo_history'
import SeedDemoCasework from '#actions/demo/seed_demo_casework'
import SeedDemoLoanProducts from '#actions/demo/seed_demo_loan_products'
import type { Actor } from '#domain/audit/actor'
import { joinedAt, type DemoAccountKind } from '#database/demo/demo_history'
import {
  CUSTOMER_PASSWORD,
  demoAccountNumber,
  demoCustomer,
  demoStaff,
  isDemoEnvironment,
  KYC_REJECTION_REASON,
  type DemoCustomer,
} from '#database/demo/demo_bank'
import { hashRecoveryCode } from '#domain/staff/recovery_codes'
import DataKeyring from '#services/keys/data_keyring'
import { sealPersonalFields } from '#services/keys/customer_personal_data'
import { homeRegion } from '#services/residency/regions'
import DemoSeedRefusedException from '#exceptions/demo_seed_refused_exception'
import { type DemoCredentials, demoCredentials } from '#actions/demo/demo_credentials'

export interface SeedDemoBankInput {
  customers: number
  currency?: string
  /** Parallel ledger calls (each is its own DB transaction) */
  concurrency?: number
  /** Defaults to the application's NODE_ENV; 'production' is refused */
  environment?: string
  /** The 90-day history ends the UTC day before this one (default: now) */
  today?: Date
  onProgress?: (phase: string, done: number, total: number) => void
}

export interface SeedDemoBankResult {
  /** postings: ledger postings booked by this run (opening deposits and history), not replayed */
  created: { staff: number; customers: number; accounts: number; postings: number; frozen: number; approvals: number }
  credentials: DemoCredentials
}

const ACTOR: Actor = { type: 'system', id: 'demo-seed' }
const KINDS = ['current', 'savings'] as const

/**
 * Creates (or completes) the deterministic demo bank: one staff user per
 * role and `customers` customers, each with a current and a savings account
 * (OpenAccount), 90 days of history booked through the ledger at their
 * planned times (SeedDemoHistory: opening deposits, salaries, card payments,
 * cash, transfers, a few large ones), then open casework (SeedDemoCasework:
 * frozen accounts, four-eyes requests waiting), and the loan products
 * (SeedDemoLoanProducts). Customers and accounts are
 * dated from their join day. Safe to run again: nothing is duplicated,
 * missing pieces are added.
 */
export default class SeedDemoBank {
  async handle(input: SeedDemoBankInput): Promise<SeedDemoBankResult> {
    if (!isDemoEnvironment(input.environment ?? app.nodeEnvironment)) {
      throw new DemoSeedRefusedException()
    }
    const currency = input.currency ?? 'GBP'
    const progress = input.onProgress ?? (() => {})
    const people = Array.from({ length: input.customers }, (_, i) => demoCustomer(i + 1))
    const today = input.today ?? new Date()

    const staff = await this.seedStaff()
    const customers = await this.seedCustomers(people, today)
    const ids = await this.customerIds(people)

    const missing = await this.missingAccounts(ids, currency)
    const open = await app.container.make(OpenAccount)
    const byId = new Map(people.map((p) => [ids.get(p.customerNumber)!, p]))
    /* 100 accounts per DB transaction: one commit each, not one per account */
    const batches = Array.from({ length: Math.ceil(missing.length / 100) }, (_, i) => missing.slice(i * 100, i * 100 + 100))
    let opened = 0
    await pool(batches, input.concurrency ?? 8, () => progress('accounts', opened, missing.length), (batch) =>
      db.transaction(async (trx) => {
        for (const m of batch) {
          const number = demoAccountNumber(byId.get(m.customerId)!.index, m.kind, currency)
          await open.handle({ customerId: m.customerId, kind: m.kind, currency, number, actor: ACTOR, trx })
        }
        opened += batch.length
      })
    )

    const accounts = await this.accountsOf(ids, currency)
    await this.dateNewAccounts(missing.length ? accounts : [], byId, today)
    const byIndex = new Map<number, Record<DemoAccountKind, number>>()
    for (const a of accounts) {
      const index = byId.get(a.customerId)!.index
      byIndex.set(index, { ...byIndex.get(index)!, [a.kind]: a.id })
    }

    const history = await app.container.make(SeedDemoHistory)
    const postings = await history.handle({
      people,
      accounts: byIndex,
      currency,
      actor: ACTOR,
      concurrency: input.concurrency ?? 8,
      today,
      progress: progress.bind(null, 'history'),
    })
    const casework = await app.container.make(SeedDemoCasework)
    const { frozen, approvals } = await casework.handle({ customers: input.customers, accounts: byIndex, currency })
    await new SeedDemoLoanProducts().handle()

    return {
      created: { staff, customers, accounts: missing.length, postings, frozen, approvals },
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

  /**
   * Batch insert, 1,000 rows per statement; existing customers are left
   * alone. Personal data is stored sealed, as the Customer model stores it
   * (ARCHITECTURE §8): ids reserved from the sequence, one data key per
   * customer made in one insert per batch (DataKeyring.forNewCustomers),
   * the personal fields sealed with their blind indexes.
   */
  private async seedCustomers(people: DemoCustomer[], today: Date) {
    const passwordHash = await hash.make(CUSTOMER_PASSWORD)
    const region = homeRegion()
    let inserted = 0
    for (let i = 0; i < people.length; i += 1000) {
      const batch = people.slice(i, i + 1000)
      const existing = new Set(
        (await db.from('customers').whereIn('customer_number', batch.map((p) => p.customerNumber)).select('customer_number')).map(
          (row) => row.customer_number as string
        )
      )
      const fresh = batch.filter((p) => !existing.has(p.customerNumber))
      if (fresh.length === 0) continue
      const { rows: reserved } = await db.rawQuery(
        "select nextval(pg_get_serial_sequence('customers', 'id')) as id from generate_series(1, ?)",
        [fresh.length]
      )
      const ids: number[] = reserved.map((row: { id: string }) => Number(row.id))
      const keys = await DataKeyring.forNewCustomers(ids.map((id) => ({ id, region })))
      const rows = await Promise.all(
        fresh.map(async (p, n) => {
          const sealed = await sealPersonalFields(ids[n], keys.get(ids[n])!, {
            fullName: p.fullName,
            email: p.email,
            phone: p.phone,
            dateOfBirth: p.dateOfBirth,
            address: null,
            nationalId: null,
            kycDocuments: [],
          })
          return {
            id: ids[n],
            customer_number: p.customerNumber,
            personal_data: sealed.personal_data.toString('base64'),
            email_index: sealed.email_index,
            name_index: sealed.name_index,
            password: passwordHash,
            totp_secret: encryption.encrypt(p.totpSecret),
            kyc_status: p.kycStatus,
            kyc_rejection_reason: p.kycStatus === 'rejected' ? KYC_REJECTION_REASON : null,
            joined_at: joinedAt(p.index, today).toISOString(),
          }
        })
      )
      const result = await db.rawQuery(
        `insert into customers (id, customer_number, personal_data, email_index, name_index, password,
           totp_secret, totp_enabled_at, kyc_status, kyc_rejection_reason, created_at, updated_at)
         select id, customer_number, decode(personal_data, 'base64'), email_index, name_index, password,
           totp_secret, joined_at, kyc_status, kyc_rejection_reason, joined_at, joined_at
         from jsonb_to_recordset(?::jsonb) as r(id bigint, customer_number text, personal_data text,
           email_index text, name_index text[], password text, totp_secret text, kyc_status text,
           kyc_rejection_reason text, joined_at timestamptz)
         on conflict do nothing`,
        [JSON.stringify(rows)]
      )
      inserted += result.rowCount ?? 0
    }
    return inserted
  }

  /** Accounts opened by this run carry their customer's join time (not ledger rows: plain columns) */
  private async dateNewAccounts(accounts: Array<{ id: number; customerId: number }>, byId: Map<number, DemoCustomer>, today: Date) {
    if (accounts.length === 0) return
    const rows = accounts.map((a) => ({ id: a.id, at: joinedAt(byId.get(a.customerId)!.index, today).toISOString() }))
    await db.rawQuery(
      `update accounts a set opened_at = r.at, created_at = r.at
         from jsonb_to_recordset(?::jsonb) as r(id bigint, at timestamptz)
        where a.id = r.id and a.created_at > r.at
          and not exists (select 1 from ledger_entries e where e.account_id = a.id)`,
      [JSON.stringify(rows)]
    )
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
