import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import CreateDomesticPaymentConsent from '#actions/openbanking/create_domestic_payment_consent'
import ConsentQueries from '#queries/openbanking/consent_queries'
import LedgerQueries from '#queries/ledger/ledger_queries'
import type OpenBankingConsent from '#models/open_banking_consent'
import DomesticPaymentConsentTransformer from '#transformers/domestic_payment_consent_transformer'
import { consentIdValidator, createDomesticPaymentConsentValidator } from '#validators/openbanking'
import { auditContext } from '#services/audit/audit_trail'
import { Money } from '#domain/money/money'
import ConsentNotFoundException from '#exceptions/consent_not_found_exception'

/**
 * Domestic-payment consents (UK OB v4): created and read with the
 * partner's client-credentials token; funds confirmation with the token
 * the customer authorised (it reads the chosen debtor account).
 */
export default class DomesticPaymentConsentsController {
  async store(ctx: HttpContext) {
    const request = await ctx.request.validateUsing(createDomesticPaymentConsentValidator)
    const consent = await new CreateDomesticPaymentConsent().handle({
      partner: ctx.partnerCaller!.partner,
      request,
      context: auditContext(ctx),
    })
    return ctx.response.created(document(consent))
  }

  async show(ctx: HttpContext) {
    const { id } = await consentIdValidator.validate(ctx.params).catch(() => {
      throw new ConsentNotFoundException()
    })
    const consent = await new ConsentQueries().ownedByPartner(id, ctx.partnerCaller!.partner.id, 'domestic_payment')
    if (!consent) throw new ConsentNotFoundException()
    return document(consent)
  }

  /** Whether the debtor account holds the payment's amount now (available balance; no hold is placed) */
  async fundsConfirmation(ctx: HttpContext) {
    const consent = ctx.partnerCaller!.consent!
    if (consent.id !== ctx.params.id) throw new ConsentNotFoundException()
    const balances = await new LedgerQueries().balances(consent.accountIds[0])
    const amount = consent.initiation!.InstructedAmount
    const needed = Money.fromDecimal(amount.Amount, amount.Currency)
    return {
      Data: {
        FundsAvailableResult: {
          FundsAvailableDateTime: new Date().toISOString(),
          FundsAvailable: balances !== null && balances.available.minor >= needed.minor,
        },
      },
      Links: { Self: urlFor('api.v1.domestic_payment_consents.funds_confirmation', { id: consent.id }) },
      Meta: {},
    }
  }
}

function document(consent: OpenBankingConsent) {
  return {
    Data: new DomesticPaymentConsentTransformer(consent).toObject(),
    Risk: {},
    Links: { Self: urlFor('api.v1.domestic_payment_consents.show', { id: consent.id }) },
    Meta: {},
  }
}
