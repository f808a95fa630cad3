import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import PostTransfer from '#actions/ledger/post_transfer'
import LedgerVerifier from '#services/ledger/ledger_verifier'
import AuditSealer from '#services/audit/audit_sealer'
import { Money } from '#domain/money/money'
import InsufficientFundsException from '#exceptions/insufficient_funds_exception'
import { createCustomer, key, openAccount } from '#tests/helpers/ledger'

const ACCOUNTS = 50
const WORKERS = 24
const TRANSFERS_PER_WORKER = 100
const pick = (n: number) => Math.floor(Math.random() * n)

test.group('Ledger under concurrency', () => {
  test('2,400 concurrent random transfers keep every invariant; ledger:verify and audit:verify stay clean', async ({ assert }) => {
    const accounts: Array<{ id: number; overdraft: bigint }> = []
    for (let i = 0; i < ACCOUNTS; i++) {
      const overdraft = i % 5 === 0 ? 5000n : 0n
      const account = await openAccount(await createCustomer(), { fund: '100.00', overdraftLimit: overdraft })
      accounts.push({ id: account.id, overdraft })
    }
    const ids = accounts.map((a) => a.id)
    const totalBefore = await sumBalances(ids)
    const expected = new Map<number, bigint>(ids.map((id) => [id, 10000n]))
    const acknowledged: Array<{ id: number; key: string }> = []
    let refused = 0
    const action = await app.container.make(PostTransfer)

    const started = performance.now()
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        for (let n = 0; n < TRANSFERS_PER_WORKER; n++) {
          const from = ids[pick(ACCOUNTS)]
          let to = ids[pick(ACCOUNTS)]
          if (to === from) to = ids[(ids.indexOf(from) + 1) % ACCOUNTS]
          // 0.01 .. 80.00: large amounts regularly try to overdraw
          const amount = Money.of(BigInt(1 + pick(8000)), 'GBP')
          const idempotencyKey = key()
          try {
            const { transfer } = await action.handle({
              actor: { type: 'system', id: 'concurrency-test' },
              debtorAccountId: from,
              creditor: { accountId: to },
              amount,
              idempotencyKey,
            })
            acknowledged.push({ id: transfer.id, key: idempotencyKey })
            expected.set(from, expected.get(from)! - amount.minor)
            expected.set(to, expected.get(to)! + amount.minor)
          } catch (error) {
            if (!(error instanceof InsufficientFundsException)) throw error
            refused++
          }
        }
      })
    )
    const seconds = (performance.now() - started) / 1000
    console.log(
      `  ${WORKERS * TRANSFERS_PER_WORKER} transfers in ${seconds.toFixed(2)} s ` +
        `(${Math.round((WORKERS * TRANSFERS_PER_WORKER) / seconds)}/s): ${acknowledged.length} booked, ${refused} refused`
    )
    assert.isAbove(refused, 0, 'some transfers tried to overdraw')
    assert.isAbove(acknowledged.length, 1000)

    // money is neither created nor destroyed
    assert.equal(await sumBalances(ids), totalBefore)

    // every account ends where the acknowledged transfers put it, within its overdraft
    const rows = await db.from('accounts').whereIn('id', ids).select('id', 'balance', 'available', 'overdraft_limit')
    for (const row of rows) {
      assert.equal(BigInt(row.balance), expected.get(Number(row.id)), `account ${row.id}`)
      assert.equal(BigInt(row.available), BigInt(row.balance))
      assert.isTrue(BigInt(row.balance) >= -BigInt(row.overdraft_limit), `account ${row.id} overdrawn`)
    }

    // every acknowledged transfer is booked exactly once, under its idempotency key
    const booked = await db
      .from('ledger_transactions')
      .where('kind', 'transfer')
      .whereIn('debtor_account_id', ids)
      .select('id')
    assert.equal(booked.length, acknowledged.length)
    assert.sameMembers(booked.map((r) => Number(r.id)), acknowledged.map((a) => a.id))
    const keys = await db
      .from('idempotency_keys')
      .where('scope', 'system:concurrency-test')
      .whereIn('key', acknowledged.map((a) => a.key))
      .select('key', 'resource_id')
    const byKey = new Map(keys.map((k) => [k.key, Number(k.resource_id)]))
    assert.equal(keys.length, acknowledged.length)
    for (const a of acknowledged) assert.equal(byKey.get(a.key), a.id)

    const report = await (await app.container.make(LedgerVerifier)).verify()
    assert.deepEqual(report.discrepancies, [])
    assert.isTrue(report.ok)

    const { stdout } = await promisify(execFile)(process.execPath, ['ace', 'ledger:verify'], {
      cwd: app.appRoot.pathname,
      env: process.env,
    })
    assert.include(stdout, 'Ledger verified')

    // every booked transfer left exactly one audit row, and the trail verifies
    const audited = await db
      .from('audit_events')
      .where('action', 'ledger.transfer.posted')
      .whereIn('subject_id', acknowledged.map((a) => String(a.id)))
      .count('* as total')
    assert.equal(Number(audited[0].total), acknowledged.length)
    await new AuditSealer().seal()
    const audit = await promisify(execFile)(process.execPath, ['ace', 'audit:verify'], {
      cwd: app.appRoot.pathname,
      env: process.env,
    })
    assert.include(audit.stdout, 'Audit trail verified')
  }).timeout(120_000)

  test('ledger:verify exits non-zero and names the account when a balance is wrong', async ({ assert }) => {
    const account = await openAccount(await createCustomer(), { fund: '1.00' })
    await db.from('accounts').where('id', account.id).increment('balance', 1)
    try {
      const failed = await promisify(execFile)(process.execPath, ['ace', 'ledger:verify'], {
        cwd: app.appRoot.pathname,
        env: process.env,
      }).then(
        () => null,
        (error) => error
      )
      assert.isNotNull(failed, 'the command must fail')
      assert.equal(failed.code, 1)
      assert.include(failed.stderr + failed.stdout, `account ${account.id} (${account.number})`)
    } finally {
      await db.from('accounts').where('id', account.id).decrement('balance', 1)
    }
  }).timeout(60_000)
})

async function sumBalances(ids: number[]): Promise<bigint> {
  const { rows } = await db.rawQuery('select coalesce(sum(balance), 0)::text as total from accounts where id = any(?)', [ids])
  return BigInt(rows[0].total)
}
