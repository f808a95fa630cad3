import db from '@adonisjs/lucid/services/db'
import Approval from '#models/approval'
import type { ApprovalKind, ApprovalStatus } from '#domain/approvals/approval_kinds'

export interface ApprovalListQuery {
  status: ApprovalStatus
  kind?: ApprovalKind
  sort: 'created_at' | 'kind' | 'decided_at'
  direction: 'asc' | 'desc'
  page: number
  perPage: number
}

/** Reads of the four-eyes inbox (writes go through RequestApproval / DecideApproval) */
export default class ApprovalQueries {
  /** One tab of the inbox, sorted and paginated in the database, with maker and checker */
  async list(query: ApprovalListQuery) {
    const builder = Approval.query()
      .where('status', query.status)
      .preload('maker')
      .preload('checker')
      .orderBy(query.sort, query.direction)
      .orderBy('id', query.direction)
    if (query.kind) builder.where('kind', query.kind)
    return builder.paginate(query.page, query.perPage)
  }

  async find(id: number) {
    return Approval.query().where('id', id).preload('maker').preload('checker').firstOrFail()
  }

  /** Counts per status for the tabs (same kind filter) */
  async countsByStatus(kind?: ApprovalKind): Promise<Record<ApprovalStatus, number>> {
    const builder = db.from('approvals').select('status').count('* as n').groupBy('status')
    if (kind) builder.where('kind', kind)
    const rows = await builder
    const counts = { pending: 0, approved: 0, rejected: 0 }
    for (const row of rows) counts[row.status as ApprovalStatus] = Number(row.n)
    return counts
  }
}
