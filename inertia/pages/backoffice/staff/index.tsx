import { useState, type FormEvent } from 'react'
import { Head, Link, router } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import DataTable, { type Column } from '~/components/data_table'
import Pagination from '~/components/pagination'
import StatusBadge from '~/components/status_badge'
import type { pendingStaffInvitations, staffPageCan, staffRoleOptions } from '#controllers/backoffice/staff_page_props'
import type { Data, InertiaProps, Paginated, Serialized } from '~/types'

type StaffMember = Data.StaffMember

type Filters = { q: string; role: string; status: string; sort: string; direction: 'asc' | 'desc'; perPage: number }

/* the page's `staff` (the directory) overrides the shared `staff` (the signed-in member) */
type Props = Omit<InertiaProps, 'staff'> & {
  staff: Paginated<StaffMember>
  filters: Filters
  roles: ReturnType<typeof staffRoleOptions>
  pendingInvitations: Serialized<Awaited<ReturnType<typeof pendingStaffInvitations>>>
  urls: { index: string; create: string }
  can: Awaited<ReturnType<typeof staffPageCan>>
}

const STATUSES = [
  { value: '', label: 'Any status' },
  { value: 'active', label: 'Active' },
  { value: 'inactive', label: 'Deactivated' },
  { value: 'invited', label: 'Invited (never signed in)' },
]

export default function StaffIndex({ staff, filters, roles, pendingInvitations, urls, can }: Props) {
  const [form, setForm] = useState({ q: filters.q, role: filters.role, status: filters.status })
  const query = { ...form, sort: filters.sort, direction: filters.direction, perPage: filters.perPage }

  const search = (event: FormEvent) => {
    event.preventDefault()
    const params = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== '' && v !== undefined))
    router.get(urls.index, params, { preserveState: true, replace: true })
  }

  const columns: Column<StaffMember>[] = [
    {
      key: 'name',
      label: 'Name',
      sortable: true,
      render: (m) => (
        <>
          <Link href={`${urls.index}/${m.id}`}>{m.fullName}</Link>
          <div className="subtle">{m.email}</div>
        </>
      ),
    },
    { key: 'role', label: 'Role', sortable: true, render: (m) => m.roleLabel },
    {
      key: 'status',
      label: 'Status',
      render: (m) => (
        <>
          <StatusBadge status={m.status} /> {m.invited && <StatusBadge status="pending" label="invited" />}
        </>
      ),
    },
    { key: 'twoFactor', label: 'Two-factor', render: (m) => (m.twoFactorEnrolled ? 'Enrolled' : 'Not enrolled') },
    {
      key: 'last_login',
      label: 'Last sign-in',
      sortable: true,
      render: (m) => (m.lastLoginAt ? new Date(m.lastLoginAt).toLocaleString() : '—'),
    },
  ]

  return (
    <BackofficeLayout>
      <Head title="Staff & roles" />
      <PageHeader
        title="Staff & roles"
        description="Invitations, reactivations, role changes and two-factor resets need a second administrator."
        actions={can.manageStaff && <Link href={urls.create} className="btn">Invite staff member</Link>}
      />
      {pendingInvitations.length > 0 && (
        <section className="card">
          <div className="card-header"><h2>Invitations waiting for approval</h2></div>
          <div className="card-body">
            <ul>
              {pendingInvitations.map((i) => (
                <li key={i.id}><Link href={i.url}>{i.summary}</Link> <span className="subtle">requested {new Date(i.createdAt ?? '').toLocaleString()}</span></li>
              ))}
            </ul>
          </div>
        </section>
      )}
      <section className="card">
        <form className="filters toolbar" onSubmit={search} role="search">
          <input className="input" type="search" name="q" aria-label="Search staff" placeholder="Search name or email"
            value={form.q} onChange={(e) => setForm({ ...form, q: e.target.value })} />
          <select className="input" name="role" aria-label="Role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
            <option value="">Any role</option>
            {roles.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
          </select>
          <select className="input" name="status" aria-label="Status" value={form.status} onChange={(e) => setForm({ ...form, status: e.target.value })}>
            {STATUSES.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
          </select>
          <button type="submit" className="btn">Filter</button>
        </form>
        <DataTable
          columns={columns}
          rows={staff.data}
          rowKey={(m) => m.id}
          baseUrl={urls.index}
          query={query}
          sort={{ sort: filters.sort, direction: filters.direction }}
          empty="No staff member matches these filters."
          caption="Staff members"
        />
        <Pagination meta={staff.metadata} baseUrl={urls.index} query={query} noun={['staff member', 'staff members']} />
      </section>
    </BackofficeLayout>
  )
}
