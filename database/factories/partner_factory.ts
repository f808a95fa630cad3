import { randomUUID } from 'node:crypto'
import Factory from '@adonisjs/lucid/factories'
import app from '@adonisjs/core/services/app'
import Partner from '#models/partner'
import RegisterPartner from '#actions/openbanking/register_partner'

/** A public EC P-256 key (a fixture: no test signs with it; tests/helpers/openbanking makes real ones) */
export const FIXTURE_PUBLIC_JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
  y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
  alg: 'ES256',
  use: 'sig',
}

/**
 * Partner fintechs. A partner is written only by RegisterPartner (the row
 * and its 'openbanking.partner.registered' audit row together), so
 * `create()` registers one inside the factory's transaction and returns
 * the row it wrote (status active, system actor unless `registeredBy` is
 * merged). State `suspended`: suspended right after (as SuspendPartner
 * leaves it, without its audit row). Unique per call: the name carries a
 * random tag.
 */
export const PartnerFactory = Factory.define(Partner, () => ({
  name: `Partner ${randomUUID().slice(0, 8)}`,
  clientId: `ptr_${randomUUID().replaceAll('-', '')}`,
  jwks: { keys: [{ ...FIXTURE_PUBLIC_JWK, kid: randomUUID() }] },
  jwksUri: null,
  redirectUris: ['http://127.0.0.1:4999/callback'],
  corsOrigins: [] as string[],
  scopes: ['accounts', 'payments'],
  rateTier: 'standard' as const,
  status: 'active' as const,
  registeredBy: null,
}))
  .state('suspended', (partner) => {
    partner.status = 'suspended'
  })
  .before('create', async (_, partner, { $trx }) => {
    const registered = await (await app.container.make(RegisterPartner)).handle({
      partner: {
        name: partner.name,
        clientId: partner.clientId,
        jwks: (partner.jwks as { keys: Array<{ kty: string }> } | null) ?? undefined,
        jwksUri: partner.jwksUri ?? undefined,
        redirectUris: partner.redirectUris,
        corsOrigins: partner.corsOrigins,
        scopes: partner.scopes as Array<'accounts' | 'payments'>,
        rateTier: partner.rateTier,
      },
      actor: partner.registeredBy ? { type: 'staff', id: partner.registeredBy } : { type: 'system' },
      context: { ip: null, requestId: null },
      trx: $trx,
    })
    if (partner.status === 'suspended') {
      await $trx!.from('partners').where('id', registered.id).update({ status: 'suspended' })
      registered.status = 'suspended'
    }
    partner.merge(registered.$attributes)
    partner.$hydrateOriginals()
    partner.$isPersisted = true
  })
  .build()
