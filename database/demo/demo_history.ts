import { seededRandom, type DemoCustomer } from '#database/demo/demo_bank'

/**
 * The demo bank's 90 days of history: what each demo customer's accounts
 * saw, as a list of postings for the real ledger functions (deposits,
 * withdrawals, transfers). Pure and deterministic: customer `index` always
 * gets the same postings, with the same idempotency keys, whatever the
 * number of customers and whatever the day the seed runs.
 *
 * - Times are offsets (day 0..89, minute of the day); the seed maps day 89
 *   to yesterday, so a re-run on a later day replays the same requests
 *   (the booking time is not part of the request).
 * - Transfers go only to a customer of the same household group (ten
 *   consecutive indexes) with a LOWER index who had joined by then: that
 *   customer exists whenever this one does, and the groups touch disjoint
 *   accounts, so the seed books each group in time order in its own worker.
 * - Every debit is covered by the account's own planned credits (incoming
 *   transfers from others are not counted), so no posting can overdraw,
 *   whatever the order the groups run in.
 * - Only verified customers move money out (the ledger's KYC rule).
 * - Rejected-KYC customers have their opening deposits only.
 */
export const HISTORY_DAYS = 90
/**
 * Customers 1..FULL_HISTORY_CUSTOMERS get the whole story (about 20
 * postings each); the ones beyond (benchmark sizes: --customers=5000) get
 * their two opening deposits only, on their join day, as the demo had
 * before, so a large demo costs about what it did.
 */
export const FULL_HISTORY_CUSTOMERS = 200
export const GROUP_SIZE = 10
export const OPENING_REFERENCE = 'Demo opening balance'

export type DemoAccountKind = 'current' | 'savings'
export type DemoPostingCategory =
  | 'opening' | 'salary' | 'pension' | 'card' | 'cash' | 'savings' | 'rent' | 'friend' | 'large_in' | 'large_out'

export interface DemoPosting {
  /** Idempotency key without the currency suffix the seed adds */
  key: string
  kind: 'deposit' | 'withdrawal' | 'transfer'
  category: DemoPostingCategory
  customer: number
  /** deposit: the credited account; withdrawal and transfer: the debited one */
  account: DemoAccountKind
  /** transfer only: the credited customer (same group, lower index or itself) and account */
  to?: { customer: number; account: DemoAccountKind }
  amount: bigint
  reference: string
  day: number
  minute: number
}

const EMPLOYERS = ['ACME WIDGETS LTD', 'NORTHWIND TRADING', 'BRIGHTON & HOVE NHS TRUST', 'CONTOSO UK PLC',
  'KESTREL ENGINEERING', 'CITY OF LEEDS COUNCIL', 'FABRIKAM LOGISTICS', 'OAKWOOD ACADEMY TRUST']
const MERCHANTS = ['TESCO STORES', 'SAINSBURYS', 'PRET A MANGER', 'TFL TRAVEL CH', 'AMAZON.CO.UK', 'SHELL',
  'BOOTS', 'JOHN LEWIS', 'DELIVEROO', 'NETFLIX.COM', 'WAITROSE', 'TRAINLINE', 'COSTA COFFEE', 'ARGOS']
const FRIEND_NOTES = ['Dinner', 'Concert tickets', 'Birthday present', 'Holiday share', 'Thanks!', 'Taxi home']
const LARGE_IN = ['PROPERTY SALE COMPLETION', 'INHERITANCE - ESTATE OF J SMITH', 'ANNUAL BONUS', 'CAR SALE']

/** The household group of a customer (ten consecutive indexes): transfers stay inside it */
export const groupOf = (index: number) => Math.floor((index - 1) / GROUP_SIZE)

/** Day (0..HISTORY_DAYS-1) the customer became a customer; the first ten were there from the start */
export function joinDay(index: number): number {
  if (index <= GROUP_SIZE) return 0
  const random = seededRandom(index * 40503 + 7)
  return Math.floor(random() ** 2 * (HISTORY_DAYS - 10))
}

/** The instant of (day, minute) in a history whose last day is the UTC day before `today` */
export function historyInstant(today: Date, day: number, minute: number): Date {
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())
  return new Date(midnight - (HISTORY_DAYS - day) * 86_400_000 + minute * 60_000)
}

/** When the customer (and its two accounts) joined: 08:00-08:59 of its join day, before its first posting */
export function joinedAt(index: number, today: Date): Date {
  return historyInstant(today, joinDay(index), 8 * 60 + (index % 60))
}

