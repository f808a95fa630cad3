import { useState, type ReactNode } from 'react'
import { useForm } from '@inertiajs/react'
import ConfirmDialog from '~/components/confirm_dialog'

/** A "Retry" button that posts to `url` after a confirmation (the retry is audited) */
export default function RetryButton({ url, label, title, children }: {
  url: string
  label: string
  title: string
  children: ReactNode
}) {
  const [confirming, setConfirming] = useState(false)
  const form = useForm({})
  return (
    <>
      <button type="button" className="btn btn-small" onClick={() => setConfirming(true)}>
        {label}
      </button>
      <ConfirmDialog
        open={confirming}
        title={title}
        confirmLabel={label}
        processing={form.processing}
        onConfirm={() => form.post(url, { preserveScroll: true, onFinish: () => setConfirming(false) })}
        onCancel={() => setConfirming(false)}
      >
        {children}
      </ConfirmDialog>
    </>
  )
}
