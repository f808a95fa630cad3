import { useEffect, useRef, type ReactNode } from 'react'

/**
 * A modal confirmation on the native <dialog> (focus moves into it, Esc
 * cancels, the page behind is inert; no inline styles, so the CSP holds).
 * Use it for anything that moves money or changes access: the trigger
 * opens it, "confirm" runs `onConfirm` once.
 */
export default function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger,
  processing,
  onConfirm,
  onCancel,
}: {
  open: boolean
  title: string
  children: ReactNode
  confirmLabel: string
  danger?: boolean
  processing?: boolean
  onConfirm: () => void
  onCancel: () => void
}) {
  const ref = useRef<HTMLDialogElement>(null)

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="confirm-dialog-title"
      onCancel={(event) => {
        event.preventDefault()
        onCancel()
      }}
    >
      <h2 id="confirm-dialog-title">{title}</h2>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">
        <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={processing}>
          Cancel
        </button>
        <button
          type="button"
          className={`btn ${danger ? 'btn-danger' : ''}`}
          onClick={onConfirm}
          disabled={processing}
          autoFocus
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  )
}
