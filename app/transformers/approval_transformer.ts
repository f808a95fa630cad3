import { BaseTransformer } from '@adonisjs/core/transformers'
import { DateTime } from 'luxon'
import router from '@adonisjs/core/services/router'
import type Approval from '#models/approval'
import type StaffUser from '#models/staff_user'
import { APPROVAL_KINDS } from '#domain/approvals/approval_kinds'
import { payloadLines } from '#domain/approvals/payload_display'

const person = (staff: StaffUser | null | undefined) =>
  staff ? { id: Number(staff.id), fullName: staff.fullName, email: staff.email } : null

/** '3 min', '5 h', '2 d' since the request was filed */
export function ageOf(since: DateTime, now = DateTime.now()): string {
  const minutes = Math.max(0, Math.floor(now.diff(since, 'minutes').minutes))
  if (minutes < 60) return `${minutes} min`
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h`
  return `${Math.floor(minutes / 1440)} d`
}

/** A row of the approvals inbox (maker and checker preloaded) */
export default class ApprovalTransformer extends BaseTransformer<Approval> {
  /** `decidable`: ids the viewer may approve or reject now (ApprovalPolicy.decide, computed by the controller) */
  constructor(
    resource: Approval,
    private decidable: ReadonlySet<number> = new Set()
  ) {
    super(resource)
  }

  toObject() {
    const a = this.resource
    return {
      id: Number(a.id),
      kind: a.kind,
      kindLabel: APPROVAL_KINDS[a.kind]?.label ?? a.kind,
      summary: a.summary,
      status: a.status,
      maker: person(a.maker),
      checker: person(a.checker),
      createdAt: a.createdAt.toISO(),
      age: ageOf(a.createdAt),
      decidedAt: a.decidedAt?.toISO() ?? null,
      url: router.urlBuilder.urlFor('backoffice.approvals.show', { id: Number(a.id) }),
      can: { decide: this.decidable.has(Number(a.id)) },
    }
  }

  /** The detail page: the payload as readable lines, both reasons and the result */
  forDetail() {
    const a = this.resource
    return {
      ...this.toObject(),
      subject: a.subjectType ? { type: a.subjectType, id: a.subjectId } : null,
      payload: payloadLines(a.payload ?? {}),
      makerReason: a.makerReason,
      decisionReason: a.decisionReason,
      result: a.result ? payloadLines(a.result) : null,
    }
  }
}
