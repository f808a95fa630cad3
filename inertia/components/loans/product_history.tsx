import { principalRange, termRange } from '~/components/loans/product_terms_list'
import type { LoanProductPageProps } from '~/components/loans/product_types'

/** Every published version, newest first: who asked, who approved, what changed */
export default function ProductHistory({ versions, current }: { versions: LoanProductPageProps['versions']; current: number | null }) {
  return (
    <section className="card" aria-labelledby="product-history">
      <div className="card-header"><h2 id="product-history">Version history</h2></div>
      <table className="table">
        <caption className="subtle">Published versions never change; a loan keeps the terms of the version it was made under.</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Published</th>
            <th scope="col">Requested by</th>
            <th scope="col">Approved by</th>
            <th scope="col">Terms</th>
            <th scope="col">Changes</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.id}>
              <td>{v.version} {v.version === current && <span className="badge badge-success">current</span>}</td>
              <td>{new Date(v.createdAt).toLocaleString()}</td>
              <td>{v.requestedBy ?? 'System'}</td>
              <td>{v.approvedBy ?? '—'}</td>
              <td className="num">{v.terms.annualRate}% · {termRange(v.terms)} · {principalRange(v.terms)}</td>
              <td>
                {v.note && <p>{v.note}</p>}
                {v.changes.length > 0 ? (
                  <ul>{v.changes.map((line) => <li key={line}>{line}</li>)}</ul>
                ) : (
                  <span className="subtle">{v.version === 1 ? 'First version' : '—'}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
