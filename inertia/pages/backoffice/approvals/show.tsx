import { useState } from 'react'
import { Head, Link, useForm } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import ConfirmDialog from '~/components/confirm_dialog'
import RequestPanel from '~/components/approvals/request_panel'
import DecisionPanel, { type Decision } from '~/components/approvals/decision_panel'
import type { Data, InertiaProps } from '~/types'

type Props = InertiaProps<{
  approval: Data.Approval.Variants['forDetail']
  can: { approve: boolean; reject: boolean }
  urls: { index: string; approve: string; reject: string }
}>

/** One approval: what is asked, why, and (for a checker other than the maker) approve / reject */
export default function ApprovalShow({ approval, can, urls, errors }: Props) {
  const [confirming, setConfirming] = useState<Decision | null>(null)
  const approveForm = useForm({ reason: '' })
  const rejectForm = useForm({ reason: '' })

  const setReason = (reason: string) => {
    rejectForm.setData('reason', reason)
    approveForm.setData('reason', reason)
  }
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
        <RequestPanel approval={approval} />
        <DecisionPanel approval={approval} can={can} reason={rejectForm.data.reason} onReason={setReason}
          error={errors.reason} onDecide={setConfirming} />
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
