import { useState } from 'react'
import { Head, Link, useForm } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import { TextAreaField } from '~/components/fields'
import SettingsRules, { type RuleSpecs } from '~/components/risk/settings_rules'
import SettingsTypologies from '~/components/risk/settings_typologies'
import SettingsHistory from '~/components/risk/settings_history'
import type { pendingConfigurationChanges } from '#controllers/backoffice/risk_settings_page_props'
import type { RiskConfigurationVersion } from '#queries/risk/risk_configuration_queries'
import type { RiskConfiguration } from '#domain/risk/risk_configuration'
import type { InertiaProps, Serialized } from '~/types'

type Props = InertiaProps<{
  configuration: Serialized<RiskConfiguration>
  versions: Serialized<RiskConfigurationVersion[]>
  rules: RuleSpecs
  pending: Serialized<Awaited<ReturnType<typeof pendingConfigurationChanges>>>
  urls: { store: string; approvals: string }
}>

const newKey = () => crypto.randomUUID()

/**
 * Risk settings (admins): the active configuration as an editable form.
 * Saving requests version N + 1 (four-eyes); the form carries the version
 * it was edited from, so a change made meanwhile is refused, not merged.
 */
export default function RiskSettings({ configuration: active, versions, rules, pending, urls, errors }: Props) {
  /* only strings, numbers, booleans and null: the JSON form is the configuration itself */
  const configuration = active as RiskConfiguration
  const [draft, setDraft] = useState<RiskConfiguration>(configuration)
  const form = useForm({ configuration: '', reason: '', idempotency_key: newKey() })
  const changed = JSON.stringify(draft) !== JSON.stringify(configuration)

  const submit = () => {
    form.transform((data) => ({ ...data, configuration: JSON.stringify(draft) }))
    form.post(urls.store, {
      preserveScroll: true,
      preserveState: true,
      onSuccess: (page) => {
        setDraft(page.props.configuration as RiskConfiguration)
        form.setData({ configuration: '', reason: '', idempotency_key: newKey() })
      },
    })
  }

  return (
    <BackofficeLayout>
      <Head title="Risk settings" />
      <PageHeader
        title="Risk settings"
        description={`Anomaly rules and typologies: version ${configuration.version} is active. Changes need a second administrator.`}
        actions={<Link href={urls.approvals} className="btn btn-secondary">Approvals inbox</Link>}
      />
      {pending.length > 0 && (
        <section className="card">
          <div className="card-header"><h2>Waiting for approval</h2></div>
          <ul className="card-body">
            {pending.map((p) => (
              <li key={p.id}>
                <Link href={p.url}>#{p.id}</Link> {p.summary} <span className="subtle">({p.maker})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {errors.configuration && <div className="alert alert-error" role="alert">{errors.configuration}</div>}
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        <SettingsRules specs={rules} rules={draft.rules} errors={errors}
          onChange={(next) => setDraft({ ...draft, rules: next })} />
        <SettingsTypologies specs={rules} typologies={draft.typologies} errors={errors}
          onChange={(next) => setDraft({ ...draft, typologies: next })} />
        <section className="card form-card">
          <div className="card-header"><h2>Request this change (four-eyes)</h2></div>
          <div className="card-body">
            <TextAreaField label="Reason" name="reason" value={form.data.reason}
              onChange={(e) => form.setData('reason', e.target.value)} error={errors.reason} />
            <div className="form-actions">
              <button type="button" className="btn btn-secondary" disabled={!changed} onClick={() => setDraft(configuration)}>
                Undo my edits
              </button>
              <button type="submit" className="btn" disabled={!changed || form.processing}>
                Request version {configuration.version + 1}
              </button>
            </div>
          </div>
        </section>
      </form>
      <SettingsHistory versions={versions} active={configuration.version} />
    </BackofficeLayout>
  )
}
