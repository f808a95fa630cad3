import db from '@adonisjs/lucid/services/db'
import type { AdapterPayload } from 'oidc-provider'

/**
 * A partner as an OAuth client of the authorization server (FAPI 2.0
 * Security Profile): confidential, `private_key_jwt` only, its public keys
 * inline (`jwks`) or fetched (`jwks_uri`), code flow with PKCE through
 * pushed requests, DPoP-bound tokens, client credentials for the consent
 * endpoints. Its scopes (accounts, payments) are the API's resource
 * scopes, granted per partner by the authorization server's resource
 * server policy (partnerScopes). Only active partners are clients: a suspended one gets
 * `invalid_client` on its next request (the library keeps no client by id).
 */
/** The scopes a partner may be granted at the API (resource server), from its registration */
export async function partnerScopes(clientId: string): Promise<string[]> {
  const partner = await db.from('partners').where('client_id', clientId).where('status', 'active').select('scopes').first()
  return partner?.scopes ?? []
}

export async function partnerClientMetadata(clientId: string): Promise<AdapterPayload | undefined> {
  const partner = await db
    .from('partners')
    .where('client_id', clientId)
    .where('status', 'active')
    .select('client_id', 'name', 'jwks', 'jwks_uri', 'redirect_uris')
    .first()
  if (!partner) return undefined
  return {
    client_id: partner.client_id,
    client_name: partner.name,
    redirect_uris: partner.redirect_uris,
    ...(partner.jwks ? { jwks: partner.jwks } : { jwks_uri: partner.jwks_uri }),
    token_endpoint_auth_method: 'private_key_jwt',
    grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
    response_types: ['code'],
    dpop_bound_access_tokens: true,
  }
}
