import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { RequestContext } from '#domain/audit/actor'
import type Approval from '#models/approval'
import type StaffUser from '#models/staff_user'

/**
 * The contract between DecideApproval and the action each approval kind
 * runs once approved (listed in #actions/approvals/approval_registry).
 * Handlers import this file only; nothing here imports a handler.
 */
export interface ApprovalExecution {
  approval: Approval
  /** The maker: the action is booked in their name, approved by the checker */
  maker: StaffUser
  checker: StaffUser
  trx: TransactionClientContract
  context: RequestContext
}

/**
 * Executes an approved request inside the approval's transaction and
 * returns what to store as its result (ids of what was booked). It must
 * not open its own transaction nor commit: a throw rolls back everything,
 * and the approval stays pending. Resolved through the container, so a
 * handler takes the actions it runs as @inject() constructor parameters.
 */
export interface ApprovalHandler {
  execute(execution: ApprovalExecution): Promise<Record<string, unknown>>
}
