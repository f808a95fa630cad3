import { Head, Link, useForm } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import { SelectField, TextAreaField, TextField } from '~/components/fields'
import type { partnerFormOptions } from '#controllers/backoffice/partner_page_props'
import type { InertiaProps } from '~/types'

type Props = InertiaProps<{
  options: ReturnType<typeof partnerFormOptions>
  urls: { store: string; index: string }
}>

const KEY_SOURCES = [
  { value: 'jwks', label: 'Paste the public JWKS' },
  { value: 'jwks_uri', label: 'The partner publishes a jwks_uri' },
]

/** Request the registration of a partner fintech: another administrator approves it, then its client id is issued */
export default function PartnersCreate({ options, urls, errors }: Props) {
  const form = useForm({
    name: '',
    key_source: 'jwks',
    jwks: '',
    jwks_uri: '',
    redirect_uris: '',
    cors_origins: '',
    scopes: ['accounts'] as string[],
    rate_tier: 'standard',
    reason: '',
    idempotency_key: crypto.randomUUID(),
  })
  const toggleScope = (scope: string) =>
    form.setData('scopes', form.data.scopes.includes(scope) ? form.data.scopes.filter((s) => s !== scope) : [...form.data.scopes, scope])

  return (
    <BackofficeLayout>
      <Head title="Register partner" />
      <PageHeader
        title="Register partner"
        description="Another administrator must approve the registration. Only then does the partner exist and get its client id; it authenticates with its private key (private_key_jwt), so the bank keeps its public keys only."
      />
      <section className="card form-card">
        <form
          className="card-body"
          onSubmit={(event) => {
            event.preventDefault()
            form.post(urls.store)
          }}
        >
          <TextField label="Name (shown to customers on the consent page)" name="name" required autoFocus value={form.data.name}
            onChange={(e) => form.setData('name', e.target.value)} error={errors.name} />
          <SelectField label="Public keys" name="key_source" options={KEY_SOURCES} value={form.data.key_source}
            onChange={(e) => form.setData('key_source', e.target.value)} error={errors.key_source} />
          {form.data.key_source === 'jwks' ? (
            <TextAreaField label="JWKS (JSON)" name="jwks" rows={8} className="input mono" value={form.data.jwks}
              placeholder='{"keys": [{"kty": "EC", "crv": "P-256", "x": "…", "y": "…", "kid": "…"}]}'
              hint="Public keys only: a JWKS holding a private key is refused."
              onChange={(e) => form.setData('jwks', e.target.value)} error={errors.jwks} />
          ) : (
            <TextField label="jwks_uri (https)" name="jwks_uri" type="url" value={form.data.jwks_uri}
              onChange={(e) => form.setData('jwks_uri', e.target.value)} error={errors.jwks_uri} />
          )}
          <TextAreaField label="Redirect URIs (one per line)" name="redirect_uris" rows={3} className="input mono" required
            hint="https; plain http only on localhost. At most 10." value={form.data.redirect_uris}
            onChange={(e) => form.setData('redirect_uris', e.target.value)} error={errors.redirect_uris} />
          <TextAreaField label="Allowed CORS origins (one per line, optional)" name="cors_origins" rows={2} className="input mono"
            value={form.data.cors_origins} onChange={(e) => form.setData('cors_origins', e.target.value)} error={errors.cors_origins} />
          <fieldset className="field">
            <legend>Scopes</legend>
            {options.scopes.map((scope) => (
              <label key={scope.value} className="checkbox">
                <input type="checkbox" name="scopes" value={scope.value} checked={form.data.scopes.includes(scope.value)}
                  onChange={() => toggleScope(scope.value)} />
                {scope.label}
              </label>
            ))}
            {errors.scopes && <span className="field-error">{errors.scopes}</span>}
          </fieldset>
          <SelectField label="Rate-limit tier" name="rate_tier" options={options.rateTiers} value={form.data.rate_tier}
            onChange={(e) => form.setData('rate_tier', e.target.value)} error={errors.rate_tier} />
          <TextAreaField label="Reason (for the approving administrator)" name="reason" value={form.data.reason}
            onChange={(e) => form.setData('reason', e.target.value)} error={errors.reason} />
          <div className="form-actions">
            <Link href={urls.index} className="btn btn-secondary">Cancel</Link>
            <button type="submit" className="btn" disabled={form.processing}>Request registration</button>
          </div>
        </form>
      </section>
    </BackofficeLayout>
  )
}
