import { useForm } from '@inertiajs/react'
import { TextAreaField } from '~/components/fields'
import type { AlertPageProps } from '~/components/risk/alert_types'

/** The alert's history (who did what, with notes) and the note form */
export default function AlertActivityPanel({ activity, canNote, noteUrl, errors }: {
  activity: AlertPageProps['activity']
  canNote: boolean
  noteUrl: string
  errors: Record<string, string>
}) {
  const form = useForm({ note: '' })
  return (
    <section className="card" aria-labelledby="alert-activity">
      <div className="card-header">
        <h2 id="alert-activity">Notes and activity</h2>
      </div>
      <ol className="stack alert-activity">
        {activity.map((line) => (
          <li key={line.id}>
            <strong>{line.label}</strong> · {line.staff?.fullName ?? 'system'} ·{' '}
            <time dateTime={line.createdAt ?? undefined}>{(line.createdAt ?? '').slice(0, 16).replace('T', ' ')}</time>
            {line.details.length > 0 && <span className="subtle"> ({line.details.map((d) => `${d.key.replaceAll('_', ' ')}: ${d.value}`).join(', ')})</span>}
            {line.note && <p>{line.note}</p>}
          </li>
        ))}
      </ol>
      {canNote && (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault()
            form.post(noteUrl, { preserveScroll: true, onSuccess: () => form.reset() })
          }}
        >
          <TextAreaField label="Add a note" name="note" value={form.data.note} required
            onChange={(e) => form.setData('note', e.target.value)} error={errors.note} />
          <div className="form-actions">
            <button type="submit" className="btn btn-secondary" disabled={form.processing}>Add note</button>
          </div>
        </form>
      )}
    </section>
  )
}
