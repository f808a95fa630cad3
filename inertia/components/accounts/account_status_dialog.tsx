import { useForm } from '@inertiajs/react'
import ConfirmDialog from '~/components/confirm_dialog'
import { TextAreaField } from '~/components/fields'

export type StatusAction = 'freeze' | 'unfreeze' | 'close'

export const ACTION_LABEL: Record<StatusAction, string> = { freeze: 'Freeze', unfreeze: 'Unfreeze', close: 'Close account' }

/**
 * Freeze, unfreeze or close an account: the confirmation asks for the
 * (audited) reason and posts it to the action's URL.
 */
export default function AccountStatusDialog({ pending, accountNumber, urls, errors, onClose }: {
  /** the action being confirmed, null while the dialog is closed */
  pending: StatusAction | null
  accountNumber: string
  urls: Record<StatusAction, string>
  errors: Record<string, string>
  onClose: () => void
}) {
  const form = useForm({ reason: '' })
  const submit = () => {
    if (!pending) return
    form.post(urls[pending], { onFinish: onClose, onSuccess: () => form.reset() })
  }

  return (
    <ConfirmDialog
      open={pending !== null}
      title={pending ? `${ACTION_LABEL[pending]} ${accountNumber}?` : ''}
      confirmLabel={pending ? ACTION_LABEL[pending] : ''}
      danger={pending === 'close' || pending === 'freeze'}
      processing={form.processing}
      onConfirm={submit}
      onCancel={onClose}
    >
      {pending === 'close' && <p>Only possible at a zero balance with no active holds.</p>}
      {pending === 'freeze' && <p>Debits will be refused; credits still land.</p>}
      <TextAreaField label="Reason (audited)" name="reason" required value={form.data.reason}
        onChange={(e) => form.setData('reason', e.target.value)} error={errors.reason} />
    </ConfirmDialog>
  )
}
