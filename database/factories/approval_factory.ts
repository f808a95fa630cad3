import { randomUUID } from 'node:crypto'
import Factory from '@adonisjs/lucid/factories'
import app from '@adonisjs/core/services/app'
import Approval from '#models/approval'
import StaffUser from '#models/staff_user'
import RequestApproval from '#actions/approvals/request_approval'

/**
 * Four-eyes requests. An approval is written only by RequestApproval (the
 * approvals row and its approval.requested audit row together), so
 * `create()` files it through that action inside the factory's transaction
 * and returns the row it wrote; it is always 'pending'. Deciding it is
 * DecideApproval's job (a test calls the action or the page), never the
 * factory's. `make()` builds the attributes without the database.
 *
 * Merge: makerId (required for create: the staff member who asks),
 * kind, summary, payload (what the kind's handler needs, e.g.
 * `{ staffId }`), subjectType/subjectId, makerReason, idempotencyKey.
 * The defaults are a two-factor reset with an empty payload: merge the
 * payload of the request the test needs.
 */
export const ApprovalFactory = Factory.define(Approval, () => ({
  kind: 'staff.reset_2fa' as const,
  status: 'pending' as const,
  summary: 'Reset two-factor authentication',
  payload: {},
  subjectType: null,
  subjectId: null,
  makerReason: null,
  idempotencyKey: randomUUID(),
}))
  .before('create', async (_, approval, { $trx }) => {
    if (approval.makerId === null || approval.makerId === undefined) {
      throw new Error('ApprovalFactory: merge({ makerId }) with the staff member who files the request')
    }
    const maker = await StaffUser.findOrFail(approval.makerId, { client: $trx })
    const { approval: filed } = await (await app.container.make(RequestApproval)).handle({
      kind: approval.kind,
      summary: approval.summary,
      payload: approval.payload,
      subject: approval.subjectType ? { type: approval.subjectType, id: approval.subjectId! } : null,
      maker,
      makerReason: approval.makerReason,
      idempotencyKey: approval.idempotencyKey,
      context: { ip: null, requestId: null },
      trx: $trx,
    })
    approval.merge(filed.$attributes)
    approval.$hydrateOriginals()
    approval.$isPersisted = true
  })
  .build()
