import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import IssueCustomerToken from '#actions/auth/issue_customer_token'
import RevokeCustomerToken from '#actions/auth/revoke_customer_token'
import { createTokenValidator } from '#validators/auth'
import { auditContext } from '#services/audit/audit_trail'

/** Customer bearer tokens: sign-in (password + TOTP) and sign-out */
export default class AuthTokensController {
  @inject()
  async store(ctx: HttpContext, issue: IssueCustomerToken) {
    const { request, response } = ctx
    const input = await request.validateUsing(createTokenValidator, { data: request.body() })
    const token = await issue.handle({ ...input, userAgent: request.header('user-agent') ?? null, context: auditContext(ctx) })
    return response.created({
      data: { token: token.value, tokenType: 'Bearer', expiresAt: token.expiresAt.toISOString(), abilities: token.abilities },
    })
  }

  @inject()
  async destroy(ctx: HttpContext, revoke: RevokeCustomerToken) {
    const customer = ctx.auth.use('api').getUserOrFail()
    await revoke.handle({
      customerId: customer.id,
      tokenId: Number(customer.currentAccessToken.identifier),
      context: auditContext(ctx),
    })
    return ctx.response.noContent()
  }
}
