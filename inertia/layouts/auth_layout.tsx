import type { ReactNode } from 'react'
import { usePage } from '@inertiajs/react'
import FlashMessages from '~/components/flash_messages'
import type { SharedProps } from '~/types'

/**
 * Centered card for sign-in and second-factor screens (staff), and the
 * customers' consent page (`brand="Strongroom"`).
 */
export default function AuthLayout({
  title,
  lead,
  brand = 'Strongroom Backoffice',
  children,
}: {
  title: string
  lead?: string
  brand?: string
  children: ReactNode
}) {
  const { flash } = usePage<SharedProps>().props
  return (
    <div className="auth">
      <div className="auth-card">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">S</span>
          {brand}
        </div>
        <div className="card">
          <div className="card-body stack">
            <div>
              <h1 className="auth-title">{title}</h1>
              {lead && <p className="auth-lead">{lead}</p>}
            </div>
            <FlashMessages flash={flash} />
            {children}
          </div>
        </div>
      </div>
    </div>
  )
}
