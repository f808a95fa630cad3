/**
 * The loan application / loan state machine. One table (LOAN_TRANSITIONS)
 * says which moves are allowed; everything else is refused with
 * LoanTransitionRefusedError (E_LOAN_TRANSITION_REFUSED).
 *
 *   submitted → under_review | withdrawn
 *   under_review → approved | rejected | withdrawn
 *   approved → disbursed | withdrawn   (the customer may withdraw until disbursement)
 *   disbursed → active
 *   active ↔ in_arrears
 *   active | in_arrears → paid_off | written_off
 *   rejected, withdrawn, paid_off, written_off: final
 */

export const LOAN_STATES = [
  'submitted',
  'under_review',
  'approved',
  'rejected',
  'withdrawn',
  'disbursed',
  'active',
  'in_arrears',
  'paid_off',
  'written_off',
] as const
export type LoanState = (typeof LOAN_STATES)[number]

export const LOAN_TRANSITIONS: Readonly<Record<LoanState, readonly LoanState[]>> = {
  submitted: ['under_review', 'withdrawn'],
  under_review: ['approved', 'rejected', 'withdrawn'],
  approved: ['disbursed', 'withdrawn'],
  rejected: [],
  withdrawn: [],
  disbursed: ['active'],
  active: ['in_arrears', 'paid_off', 'written_off'],
  in_arrears: ['active', 'paid_off', 'written_off'],
  paid_off: [],
  written_off: [],
}

/** Plain-English names used in messages ("a rejected application") */
const DESCRIPTIONS: Record<LoanState, string> = {
  submitted: 'a submitted application',
  under_review: 'an application under review',
  approved: 'an approved application',
  rejected: 'a rejected application',
  withdrawn: 'a withdrawn application',
  disbursed: 'a disbursed loan',
  active: 'an active loan',
  in_arrears: 'a loan in arrears',
  paid_off: 'a paid-off loan',
  written_off: 'a written-off loan',
}

/** What moving into a state is called ("cannot be approved") */
const VERBS: Record<LoanState, string> = {
  submitted: 'submitted',
  under_review: 'put under review',
  approved: 'approved',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  disbursed: 'disbursed',
  active: 'made active',
  in_arrears: 'put in arrears',
  paid_off: 'marked paid off',
  written_off: 'written off',
}

export function isLoanState(value: unknown): value is LoanState {
  return (LOAN_STATES as readonly unknown[]).includes(value)
}

export function isFinalState(state: LoanState): boolean {
  return LOAN_TRANSITIONS[state].length === 0
}

export function canTransition(from: LoanState, to: LoanState): boolean {
  return isLoanState(from) && isLoanState(to) && LOAN_TRANSITIONS[from].includes(to)
}

export class LoanTransitionRefusedError extends Error {
  code = 'E_LOAN_TRANSITION_REFUSED'
  constructor(
    readonly from: LoanState,
    readonly to: LoanState
  ) {
    super(
      isLoanState(from) && isLoanState(to)
        ? `${DESCRIPTIONS[from][0].toUpperCase()}${DESCRIPTIONS[from].slice(1)} cannot be ${VERBS[to]}`
        : `Unknown loan state in transition "${from}" → "${to}"`
    )
  }
}

export function assertTransition(from: LoanState, to: LoanState): void {
  if (!canTransition(from, to)) throw new LoanTransitionRefusedError(from, to)
}
