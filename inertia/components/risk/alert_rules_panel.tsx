import { formatAmount } from '~/components/money'
import type { AlertPageProps } from '~/components/risk/alert_types'

/** The rules that fired, with their reasons, and the events behind the alert */
export default function AlertRulesPanel({ alert }: Pick<AlertPageProps, 'alert'>) {
  return (
    <section className="card" aria-labelledby="alert-rules">
      <div className="card-header">
        <h2 id="alert-rules">Rules that fired</h2>
      </div>
      <ul className="stack">
        {alert.rules.map((rule) => (
          <li key={rule.rule}>
            <strong>{rule.label}</strong> <span className="badge">{rule.band}</span>
            <ul>
              {rule.reasons.map((reason) => <li key={reason}>{reason}</li>)}
            </ul>
          </li>
        ))}
      </ul>
      <div className="card-header">
        <h2>Events</h2>
      </div>
      <table className="table">
        <caption className="visually-hidden">Events behind the alert</caption>
        <thead>
          <tr><th>When</th><th>Event</th><th>Channel</th><th className="num">Amount</th></tr>
        </thead>
        <tbody>
          {alert.events.map((event, index) => (
            <tr key={`${event.at}-${index}`}>
              <td><time dateTime={event.at}>{event.at.slice(0, 19).replace('T', ' ')}</time></td>
              <td>{event.kind.replaceAll('_', ' ')}{event.payeeAccountId ? ` to account #${event.payeeAccountId}` : ''}</td>
              <td>{event.channel}</td>
              <td className="num">{event.amount ? formatAmount(event.amount) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
