import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { customerWithAccounts } from '#tests/helpers/customers'
import type { RouteCase } from '#tests/functional/backoffice/route_cases/types'

/** A fresh customer with one funded GBP account and the id of its opening deposit */
async function fundedAccount(amount = '100.00') {
  const { customerId, accounts } = await customerWithAccounts([{ currency: 'GBP', amount }])
  const entry = await db.from('ledger_entries').where('account_id', accounts[0].id).orderBy('id').firstOrFail()
  return { customerId, account: accounts[0], transactionId: Number(entry.transaction_id) }
}

/** Matrix cases for start/routes/backoffice/accounts.ts */
export const accountsRoutes: RouteCase[] = [
  {
    route: 'backoffice.accounts.store',
    permission: 'accounts.open',
    request: async () => {
      const { customerId } = await customerWithAccounts([])
      return { method: 'post', url: '/backoffice/accounts', form: { customerId, kind: 'current', currency: 'GBP' } }
    },
  },
  {
    route: 'backoffice.accounts.show',
    permission: 'accounts.view',
    request: async () => {
      const { account } = await fundedAccount()
      return { method: 'get', url: `/backoffice/accounts/${account.id}?direction=credit` }
    },
  },
  {
    route: 'backoffice.accounts.export',
    permission: 'accounts.export',
    request: async () => {
      const { account } = await fundedAccount()
      return { method: 'get', url: `/backoffice/accounts/${account.id}/export` }
    },
    allowed: (response) => {
      response.assertStatus(200)
      response.assertHeader('content-type', 'text/csv; charset=utf-8')
    },
  },
  {
    route: 'backoffice.accounts.freeze',
    permission: 'accounts.freeze',
    request: async () => {
      const { account } = await fundedAccount()
      return { method: 'post', url: `/backoffice/accounts/${account.id}/freeze`, form: { reason: 'Matrix check' } }
    },
  },
  {
    route: 'backoffice.accounts.unfreeze',
    permission: 'accounts.freeze',
    request: async () => {
      const { account } = await fundedAccount()
      await db.from('accounts').where('id', account.id).update({ status: 'frozen', status_reason: 'fixture' })
      return { method: 'post', url: `/backoffice/accounts/${account.id}/unfreeze`, form: { reason: 'Matrix check' } }
    },
  },
  {
    route: 'backoffice.accounts.close',
    permission: 'accounts.close',
    request: async () => {
      const { accounts } = await customerWithAccounts([{ currency: 'GBP' }])
      return { method: 'post', url: `/backoffice/accounts/${accounts[0].id}/close`, form: { reason: 'Matrix check' } }
    },
  },
  {
    route: 'backoffice.transactions.show',
    permission: 'accounts.view',
    request: async () => {
      const { transactionId } = await fundedAccount()
      return { method: 'get', url: `/backoffice/transactions/${transactionId}` }
    },
  },
  {
    route: 'backoffice.transactions.reverse',
    permission: 'ledger.reverse',
    request: async () => {
      const { transactionId } = await fundedAccount()
      return {
        method: 'post',
        url: `/backoffice/transactions/${transactionId}/reverse`,
        form: { reason: 'Matrix check', idempotencyKey: randomUUID() },
      }
    },
  },
  {
    route: 'backoffice.teller.index',
    permission: 'teller.deposit',
    request: async () => ({ method: 'get', url: '/backoffice/teller' }),
  },
  {
    route: 'backoffice.teller.deposit',
    permission: 'teller.deposit',
    request: async () => {
      const { account } = await fundedAccount()
      return {
        method: 'post',
        url: '/backoffice/teller/deposit',
        form: { accountNumber: account.number, amount: '12.34', reference: 'matrix', idempotencyKey: randomUUID() },
      }
    },
  },
  {
    route: 'backoffice.teller.withdraw',
    permission: 'teller.withdraw',
    request: async () => {
      const { account } = await fundedAccount()
      return {
        method: 'post',
        url: '/backoffice/teller/withdraw',
        form: { accountNumber: account.number, amount: '12.34', idempotencyKey: randomUUID() },
      }
    },
  },
  {
    route: 'backoffice.teller.transfer',
    permission: 'teller.transfer',
    request: async () => {
      const { accounts } = await customerWithAccounts([{ currency: 'GBP', amount: '50.00' }, { currency: 'GBP' }])
      return {
        method: 'post',
        url: '/backoffice/teller/transfer',
        form: {
          fromAccountNumber: accounts[0].number,
          toAccountNumber: accounts[1].number,
          amount: '20.00',
          idempotencyKey: randomUUID(),
        },
      }
    },
  },
  {
    route: 'backoffice.adjustments.create',
    permission: 'ledger.adjust',
    request: async () => ({ method: 'get', url: '/backoffice/adjustments/create' }),
  },
  {
    route: 'backoffice.adjustments.store',
    permission: 'ledger.adjust',
    request: async () => {
      const { account } = await fundedAccount()
      return {
        method: 'post',
        url: '/backoffice/adjustments',
        form: {
          accountNumber: account.number,
          direction: 'credit',
          amount: '1.00',
          reason: 'Matrix check',
          idempotencyKey: randomUUID(),
        },
      }
    },
  },
]
