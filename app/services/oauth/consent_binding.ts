import { errors, type Client, type KoaContextWithOIDC } from 'oidc-provider'
import Customer from '#models/customer'
import ConsentQueries from '#queries/openbanking/consent_queries'
import { consentScope } from '#domain/openbanking/consent'

/**
 * Where the authorization server meets the consents (UK Open Banking's
 * `openbanking_intent_id`): the pushed request names one consent of the
 * partner, still awaiting authorisation, of the kind its scope asks for;
 * the tokens issued under the grant the customer approved carry that
 * consent's id (introspection shows it).
 */
export async function consentIntentParam(ctx: KoaContextWithOIDC, value: string | undefined, client: Client) {
  if (!['pushed_authorization_request', 'authorization'].includes(ctx.oidc.route)) return
  if (!value) {
    throw new errors.InvalidRequest('openbanking_intent_id is required: the id of the consent to authorise')
  }
  const consent = await new ConsentQueries().awaitingAuthorisation(value, client.clientId)
  if (!consent) {
    throw new errors.InvalidRequest('openbanking_intent_id is not a consent of this client awaiting authorisation')
  }
  const scopes = String(ctx.oidc.params?.scope ?? '').split(' ')
  if (!scopes.includes(consentScope(consent.kind))) {
    throw new errors.InvalidScope(`a ${consent.kind} consent needs scope "${consentScope(consent.kind)}"`, consentScope(consent.kind))
  }
}

/** Extra claims of an access token: the consent its grant was approved for */
export async function consentClaims(grantId: string | undefined) {
  if (!grantId) return undefined
  const consentId = await new ConsentQueries().idForGrant(grantId)
  return consentId ? { openbanking_intent_id: consentId } : undefined
}

/** The signed-in customer as the library's "account" (subject = customer id) */
export async function customerAccount(sub: string) {
  if (!/^\d{1,18}$/.test(sub)) return undefined
  const customer = await Customer.query().where('id', Number(sub)).where('status', 'active').select('id').first()
  if (!customer) return undefined
  return { accountId: sub, claims: async () => ({ sub }) }
}
