import StatusBadge from '~/components/status_badge'
import type { PartnerPageProps } from '~/components/partners/partner_types'

const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '—')

/** Who the partner is to the authorization server: client id, keys, redirect URIs, origins, scopes, tier */
export default function PartnerDetailsPanel({ partner }: Pick<PartnerPageProps, 'partner'>) {
  return (
    <section className="card" aria-labelledby="partner-details">
      <div className="card-header"><h2 id="partner-details">Registration</h2></div>
      <dl className="details">
        <dt>Client id</dt>
        <dd className="mono">{partner.clientId}</dd>
        <dt>Status</dt>
        <dd><StatusBadge status={partner.status} /></dd>
        <dt>Public keys</dt>
        <dd>
          {partner.keySource === 'jwks_uri' ? (
            <>jwks_uri <span className="mono">{partner.jwksUri}</span></>
          ) : (
            <>
              JWKS registered with the partner:
              <ul>
                {partner.keys.map((key, i) => (
                  <li key={`${key.kid}-${i}`} className="mono">{key.kid ?? `key ${i + 1}`} · {key.kty}{key.alg ? ` · ${key.alg}` : ''}</li>
                ))}
              </ul>
            </>
          )}
        </dd>
        <dt>Redirect URIs</dt>
        <dd>
          <ul>{partner.redirectUris.map((uri) => <li key={uri} className="mono">{uri}</li>)}</ul>
        </dd>
        <dt>CORS origins</dt>
        <dd>
          {partner.corsOrigins.length === 0 ? '—' : <ul>{partner.corsOrigins.map((o) => <li key={o} className="mono">{o}</li>)}</ul>}
        </dd>
        <dt>Scopes</dt>
        <dd>{partner.scopes.join(', ')}</dd>
        <dt>Rate-limit tier</dt>
        <dd>{partner.rateTier}</dd>
        <dt>Registered</dt>
        <dd>
          {when(partner.createdAt)}
          {partner.registeredBy ? ` by ${partner.registeredBy.fullName ?? `staff #${partner.registeredBy.id}`}` : ' (command line)'}
        </dd>
      </dl>
    </section>
  )
}
