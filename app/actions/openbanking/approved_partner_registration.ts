import { inject } from '@adonisjs/core'
import vine from '@vinejs/vine'
import type { ApprovalExecution, ApprovalHandler } from '#actions/approvals/approval_handler'
import RegisterPartner from '#actions/openbanking/register_partner'
import type { PartnerRegistrationPayload } from '#actions/openbanking/request_partner_registration'
import { registerPartnerValidator } from '#validators/partner'

/**
 * Runs an approved 'openbanking.partner_registration' in the approval's
 * transaction: the payload is validated again with registerPartnerValidator
 * (the rules may have changed since the request) and RegisterPartner
 * registers the partner with that `trx`, in the maker's name, audited
 * 'openbanking.partner.registered' with the approval and the checker.
 * Returns the new partner's id and client id (the approval's result).
 * Throws: E_VALIDATION_ERROR (the approval stays pending; the checker rejects it).
 */
@inject()
export default class ApprovedPartnerRegistration implements ApprovalHandler {
  constructor(private registerPartner: RegisterPartner) {}

  async execute({ approval, maker, checker, trx, context }: ApprovalExecution) {
    const payload = approval.payload as unknown as PartnerRegistrationPayload
    const partner = await vine.validate({
      schema: registerPartnerValidator.schema,
      data: {
        name: payload.name,
        jwks: payload.jwks ? JSON.parse(payload.jwks) : undefined,
        jwksUri: payload.jwksUri ?? undefined,
        redirectUris: payload.redirectUris,
        corsOrigins: payload.corsOrigins,
        scopes: payload.scopes,
        rateTier: payload.rateTier,
      },
    })
    const registered = await this.registerPartner.handle({
      partner,
      actor: { type: 'staff', id: maker.id },
      context,
      trx,
      metadata: { approval_id: String(approval.id), approved_by: String(checker.id) },
    })
    return { partnerId: Number(registered.id), clientId: registered.clientId }
  }
}
