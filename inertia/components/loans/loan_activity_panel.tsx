import { useForm } from '@inertiajs/react'
import { TextAreaField } from '~/components/fields'
import { statusWords, when, type LoanPageProps } from '~/components/loans/loan_types'

/** The officers' notes (append-only) with the note form, and the loan's audit history */
export default function LoanActivityPanel({ notes, history, canNote, noteUrl, errors }: Pick<LoanPageProps, 'notes' | 'history'> & {
  canNote: boolean
  noteUrl: string
  errors: Record<string, string>
}) {
  const form = useForm({ note: '' })
  return (
    <>
      <section className="card" aria-labelledby="loan-notes">
        <div className="card-header">
          <h2 id="loan-notes">Notes</h2>
        </div>
        {notes.length === 0 && <p className="card-body subtle">No notes yet.</p>}
        {notes.length > 0 && <ol className="card-body stack">
          {notes.map((n) => (
            <li key={n.id}>
              <strong>{n.staff}</strong> · <time dateTime={n.createdAt ?? undefined}>{when(n.createdAt)}</time>
              <p>{n.body}</p>
            </li>
          ))}
        </ol>}
        {canNote && (
          <form className="card-body stack" onSubmit={(e) => { e.preventDefault(); form.post(noteUrl, { preserveScroll: true, onSuccess: () => form.reset() }) }}>
            <TextAreaField label="Add a note" name="note" value={form.data.note} required
              onChange={(e) => form.setData('note', e.target.value)} error={errors.note} />
            <div className="form-actions">
              <button type="submit" className="btn btn-secondary" disabled={form.processing}>Add note</button>
            </div>
          </form>
        )}
      </section>
      <section className="card" aria-labelledby="loan-history">
        <div className="card-header">
          <h2 id="loan-history">History</h2>
        </div>
        <ol className="card-body stack">
          {history.map((h) => (
            <li key={h.id}>
              <strong>{h.action.replace(/^loans\.loan\./, '').replaceAll('_', ' ')}</strong> · {h.actor} · <time dateTime={h.at ?? undefined}>{when(h.at)}</time>
              {h.to && <span className="subtle"> ({h.from ? `${statusWords(h.from)} → ` : ''}{statusWords(h.to)})</span>}
              {h.reason && <p>{h.reason}</p>}
            </li>
          ))}
        </ol>
      </section>
    </>
  )
}
