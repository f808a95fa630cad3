import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import RequestApproval from '#actions/approvals/request_approval'
import DecideApproval from '#actions/approvals/decide_approval'
import LedgerVerifier from '#services/ledger/ledger_verifier'
import { customerWithAccounts } from '#tests/helpers/customers'
import { createStaff } from '#tests/helpers/staff'

const context = { ip: '127.0.0.1', requestId: null }

test.group('Four-eyes under concurrency', () => {
  test('two checkers approving the same large deposit at once book it exactly once', async ({ assert }) => {
    const { accounts } = await customerWithAccounts([{ currency: 'GBP', amount: '10.00' }])
    const { staff: maker } = await createStaff({ role: 'teller' })
    const { staff: first } = await createStaff({ role: 'compliance' })
    const { staff: second } = await createStaff({ role: 'admin' })
    const { approval } = await (await app.container.make(RequestApproval)).handle({
      kind: 'ledger.deposit',
      summary: `Deposit 25000.00 GBP to ${accounts[0].number}`,
      payload: { accountId: accounts[0].id, amount: '2500000', currency: 'GBP', reference: 'large cash' },
      subject: { type: 'account', id: accounts[0].id },
      maker,
      idempotencyKey: randomUUID(),
      context,
    })

    const decide = await app.container.make(DecideApproval)
    const outcomes = await Promise.allSettled(
      [first, second, first, second].map((checker) =>
        decide.handle({ approvalId: approval.id, checker, decision: 'approve', context })
      )
    )

    const fulfilled = outcomes.filter((o) => o.status === 'fulfilled')
    const refused = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[]
    assert.lengthOf(fulfilled, 1)
    assert.deepEqual(
      refused.map((o) => o.reason.code),
      ['E_APPROVAL_ALREADY_DECIDED', 'E_APPROVAL_ALREADY_DECIDED', 'E_APPROVAL_ALREADY_DECIDED']
    )
    const account = await db.from('accounts').where('id', accounts[0].id).firstOrFail()
    assert.equal(account.balance, '2501000')
    const deposits = await db
      .from('ledger_transactions')
      .where('kind', 'deposit')
      .whereRaw('id in (select transaction_id from ledger_entries where account_id = ?)', [accounts[0].id])
    assert.lengthOf(deposits, 2)
    const executed = await db.from('audit_events').where('action', 'approval.approved').where('subject_id', String(approval.id))
    assert.lengthOf(executed, 1)
    const report = await (await app.container.make(LedgerVerifier)).verify({})
    assert.isTrue(report.ok, JSON.stringify(report.discrepancies ?? report))
  })
})
