/**
 * Open-banking consents (UK Open Banking Read/Write API v4, simplified):
 * their kinds, permissions, statuses and the rules between them. Pure.
 */
export type ConsentKind = 'account_access' | 'domestic_payment'

/** ISO 20022 consent statuses used by UK OB v4 */
export type ConsentStatus = 'AWAU' | 'AUTH' | 'RJCT' | 'COND' | 'CANC' | 'EXPD'

export const ACCOUNT_PERMISSIONS = [
  'ReadAccountsBasic',
  'ReadAccountsDetail',
  'ReadBalances',
  'ReadTransactionsBasic',
  'ReadTransactionsDetail',
  'ReadTransactionsCredits',
  'ReadTransactionsDebits',
] as const
export type AccountPermission = (typeof ACCOUNT_PERMISSIONS)[number]

/** What each permission lets the partner see, in the words the customer reads on the consent page */
export const PERMISSION_WORDING: Record<AccountPermission, string> = {
  ReadAccountsBasic: 'Your account names, types and currencies',
  ReadAccountsDetail: 'Your account numbers',
  ReadBalances: 'Your account balances',
  ReadTransactionsBasic: 'Your transactions: amounts, dates and status',
  ReadTransactionsDetail: 'Your transactions in detail, with descriptions and references',
  ReadTransactionsCredits: 'Money coming into your accounts',
  ReadTransactionsDebits: 'Money going out of your accounts',
}

/** The OAuth scope a consent of this kind is authorised under */
export function consentScope(kind: ConsentKind): 'accounts' | 'payments' {
  return kind === 'account_access' ? 'accounts' : 'payments'
}

/**
 * Why a permission set cannot be granted, or null (UK OB rules): at least
 * one permission, no duplicates; transactions need Basic or Detail AND
 * Credits or Debits, and Credits/Debits mean nothing without them.
 */
export function permissionProblem(permissions: string[]): string | null {
  if (permissions.length === 0) return 'Permissions must name at least one permission'
  if (new Set(permissions).size !== permissions.length) return 'Permissions must not repeat'
  const has = (p: AccountPermission) => permissions.includes(p)
  const transactions = has('ReadTransactionsBasic') || has('ReadTransactionsDetail')
  const direction = has('ReadTransactionsCredits') || has('ReadTransactionsDebits')
  if (transactions && !direction) {
    return 'ReadTransactionsBasic/Detail need ReadTransactionsCredits and/or ReadTransactionsDebits'
  }
  if (direction && !transactions) {
    return 'ReadTransactionsCredits/Debits need ReadTransactionsBasic or ReadTransactionsDetail'
  }
  return null
}

/** Allowed status changes: who may move a consent from what to what */
const TRANSITIONS: Record<ConsentStatus, ConsentStatus[]> = {
  AWAU: ['AUTH', 'RJCT', 'CANC', 'EXPD'],
  AUTH: ['COND', 'CANC', 'EXPD'],
  RJCT: [],
  COND: [],
  CANC: [],
  EXPD: [],
}

export function canMove(from: ConsentStatus, to: ConsentStatus): boolean {
  return TRANSITIONS[from].includes(to)
}

/** The status a reader should see: an authorised or pending consent past its expiry is expired */
export function effectiveStatus(status: ConsentStatus, expiresAt: Date | null, now: Date): ConsentStatus {
  if ((status === 'AUTH' || status === 'AWAU') && expiresAt && expiresAt.getTime() <= now.getTime()) return 'EXPD'
  return status
}

export type TransactionDirection = 'credit' | 'debit'

/** What an account-access consent lets a request read, given its permissions */
export interface AccountAccessGrant {
  accounts: boolean
  accountDetail: boolean
  balances: boolean
  transactions: boolean
  transactionDetail: boolean
  directions: TransactionDirection[]
}

export function accessGrant(permissions: string[]): AccountAccessGrant {
  const has = (p: AccountPermission) => permissions.includes(p)
  const directions: TransactionDirection[] = []
  if (has('ReadTransactionsCredits')) directions.push('credit')
  if (has('ReadTransactionsDebits')) directions.push('debit')
  return {
    accounts: has('ReadAccountsBasic') || has('ReadAccountsDetail'),
    accountDetail: has('ReadAccountsDetail'),
    balances: has('ReadBalances'),
    transactions: (has('ReadTransactionsBasic') || has('ReadTransactionsDetail')) && directions.length > 0,
    transactionDetail: has('ReadTransactionsDetail'),
    directions,
  }
}