/** All postings of one customer, in time order (day, minute) */
export function demoHistory(person: Pick<DemoCustomer, 'index' | 'customerNumber' | 'kycStatus' | 'openingCurrent' | 'openingSavings'>): DemoPosting[] {
  const { index, customerNumber } = person
  const random = seededRandom(index * 2246822519 + 0x9e3779b9)
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]
  const pounds = (min: number, max: number) => BigInt(between(min, max)) * 100n
  /** Bounds in minor units (GBP pence): no arithmetic on amounts outside bigint */
  const pence = (min: number, max: number) => BigInt(between(min, max))

  const start = joinDay(index)
  const out: Omit<DemoPosting, 'key' | 'customer'>[] = []
  const add = (p: Omit<DemoPosting, 'key' | 'customer' | 'minute'> & { minute?: number }) =>
    out.push({ minute: between(8 * 60, 21 * 60), ...p })
  const opening = between(9 * 60, 16 * 60)
  add({ kind: 'deposit', category: 'opening', account: 'current', amount: person.openingCurrent, reference: OPENING_REFERENCE, day: start, minute: opening })
  add({ kind: 'deposit', category: 'opening', account: 'savings', amount: person.openingSavings, reference: OPENING_REFERENCE, day: start, minute: opening + 2 })
  if (person.kycStatus === 'rejected' || index > FULL_HISTORY_CUSTOMERS) return keyed(customerNumber, index, out)

  const verified = person.kycStatus === 'verified'
  const pensioner = random() < 0.12
  const income = pensioner ? pounds(900, 1600) : pounds(1800, 6500)
  const incomeReference = pensioner ? 'STATE PENSION DWP' : `SALARY ${pick(EMPLOYERS)}`
  const payPhase = between(0, 29)
  const saver = random() < 0.6
  const renter = groupOf(index) * GROUP_SIZE + 1 !== index && random() < 0.5
  const rent = pounds(650, 1600)
  const large = index % 9 === 4 ? between(start + 1, HISTORY_DAYS - 8) : -1
  const largeAmount = pounds(12_000, 45_000)
  const mates = Array.from({ length: (index - 1) % GROUP_SIZE }, (_, i) => groupOf(index) * GROUP_SIZE + 1 + i)

  for (let day = start + 1; day < HISTORY_DAYS; day++) {
    /* group-mates who were customers by then */
    const payees = mates.filter((m) => joinDay(m) < day)
    const phase = (day - payPhase + HISTORY_DAYS) % 30
    if (phase === 0) {
      add({ kind: 'deposit', category: pensioner ? 'pension' : 'salary', account: 'current', amount: income, reference: incomeReference, day, minute: between(5 * 60, 7 * 60) })
    }
    if (day === large) {
      add({ kind: 'deposit', category: 'large_in', account: 'savings', amount: largeAmount, reference: pick(LARGE_IN), day, minute: between(10 * 60, 15 * 60) })
    }
    if (!verified) continue
    if (phase === 1 && saver) {
      add({ kind: 'transfer', category: 'savings', account: 'current', to: { customer: index, account: 'savings' }, amount: pounds(100, 600), reference: 'Monthly savings', day })
    }
    if (phase === 3 && renter && payees[0] === mates[0]) {
      add({ kind: 'transfer', category: 'rent', account: 'current', to: { customer: mates[0], account: 'current' }, amount: rent, reference: 'RENT STANDING ORDER', day })
    }
    if (day === large + 5 && payees.length > 0 && index % 2 === 0) {
      add({ kind: 'transfer', category: 'large_out', account: 'savings', to: { customer: pick(payees), account: 'current' }, amount: (largeAmount * BigInt(between(60, 90))) / 100n, reference: 'House deposit - completion', day })
    }
    if (random() < 0.15) add({ kind: 'withdrawal', category: 'card', account: 'current', amount: pence(300, 12_000), reference: `CARD ${pick(MERCHANTS)}`, day })
    if (random() < 0.06) add({ kind: 'withdrawal', category: 'cash', account: 'current', amount: pick([20n, 40n, 60n, 100n, 200n]) * 100n, reference: 'ATM WITHDRAWAL', day })
    if (payees.length > 0 && random() < 0.03) {
      add({ kind: 'transfer', category: 'friend', account: 'current', to: { customer: pick(payees), account: 'current' }, amount: pounds(10, 150), reference: pick(FRIEND_NOTES), day })
    }
  }
  return keyed(customerNumber, index, affordable(out))
}

/** Sorted by time; debits that the account's own credits cannot cover are dropped */
function affordable(postings: Omit<DemoPosting, 'key' | 'customer'>[]) {
  const sorted = postings.sort((a, b) => a.day - b.day || a.minute - b.minute)
  const balance: Record<DemoAccountKind, bigint> = { current: 0n, savings: 0n }
  return sorted.filter((p) => {
    if (p.kind === 'deposit') return (balance[p.account] += p.amount), true
    if (balance[p.account] < p.amount) return false
    balance[p.account] -= p.amount
    if (p.to && p.to.account === 'savings' && p.category === 'savings') balance.savings += p.amount
    return true
  })
}

function keyed(customerNumber: string, index: number, postings: Omit<DemoPosting, 'key' | 'customer'>[]): DemoPosting[] {
  let n = 0
  return postings
    .sort((a, b) => a.day - b.day || a.minute - b.minute)
    .map((p) => ({
      ...p,
      customer: index,
      key: p.category === 'opening' ? `demo-opening:${customerNumber}:${p.account}` : `demo-history:${customerNumber}:${++n}`,
    }))
}
