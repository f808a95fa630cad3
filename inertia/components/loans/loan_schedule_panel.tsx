import { formatAmount } from '~/components/money'
import type { LoanPageProps } from '~/components/loans/loan_types'

/** The repayment schedule: a preview from today until paid out, then the stored instalments with what was paid */
export default function LoanSchedulePanel({ schedule }: Pick<LoanPageProps, 'schedule'>) {
  const stored = schedule.kind === 'stored'
  return (
    <section className="card" aria-labelledby="loan-schedule">
      <div className="card-header">
        <h2 id="loan-schedule">{stored ? 'Repayment schedule' : 'Schedule preview'}</h2>
      </div>
      <p className="card-body subtle">
        {stored
          ? `Fixed at disbursement on ${schedule.startDate ?? '—'}.`
          : `As if paid out today (${schedule.startDate}); the real schedule starts on the disbursement date.`}
      </p>
      <table className="table">
        <thead>
          <tr>
            <th className="num">#</th><th>Due</th><th className="num">Principal</th><th className="num">Interest</th>
            {stored && <th className="num">Fees</th>}<th className="num">Total</th>{stored && <th className="num">Paid</th>}
          </tr>
        </thead>
        <tbody>
          {schedule.instalments.map((i) => (
            <tr key={i.number}>
              <td className="num">{i.number}</td>
              <td>{i.dueDate}</td>
              <td className="num">{formatAmount(i.principal)}</td>
              <td className="num">{formatAmount(i.interest)}</td>
              {stored && <td className="num">{formatAmount(i.fees)}</td>}
              <td className="num">{formatAmount(i.total)}</td>
              {stored && <td className="num">{formatAmount(i.paid)}{i.settled ? ' ✓' : ''}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
