import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import IssueCustomerToken from '#actions/auth/issue_customer_token'
import RevokeCustomerToken from '#actions/auth/revoke_customer_token'
import { createTokenValidator } from '#validators/auth'

/** Customer bearer tokens: sign-in (password + TOTP) and sign-out */
export default class AuthTokensController {
  @inject()
  async store({ request, response }: HttpContext, issue: IssueCustomerToken) {
    const input = await request.validateUsing(createTokenValidator, { data: request.body() })
    const token = await issue.handle({ ...input, ip: request.ip(), requestId: request.id() })
    return response.created({
      data: { token: token.value, tokenType: 'Bearer', expiresAt: token.expiresAt.toISOString(), abilities: token.abilities },
    })
  }

  @inject()
  async destroy({ auth, request, response }: HttpContext, revoke: RevokeCustomerToken) {
    const customer = auth.use('api').getUserOrFail()
    await revoke.handle({
      customerId: customer.id,
      tokenId: Number(customer.currentAccessToken.identifier),
      ip: request.ip(),
      requestId: request.id(),
    })
    return response.noContent()
  }
}
