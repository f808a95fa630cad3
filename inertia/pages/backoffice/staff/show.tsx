import { useState } from 'react'
import { Head, Link, useForm } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import ConfirmDialog from '~/components/confirm_dialog'
import StatusBadge from '~/components/status_badge'
import { SelectField, TextAreaField } from '~/components/fields'
import type { pendingStaffApprovals, staffPageCan, staffRoleOptions } from '#controllers/backoffice/staff_page_props'
import type { Data, InertiaProps, Serialized } from '~/types'

type Props = InertiaProps<{
  member: Data.StaffMember
  isSelf: boolean
  pendingApprovals: Serialized<Awaited<ReturnType<typeof pendingStaffApprovals>>>
  roles: ReturnType<typeof staffRoleOptions>
  actions: { deactivate: string; reactivate: string; changeRole: string; resetTwoFactor: string; index: string }
  can: Awaited<ReturnType<typeof staffPageCan>>
}>

type Pending = 'deactivate' | 'reactivate' | 'role' | 'reset' | null

const newKey = () => crypto.randomUUID()

export default function StaffShow({ member, isSelf, pendingApprovals, roles, actions, can, errors }: Props) {
  const [confirm, setConfirm] = useState<Pending>(null)
  const status = useForm({})
  const reactivation = useForm({ reason: '', idempotency_key: newKey() })
  const role = useForm<{ role: string; reason: string; idempotency_key: string }>({ role: member.role, reason: '', idempotency_key: newKey() })
  const reset = useForm({ reason: '', idempotency_key: newKey() })
  const close = () => setConfirm(null)

  const run = () => {
    if (confirm === 'deactivate') status.post(actions.deactivate, { onFinish: close })
    if (confirm === 'reactivate') reactivation.post(actions.reactivate, { onFinish: close, onSuccess: () => reactivation.setData('idempotency_key', newKey()) })
    if (confirm === 'role') role.post(actions.changeRole, { onFinish: close, onSuccess: () => role.setData('idempotency_key', newKey()) })
    if (confirm === 'reset') reset.post(actions.resetTwoFactor, { onFinish: close, onSuccess: () => reset.setData('idempotency_key', newKey()) })
  }

  return (
    <BackofficeLayout>
      <Head title={member.fullName} />
      <PageHeader
        title={member.fullName}
        description={member.email}
        actions={<Link href={actions.index} className="btn btn-secondary">All staff</Link>}
      />
      <div className="grid-2">
        <section className="card">
          <div className="card-header"><h2>Access</h2></div>
          <dl className="details">
            <dt>Role</dt>
            <dd>{member.roleLabel}</dd>
            <dt>Status</dt>
            <dd><StatusBadge status={member.status} /> {member.invited && <StatusBadge status="pending" label="invited" />}</dd>
            <dt>Two-factor</dt>
            <dd>{member.twoFactorEnrolled ? 'Enrolled' : 'Not enrolled (enrols at next sign-in)'}</dd>
            <dt>Last sign-in</dt>
            <dd>{member.lastLoginAt ? new Date(member.lastLoginAt).toLocaleString() : '—'}</dd>
          </dl>
          {can.manageStaff && !isSelf && (
            <div className="card-body form-actions">
              {member.status === 'inactive' ? (
                <button type="button" className="btn" onClick={() => setConfirm('reactivate')}>Request reactivation</button>
              ) : (
                <button type="button" className="btn btn-danger" onClick={() => setConfirm('deactivate')}>Deactivate</button>
              )}
            </div>
          )}
        </section>

        <section className="card">
          <div className="card-header"><h2>Pending requests</h2></div>
          <div className="card-body">
            {pendingApprovals.length === 0 ? (
              <p className="subtle">No pending role change, two-factor reset or reactivation.</p>
            ) : (
              <ul>
                {pendingApprovals.map((a) => <li key={a.id}>{a.summary}</li>)}
              </ul>
            )}
          </div>
        </section>

        {can.manageStaff && (
          <section className="card form-card">
            <div className="card-header"><h2>Change role (four-eyes)</h2></div>
            <form className="card-body" onSubmit={(e) => { e.preventDefault(); setConfirm('role') }}>
              <SelectField label="New role" name="role" options={roles} value={role.data.role}
                onChange={(e) => role.setData('role', e.target.value)} error={errors.role} />
              <TextAreaField label="Reason" name="reason" value={role.data.reason}
                onChange={(e) => role.setData('reason', e.target.value)} error={errors.reason} />
              <div className="form-actions">
                <button type="submit" className="btn" disabled={role.data.role === member.role}>Request role change</button>
              </div>
            </form>
          </section>
        )}

        {can.manageStaff && member.twoFactorEnrolled && (
          <section className="card form-card">
            <div className="card-header"><h2>Reset two-factor (four-eyes)</h2></div>
            <form className="card-body" onSubmit={(e) => { e.preventDefault(); setConfirm('reset') }}>
              <p>For a lost authenticator: once approved, they are signed out and enrol a new one at next sign-in.</p>
              <TextAreaField label="Reason" name="reset_reason" value={reset.data.reason}
                onChange={(e) => reset.setData('reason', e.target.value)} />
              <div className="form-actions">
                <button type="submit" className="btn btn-danger">Request two-factor reset</button>
              </div>
            </form>
          </section>
        )}
      </div>
      <ConfirmDialog
        open={confirm !== null}
        title={
          confirm === 'deactivate' ? `Deactivate ${member.fullName}?`
          : confirm === 'reactivate' ? `Request the reactivation of ${member.fullName}?`
          : confirm === 'role' ? 'Request a role change?'
          : 'Request a two-factor reset?'
        }
        confirmLabel={confirm === 'deactivate' ? 'Deactivate' : 'Send request'}
        danger={confirm === 'deactivate' || confirm === 'reset'}
        processing={status.processing || reactivation.processing || role.processing || reset.processing}
        onCancel={close}
        onConfirm={run}
      >
        {confirm === 'deactivate' && 'They are signed out everywhere immediately and cannot sign in until reactivated.'}
        {confirm === 'reactivate' && 'Another administrator must approve it; then they can sign in again with their password and authenticator.'}
        {confirm === 'role' && 'Another administrator must approve the change before it applies.'}
        {confirm === 'reset' && 'Another administrator must approve the reset before it applies.'}
      </ConfirmDialog>
    </BackofficeLayout>
  )
}
