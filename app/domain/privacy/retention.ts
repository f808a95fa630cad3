/**
 * When a customer's personal data may be erased (issue 13). Pure: no
 * database, no clock (the caller passes `now`).
 *
 * Records must be kept `retentionYears` after the business relationship
 * ended. The relationship is active while the customer is not closed and
 * still has an account that is not closed or a loan that is not finished;
 * it ended at the latest of: the last account's closed_at, the last loan's
 * closed_at, and (for a closed customer) when the customer was closed. A
 * customer who never had an account or loan (a prospect) ended their
 * relationship when they were created.
 */
export interface RelationshipFacts {
  customerStatus: 'active' | 'closed' | string
  /** customers.updated_at of a closed customer (when it was closed); null otherwise */
  customerClosedAt: Date | null
  customerCreatedAt: Date
  openAccounts: number
  lastAccountClosedAt: Date | null
  openLoans: number
  lastLoanClosedAt: Date | null
}

export type RetentionState =
  | { kind: 'active'; relationshipEndedAt: null; retentionUntil: null; executeAfter: null; reason: string }
  | { kind: 'retained' | 'due'; relationshipEndedAt: Date; retentionUntil: Date; executeAfter: Date; reason: string }

export function relationshipEndedAt(facts: RelationshipFacts): Date | null {
  const closed = facts.customerStatus === 'closed'
  if (!closed && (facts.openAccounts > 0 || facts.openLoans > 0)) return null
  const candidates = [facts.lastAccountClosedAt, facts.lastLoanClosedAt, closed ? facts.customerClosedAt : null].filter(
    (date): date is Date => date !== null
  )
  if (candidates.length === 0) return facts.customerCreatedAt
  return new Date(Math.max(...candidates.map((date) => date.getTime())))
}

/** `date` plus whole calendar years, in UTC (29 February → 28 February in a common year) */
export function addYears(date: Date, years: number): Date {
  const result = new Date(date.getTime())
  result.setUTCFullYear(result.getUTCFullYear() + years)
  if (result.getUTCDate() !== date.getUTCDate()) result.setUTCDate(0)
  return result
}

const day = (date: Date) => date.toISOString().slice(0, 10)

export function retentionState(facts: RelationshipFacts, retentionYears: number, now: Date): RetentionState {
  if (!Number.isInteger(retentionYears) || retentionYears < 0) throw new Error('retentionYears must be a whole number ≥ 0')
  const ended = relationshipEndedAt(facts)
  if (!ended) {
    return {
      kind: 'active',
      relationshipEndedAt: null,
      retentionUntil: null,
      executeAfter: null,
      reason: 'Retained: the relationship is still active (an account or loan is open).',
    }
  }
  const until = addYears(ended, retentionYears)
  if (until.getTime() <= now.getTime()) {
    return {
      kind: 'due',
      relationshipEndedAt: ended,
      retentionUntil: until,
      executeAfter: until,
      reason: `Due: the relationship ended on ${day(ended)} and the ${retentionYears}-year retention period ended on ${day(until)}.`,
    }
  }
  return {
    kind: 'retained',
    relationshipEndedAt: ended,
    retentionUntil: until,
    executeAfter: until,
    reason: `Retained until ${day(until)}: records must be kept ${retentionYears} years after the relationship ended on ${day(ended)}.`,
  }
}
