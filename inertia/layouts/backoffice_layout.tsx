import type { ReactNode } from 'react'
import { Link, router, usePage } from '@inertiajs/react'
import FlashMessages from '~/components/flash_messages'
import type { SharedProps } from '~/types'

const ROLE_LABELS: Record<string, string> = {
  admin: 'Administrator',
  teller: 'Teller',
  loan_officer: 'Loan officer',
  compliance: 'Compliance',
  auditor: 'Auditor',
}

/**
 * Shell of every signed-in backoffice page: sidebar navigation, top bar
 * with the staff member and sign-out, flash messages.
 */
export default function BackofficeLayout({ children }: { children: ReactNode }) {
  const { staff, nav, flash } = usePage<SharedProps>().props
  const path = usePage().url.split('?')[0]

  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">S</span>
          Strongroom
        </div>
        <nav className="nav" aria-label="Main">
          <div className="nav-section">Operations</div>
          <Link href={nav.dashboard} className={path === nav.dashboard ? 'active' : ''}>
            Customers &amp; accounts
          </Link>
        </nav>
      </aside>
      <div className="main">
        <header className="topbar">
          <span className="subtle">Staff backoffice</span>
          {staff && (
            <div className="topbar-user">
              <span>
                <strong>{staff.fullName}</strong> · {ROLE_LABELS[staff.role] ?? staff.role}
              </span>
              <button
                type="button"
                className="btn btn-secondary"
                onClick={() => router.post(nav.logout)}
              >
                Sign out
              </button>
            </div>
          )}
        </header>
        <main className="content">
          <FlashMessages flash={flash} />
          {children}
        </main>
      </div>
    </div>
  )
}
