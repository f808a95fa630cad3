import type { HttpContext } from '@adonisjs/core/http'
import { accessGrant } from '#domain/openbanking/consent'
import { ownerAccess, type AccountAccess } from '#domain/api/account_access'
import ConsentPermissionMissingException from '#exceptions/consent_permission_missing_exception'

/**
 * The AccountAccess of this request (#domain/api/account_access): the
 * consent's, when a partner calls with a customer-authorised token
 * (ApiAuthMiddleware), else the signed-in customer's own.
 */
export function accountAccess(ctx: HttpContext, needs?: 'accounts' | 'balances' | 'transactions'): AccountAccess {
  const consent = ctx.partnerCaller?.consent
  const access: AccountAccess = consent
    ? {
        customerId: consent.customerId!,
        accountIds: consent.accountIds,
        grant: accessGrant(consent.permissions),
        window: { from: consent.transactionsFrom?.toJSDate() ?? null, to: consent.transactionsTo?.toJSDate() ?? null },
      }
    : ownerAccess(ctx.auth.use('api').getUserOrFail().id)
  if (needs && !access.grant[needs]) throw new ConsentPermissionMissingException()
  return access
}
