import { Fragment, useState } from 'react'
import { Head, Link, useForm } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import StatusBadge from '~/components/status_badge'
import ConfirmDialog from '~/components/confirm_dialog'
import { TextAreaField } from '~/components/fields'
import type { PageProps } from '~/types'
import type { ApprovalRow } from '~/pages/backoffice/approvals/index'

interface Line {
  label: string
  value: string
}

type Props = PageProps<{
  approval: ApprovalRow & {
    subject: { type: string; id: string | null } | null
    payload: Line[]
    makerReason: string | null
    decisionReason: string | null
    result: Line[] | null
  }
  can: { approve: boolean; reject: boolean }
  urls: { index: string; approve: string; reject: string }
}>

function Lines({ lines }: { lines: Line[] }) {
  return (
    <dl className="details">
      {lines.map((line) => (
        <Fragment key={line.label}>
          <dt>{line.label}</dt>
          <dd className="mono">{line.value}</dd>
        </Fragment>
      ))}
    </dl>
  )
}

/** One approval: what is asked, why, and (for a checker other than the maker) approve / reject */
export default function ApprovalShow({ approval, can, urls, errors }: Props) {
  const [confirming, setConfirming] = useState<'approve' | 'reject' | null>(null)
  const approveForm = useForm({ reason: '' })
  const rejectForm = useForm({ reason: '' })

  const submit = () => {
    const form = confirming === 'approve' ? approveForm : rejectForm
    form.post(confirming === 'approve' ? urls.approve : urls.reject, {
      preserveScroll: true,
      onFinish: () => setConfirming(null),
    })
  }

  return (
    <BackofficeLayout>
      <Head title={`Approval #${approval.id}`} />
      <PageHeader
        title={`${approval.kindLabel} #${approval.id}`}
        description={approval.summary}
        actions={<Link className="btn btn-secondary" href={urls.index}>Back to the inbox</Link>}
      />
      <div className="grid grid-2">
        <section className="card">
          <div className="card-header">
            <h2>Request</h2>
            <StatusBadge status={approval.status} />
          </div>
          <dl className="details">
            <dt>Maker</dt>
            <dd>{approval.maker ? `${approval.maker.fullName} (${approval.maker.email})` : '—'}</dd>
            <dt>Requested</dt>
            <dd><time dateTime={approval.createdAt}>{approval.createdAt}</time> ({approval.age} ago)</dd>
            <dt>Maker's reason</dt>
            <dd>{approval.makerReason ?? '—'}</dd>
            {approval.subject && (
              <>
                <dt>Subject</dt>
                <dd className="mono">{approval.subject.type} {approval.subject.id}</dd>
              </>
            )}
          </dl>
          <div className="card-header"><h2>What will be done</h2></div>
          <Lines lines={approval.payload} />
        </section>
        <section className="card">
          <div className="card-header"><h2>Decision</h2></div>
          {approval.status === 'pending' ? (
            can.approve || can.reject ? (
              <div className="card-body stack">
                <TextAreaField
                  label="Note (optional when approving, required when rejecting)"
                  name="reason"
                  value={rejectForm.data.reason}
                  error={errors.reason}
                  maxLength={500}
                  onChange={(e) => {
                    rejectForm.setData('reason', e.target.value)
                    approveForm.setData('reason', e.target.value)
                  }}
                />
                <div className="form-actions">
                  {can.reject && (
                    <button type="button" className="btn btn-danger" onClick={() => setConfirming('reject')}>
                      Reject
                    </button>
                  )}
                  {can.approve && (
                    <button type="button" className="btn" onClick={() => setConfirming('approve')}>
                      Approve
                    </button>
                  )}
                </div>
              </div>
            ) : (
              <p className="card-body subtle">Waiting for a staff member allowed to decide it (never the maker).</p>
            )
          ) : (
            <dl className="details">
              <dt>Decided by</dt>
              <dd>{approval.checker ? `${approval.checker.fullName} (${approval.checker.email})` : '—'}</dd>
              <dt>Decided</dt>
              <dd>{approval.decidedAt ? <time dateTime={approval.decidedAt}>{approval.decidedAt}</time> : '—'}</dd>
              <dt>Reason</dt>
              <dd>{approval.decisionReason ?? '—'}</dd>
            </dl>
          )}
          {approval.result && (
            <>
              <div className="card-header"><h2>Result</h2></div>
              <Lines lines={approval.result} />
            </>
          )}
        </section>
      </div>
      <ConfirmDialog
        open={confirming !== null}
        title={confirming === 'approve' ? 'Approve and execute?' : 'Reject this request?'}
        confirmLabel={confirming === 'approve' ? 'Approve' : 'Reject'}
        danger={confirming === 'reject'}
        processing={approveForm.processing || rejectForm.processing}
        onConfirm={submit}
        onCancel={() => setConfirming(null)}
      >
        {confirming === 'approve'
          ? `"${approval.summary}" will be executed now, in ${approval.maker?.fullName ?? 'the maker'}'s name with you as approver.`
          : 'Nothing will be executed. The maker sees your reason.'}
      </ConfirmDialog>
    </BackofficeLayout>
  )
}
