import type { RiskConfigurationVersion } from '#queries/risk/risk_configuration_queries'
import type { Serialized } from '~/types'

/** The versions of the configuration, newest first: who asked, who approved, what changed */
export default function SettingsHistory({ versions, active }: { versions: Serialized<RiskConfigurationVersion[]>; active: number }) {
  return (
    <section className="card" aria-labelledby="risk-history-title">
      <div className="card-header">
        <h2 id="risk-history-title">Version history</h2>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Date</th>
            <th scope="col">Requested by</th>
            <th scope="col">Approved by</th>
            <th scope="col">Changes</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version}>
              <td>
                {v.version} {v.version === active && <span className="badge badge-success">active</span>}
              </td>
              <td>{new Date(v.createdAt).toLocaleString()}</td>
              <td>{v.requestedBy ?? 'System'}</td>
              <td>{v.approvedBy ?? '—'}</td>
              <td>
                {v.note && <p>{v.note}</p>}
                {v.changes.length > 0 ? (
                  <ul className="mono">{v.changes.map((line) => <li key={line}>{line}</li>)}</ul>
                ) : (
                  <span className="subtle">{v.version === 1 ? 'Initial configuration' : '—'}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
