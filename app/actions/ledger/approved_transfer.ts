import type { ApprovalExecution, ApprovalHandler } from '#actions/approvals/approval_handlers'

/** PLACEHOLDER: replaced by the module that owns this approval kind */
export default class NotYetImplemented implements ApprovalHandler {
  async execute(_execution: ApprovalExecution): Promise<Record<string, unknown>> {
    throw new Error('This approval kind is not implemented yet')
  }
}
