import type { ReactNode } from 'react'

/** What a list shows when it has nothing, with an optional next step */
export default function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty" role="status">
      <strong>{title}</strong>
      {children && <div className="empty-hint">{children}</div>}
    </div>
  )
}
