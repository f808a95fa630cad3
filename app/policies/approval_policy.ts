import { AuthorizationResponse } from '@adonisjs/bouncer'
import type Approval from '#models/approval'
import BackofficeBasePolicy, { type BackofficeUser } from '#policies/backoffice_base'
import { APPROVAL_KINDS } from '#domain/approvals/approval_kinds'

/** The four-eyes inbox */
export default class ApprovalPolicy extends BackofficeBasePolicy {
  viewAny(user: BackofficeUser) {
    return this.may(user, 'approvals.view')
  }

  /** A different staff member holding the kind's decision permission; never the maker */
  decide(user: BackofficeUser, approval: Approval) {
    if (approval.makerId === Number((user as { id: number }).id)) {
      return AuthorizationResponse.deny('You requested this action; a different staff member must decide it.')
    }
    return this.may(user, APPROVAL_KINDS[approval.kind].decidedWith)
  }
}
