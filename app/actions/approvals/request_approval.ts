import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Approval from '#models/approval'
import type StaffUser from '#models/staff_user'
import type { ApprovalKind } from '#domain/approvals/approval_kinds'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'

export interface RequestApprovalInput {
  kind: ApprovalKind
  /** One line for the inbox: "Reverse TX 42 (120.00 GBP) — duplicate" */
  summary: string
  /** Everything the handler needs to execute it later; JSON only (money as minor-unit strings) */
  payload: Record<string, unknown>
  subject?: { type: string; id: string | number } | null
  maker: StaffUser
  makerReason?: string | null
  /** From the form: a resubmitted form returns the first request instead of a second one */
  idempotencyKey: string
  context: RequestContext
  trx?: TransactionClientContract
}

/**
 * Files a four-eyes request instead of acting: one approvals row and its
 * audit row ("approval.requested") in one transaction. Idempotent per maker
 * and key. Returns the approval and whether it already existed.
 */
export default class RequestApproval {
  async handle(input: RequestApprovalInput): Promise<{ approval: Approval; replayed: boolean }> {
    const run = async (trx: TransactionClientContract) => {
      const existing = await Approval.query({ client: trx })
        .where('makerId', input.maker.id)
        .where('idempotencyKey', input.idempotencyKey)
        .first()
      if (existing) return { approval: existing, replayed: true }

      const approval = await Approval.create(
        {
          kind: input.kind,
          summary: input.summary,
          payload: input.payload,
          subjectType: input.subject?.type ?? null,
          subjectId: input.subject ? String(input.subject.id) : null,
          makerId: input.maker.id,
          makerReason: input.makerReason ?? null,
          idempotencyKey: input.idempotencyKey,
        },
        { client: trx }
      )
      await AuditTrail.record(
        {
          actor: { type: 'staff', id: input.maker.id },
          action: 'approval.requested',
          subject: { type: 'approval', id: approval.id },
          after: { kind: input.kind, summary: input.summary, payload: input.payload },
          metadata: input.subject ? { on: input.subject } : {},
          ...input.context,
        },
        trx
      )
      return { approval, replayed: false }
    }
    return input.trx ? run(input.trx) : db.transaction(run)
  }
}
