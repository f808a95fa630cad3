import type { ReactNode } from 'react'
import { Link, router, usePage } from '@inertiajs/react'
import FlashMessages from '~/components/flash_messages'
import { ROLE_LABELS } from '#domain/staff/roles'
import type { NavItem, SharedProps } from '~/types'

const SECTIONS: NavItem['section'][] = ['Operations', 'Oversight', 'Administration']

/**
 * Shell of every signed-in backoffice page: sidebar navigation by role
 * (entries come from the server, filtered by the permission matrix), top
 * bar with the staff member, account settings and sign-out, flash messages.
 */
export default function BackofficeLayout({ children }: { children: ReactNode }) {
  const { staff, nav, flash } = usePage<SharedProps>().props
  const path = usePage().url.split('?')[0]
  const matches = (href: string) => (href === nav.home ? path === href : path === href || path.startsWith(`${href}/`))
  /* the longest matching entry only: /backoffice/loans/portfolio is "Loan portfolio", not also "Loans" */
  const current = nav.items.map((item) => item.href).filter(matches).sort((a, b) => b.length - a.length)[0]
  const isActive = (href: string) => href === current

  return (
    <div className="shell">
      <a className="visually-hidden" href="#content">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">S</span>
          Strongroom
        </div>
        <nav className="nav" aria-label="Main">
          {SECTIONS.map((section) => {
            const items = nav.items.filter((item) => item.section === section)
            if (items.length === 0) return null
            return (
              <div key={section} className="nav-group">
                <div className="nav-section">{section}</div>
                {items.map((item) => (
                  <Link
                    key={item.href}
                    href={item.href}
                    className={isActive(item.href) ? 'active' : ''}
                    aria-current={isActive(item.href) ? 'page' : undefined}
                  >
                    {item.label}
                  </Link>
                ))}
              </div>
            )
          })}
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
              {nav.profile && (
                <Link className="btn btn-secondary" href={nav.profile}>
                  My account
                </Link>
              )}
              <button type="button" className="btn btn-secondary" onClick={() => router.post(nav.logout)}>
                Sign out
              </button>
            </div>
          )}
        </header>
        <main className="content" id="content">
          <FlashMessages flash={flash} />
          {children}
        </main>
      </div>
    </div>
  )
}
