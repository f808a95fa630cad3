import { Head, Link } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import { formatAmount } from '~/components/money'
import LoanSummaryPanel from '~/components/loans/loan_summary_panel'
import LoanApplicantPanel from '~/components/loans/loan_applicant_panel'
import LoanAssessmentPanel from '~/components/loans/loan_assessment_panel'
import LoanSchedulePanel from '~/components/loans/loan_schedule_panel'
import LoanActionsPanel from '~/components/loans/loan_actions_panel'
import LoanActivityPanel from '~/components/loans/loan_activity_panel'
import LoanDocumentsPanel from '~/components/loans/loan_documents_panel'
import LoanServicingPanel from '~/components/loans/loan_servicing_panel'
import LoanRepaymentsPanel from '~/components/loans/loan_repayments_panel'
import { statusWords, type LoanPageProps } from '~/components/loans/loan_types'
import type { InertiaProps } from '~/types'

type Props = InertiaProps<LoanPageProps>

/** One loan: the application, the applicant, the assessment, the schedule, once paid out its repayments and servicing, documents, notes and history, and what can be done now */
export default function LoansShow(props: Props) {
  const { loan, terms, applicant, can, urls, errors } = props
  return (
    <BackofficeLayout>
      <Head title={`Loan #${loan.id}`} />
      <PageHeader
        title={`Loan #${loan.id}: ${formatAmount(terms.principal)} to ${applicant.fullName}`}
        description={`${terms.product}, ${terms.termCount} ${terms.frequency} instalments at ${terms.annualRate}; ${statusWords(loan.status)}.`}
        actions={<Link className="btn btn-secondary" href={urls.index}>Back to the queue</Link>}
      />
      <div className="grid grid-2">
        <div className="stack">
          <LoanSummaryPanel loan={loan} terms={terms} approval={props.approval} urls={urls} />
          <LoanActionsPanel can={can} urls={urls} terms={terms} approval={props.approval} decisionKey={props.decisionKey} errors={errors} />
          {props.servicing && <LoanServicingPanel servicing={props.servicing} can={can} errors={errors} />}
        </div>
        <div className="stack">
          <LoanApplicantPanel applicant={applicant} accounts={props.accounts} otherLoans={props.otherLoans} urls={urls} />
          <LoanDocumentsPanel documents={props.documents} uploadUrl={can.attachDocument ? urls.attachDocument : null} errors={errors} />
        </div>
      </div>
      <LoanAssessmentPanel assessment={props.assessment} />
      <LoanSchedulePanel schedule={props.schedule} />
      {props.servicing && <LoanRepaymentsPanel servicing={props.servicing} errors={errors} />}
      <div className="grid grid-2">
        <LoanActivityPanel notes={props.notes} history={props.history} canNote={can.note} noteUrl={urls.note} errors={errors} />
      </div>
    </BackofficeLayout>
  )
}
