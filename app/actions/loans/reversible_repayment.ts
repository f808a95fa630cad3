import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type Loan from '#models/loan'
import LoanNotOpenException from '#exceptions/loan_not_open_exception'
import LoanRepaymentNotFoundException from '#exceptions/loan_repayment_not_found_exception'
import LoanRepaymentNotReversibleException from '#exceptions/loan_repayment_not_reversible_exception'
import LoanRepaymentAlreadyReversedException from '#exceptions/loan_repayment_already_reversed_exception'

/** One line of a loan_repayments allocation: an instalment (number) or a prepayment (number null) */
export interface RepaymentLine {
  number: number | null
  prepayment?: boolean
  principal: bigint
  interest: bigint
  fee: bigint
  penalty: bigint
}

/** A loan_repayments row, money as bigint */
export interface StoredRepayment {
  id: number
  loanId: number
  kind: 'collection' | 'repayment' | 'payoff' | 'write_off' | 'reversal'
  businessDate: string
  amount: bigint
  principal: bigint
  interest: bigint
  fee: bigint
  penalty: bigint
  lines: RepaymentLine[]
  /** The instalments not yet due as a prepayment or payoff found them (due principal and interest, strings) */
  scheduleBefore: Array<{ number: number; principal: string; interest: string }> | null
  transactionId: number
}

/**
 * The repayment of `loan` that may be reversed now, or the reason why not
 * (one exception per reason). Pass the transaction that locked the loan
 * when the answer decides a posting. In this order:
 * - the repayment exists and is one of this loan's  LoanRepaymentNotFound
 * - the loan is active or in arrears (a paid-off loan is not reopened, a
 *   written-off one stays written off)               LoanNotOpen
 * - it is a payment: not a reversal nor a write-off  LoanRepaymentNotReversible
 * - it was not reversed yet                          LoanRepaymentAlreadyReversed
 * - it is the loan's LATEST repayment still standing (later ones are
 *   reversed first: each was allocated on what the earlier ones left)
 *                                                    LoanRepaymentNotReversible
 * - a repayment that rewrote the schedule (a prepayment's line without an
 *   instalment, a payoff) carries the schedule it replaced
 *                                                    LoanRepaymentNotReversible
 */
export async function reversibleRepayment(client: QueryClientContract, loan: Loan, repaymentId: number): Promise<StoredRepayment> {
  const row = await client.from('loan_repayments').where({ id: repaymentId, loan_id: loan.id }).first()
  if (!row) throw new LoanRepaymentNotFoundException()
  if (loan.status !== 'active' && loan.status !== 'in_arrears') {
    throw new LoanNotOpenException(
      loan.status === 'paid_off'
        ? `Loan #${loan.id} is paid off: a paid-off loan cannot be reopened by reversing a repayment.`
        : `Loan #${loan.id} is ${loan.status.replace('_', ' ')}: only a repayment of an active loan or a loan in arrears can be reversed.`
    )
  }
  const repayment = toStoredRepayment(row)
  if (repayment.kind === 'reversal' || repayment.kind === 'write_off') {
    throw new LoanRepaymentNotReversibleException(`Repayment #${repayment.id} is a ${repayment.kind.replace('_', '-')}: it cannot be reversed.`)
  }
  if (await client.from('loan_repayments').where('reverses_id', repayment.id).first()) {
    throw new LoanRepaymentAlreadyReversedException()
  }
  const latest = await client
    .from('loan_repayments as r')
    .where('r.loan_id', loan.id)
    .whereNot('r.kind', 'reversal')
    .whereNotExists((q) => q.from('loan_repayments as x').whereRaw('x.reverses_id = r.id'))
    .orderBy('r.id', 'desc')
    .select('r.id')
    .first()
  if (Number(latest.id) !== repayment.id) {
    throw new LoanRepaymentNotReversibleException(
      `Only the latest repayment of loan #${loan.id} can be reversed: repayment #${latest.id} came after #${repayment.id}; reverse it first.`
    )
  }
  const rewroteSchedule = repayment.kind === 'payoff' || repayment.lines.some((line) => line.number === null)
  if (rewroteSchedule && repayment.scheduleBefore === null) {
    throw new LoanRepaymentNotReversibleException(
      `Repayment #${repayment.id} rewrote the loan's schedule and kept no copy of it: it cannot be reversed.`
    )
  }
  return repayment
}

export function toStoredRepayment(row: Record<string, any>): StoredRepayment {
  const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value)
  return {
    id: Number(row.id),
    loanId: Number(row.loan_id),
    kind: row.kind,
    businessDate: row.business_date instanceof Date ? isoDate(row.business_date) : String(row.business_date),
    amount: BigInt(row.amount),
    principal: BigInt(row.principal),
    interest: BigInt(row.interest),
    fee: BigInt(row.fee),
    penalty: BigInt(row.penalty),
    lines: (json(row.allocation) as Array<Record<string, unknown>>).map((line) => ({
      number: line.number === null || line.number === undefined ? null : Number(line.number),
      ...(line.prepayment ? { prepayment: true } : {}),
      principal: BigInt(String(line.principal ?? '0')),
      interest: BigInt(String(line.interest ?? '0')),
      fee: BigInt(String(line.fee ?? '0')),
      penalty: BigInt(String(line.penalty ?? '0')),
    })),
    scheduleBefore: row.schedule_before === null || row.schedule_before === undefined ? null : json(row.schedule_before),
    transactionId: Number(row.transaction_id),
  }
}

/** A `date` column as the pg driver returns it (local midnight) → 'YYYY-MM-DD' */
function isoDate(value: Date): string {
  return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`
}
