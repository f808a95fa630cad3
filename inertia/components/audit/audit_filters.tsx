import { useState, type FormEvent } from 'react'
import { Link, router } from '@inertiajs/react'
import { SelectField, TextField } from '~/components/fields'
import type { Infer } from '@vinejs/vine/types'
import type { listAuditEventsValidator } from '#validators/audit'

/** The filters the audit trail was rendered with (the validated query string, cursors aside) */
export type AuditFilters = Omit<Infer<typeof listAuditEventsValidator>, 'before' | 'after' | 'perPage'> & { perPage: number }

export const FILTER_FIELDS = ['actorType', 'actorId', 'actorEmail', 'action', 'subjectType', 'subjectId', 'from', 'to'] as const

const ACTOR_TYPES = ['staff', 'customer', 'partner', 'system', 'anonymous']

/** The audit trail's filter form: submitting reloads the trail from its newest event */
export default function AuditFiltersForm({ filters, url }: { filters: AuditFilters; url: string }) {
  const [values, setValues] = useState<Record<string, string>>(
    Object.fromEntries(FILTER_FIELDS.map((f) => [f, filters[f] ?? '']))
  )
  const search = (event: FormEvent) => {
    event.preventDefault()
    router.get(url, Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '')), { preserveState: true })
  }
  const set = (name: string) => (e: { target: { value: string } }) => setValues({ ...values, [name]: e.target.value })

  return (
    <form className="filters" onSubmit={search} role="search" aria-label="Filter the audit trail">
      <SelectField
        label="Actor type"
        name="actorType"
        value={values.actorType}
        onChange={set('actorType')}
        options={[{ value: '', label: 'Any' }, ...ACTOR_TYPES.map((t) => ({ value: t, label: t }))]}
      />
      <TextField label="Actor id" name="actorId" value={values.actorId} onChange={set('actorId')} />
      <TextField label="Staff email" name="actorEmail" type="email" value={values.actorEmail} onChange={set('actorEmail')} />
      <TextField label="Action (prefix)" name="action" placeholder="ledger." value={values.action} onChange={set('action')} />
      <TextField label="Subject type" name="subjectType" value={values.subjectType} onChange={set('subjectType')} />
      <TextField label="Subject id" name="subjectId" value={values.subjectId} onChange={set('subjectId')} />
      <TextField label="From" name="from" type="date" value={values.from} onChange={set('from')} />
      <TextField label="To" name="to" type="date" value={values.to} onChange={set('to')} />
      <button type="submit" className="btn">Filter</button>
      <Link className="btn btn-secondary" href={url}>Clear</Link>
    </form>
  )
}
