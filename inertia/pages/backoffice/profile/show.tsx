import { useState } from 'react'
import { Head, useForm } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import ConfirmDialog from '~/components/confirm_dialog'
import StatusBadge from '~/components/status_badge'
import { TextField } from '~/components/fields'
import type { Data, InertiaProps } from '~/types'

type Props = InertiaProps<{
  account: Data.StaffMember
  passwordMinLength: number
  actions: { password: string; signOutOthers: string; recoveryCodes: string }
}>

export default function ProfileShow({ account, passwordMinLength, actions, errors }: Props) {
  const password = useForm({ current_password: '', password: '', password_confirmation: '' })
  const codes = useForm({ current_password: '' })
  const signOut = useForm({})
  const [confirmSignOut, setConfirmSignOut] = useState(false)

  return (
    <BackofficeLayout>
      <Head title="My account" />
      <PageHeader title="My account" description={`${account.fullName} · ${account.email}`} />
      <div className="grid-2">
        <section className="card">
          <div className="card-header"><h2>Account</h2></div>
          <dl className="details">
            <dt>Role</dt>
            <dd>{account.roleLabel}</dd>
            <dt>Status</dt>
            <dd><StatusBadge status={account.status} /></dd>
            <dt>Two-factor</dt>
            <dd>{account.twoFactorEnrolled ? 'Authenticator app enrolled' : 'Not enrolled'}</dd>
            <dt>Last sign-in</dt>
            <dd>{account.lastLoginAt ? new Date(account.lastLoginAt).toLocaleString() : '—'}</dd>
          </dl>
        </section>

        <section className="card">
          <div className="card-header"><h2>Sessions</h2></div>
          <div className="card-body stack">
            <p>Signed in on another computer or browser you no longer use? End every session except this one.</p>
            <div className="form-actions">
              <button type="button" className="btn btn-secondary" onClick={() => setConfirmSignOut(true)}>
                Sign out other sessions
              </button>
            </div>
          </div>
        </section>

        <section className="card form-card">
          <div className="card-header"><h2>Change password</h2></div>
          <form
            className="card-body"
            onSubmit={(event) => {
              event.preventDefault()
              password.post(actions.password, { onFinish: () => password.reset() })
            }}
          >
            <TextField label="Current password" name="current_password" type="password" autoComplete="current-password" required
              value={password.data.current_password} onChange={(e) => password.setData('current_password', e.target.value)} error={errors.current_password} />
            <TextField label={`New password (at least ${passwordMinLength} characters)`} name="password" type="password" autoComplete="new-password" required minLength={passwordMinLength}
              value={password.data.password} onChange={(e) => password.setData('password', e.target.value)} error={errors.password} />
            <TextField label="Repeat the new password" name="password_confirmation" type="password" autoComplete="new-password" required
              value={password.data.password_confirmation} onChange={(e) => password.setData('password_confirmation', e.target.value)} error={errors.password_confirmation} />
            <div className="form-actions">
              <button type="submit" className="btn" disabled={password.processing}>Change password</button>
            </div>
          </form>
        </section>

        {account.twoFactorEnrolled && (
          <section className="card form-card">
            <div className="card-header"><h2>Recovery codes</h2></div>
            <form
              className="card-body"
              onSubmit={(event) => {
                event.preventDefault()
                codes.post(actions.recoveryCodes, { onFinish: () => codes.reset() })
              }}
            >
              <p>New codes replace all your current ones. They are shown once.</p>
              <TextField label="Current password" name="recovery_current_password" type="password" autoComplete="current-password" required
                value={codes.data.current_password} onChange={(e) => codes.setData('current_password', e.target.value)} />
              <div className="form-actions">
                <button type="submit" className="btn btn-secondary" disabled={codes.processing}>New recovery codes</button>
              </div>
            </form>
          </section>
        )}
      </div>
      <ConfirmDialog
        open={confirmSignOut}
        title="Sign out other sessions?"
        confirmLabel="Sign them out"
        danger
        processing={signOut.processing}
        onCancel={() => setConfirmSignOut(false)}
        onConfirm={() => signOut.post(actions.signOutOthers, { onFinish: () => setConfirmSignOut(false) })}
      >
        Every other browser signed in as you is signed out at its next click. This one stays signed in.
      </ConfirmDialog>
    </BackofficeLayout>
  )
}
