import { Head, Link, useForm } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import { SelectField, TextAreaField, TextField } from '~/components/fields'
import type { staffPageCan, staffRoleOptions } from '#controllers/backoffice/staff_page_props'
import type { InertiaProps } from '~/types'

type Props = InertiaProps<{
  roles: ReturnType<typeof staffRoleOptions>
  actions: { store: string; cancel: string }
  can: Awaited<ReturnType<typeof staffPageCan>>
}>

export default function StaffCreate({ roles, actions, errors }: Props) {
  const form = useForm({ full_name: '', email: '', role: 'teller', reason: '', idempotency_key: crypto.randomUUID() })

  return (
    <BackofficeLayout>
      <Head title="Invite staff member" />
      <PageHeader
        title="Invite staff member"
        description="Another administrator must approve the invitation. Only then is the account created and the link to choose a password sent; they set up an authenticator app at first sign-in."
      />
      <section className="card form-card">
        <form
          className="card-body"
          onSubmit={(event) => {
            event.preventDefault()
            form.post(actions.store)
          }}
        >
          <TextField label="Full name" name="full_name" required autoFocus value={form.data.full_name}
            onChange={(e) => form.setData('full_name', e.target.value)} error={errors.full_name} />
          <TextField label="Work email" name="email" type="email" required value={form.data.email}
            onChange={(e) => form.setData('email', e.target.value)} error={errors.email} />
          <SelectField label="Role" name="role" options={roles} value={form.data.role}
            onChange={(e) => form.setData('role', e.target.value)} error={errors.role} />
          <TextAreaField label="Reason (for the approving administrator)" name="reason" value={form.data.reason}
            onChange={(e) => form.setData('reason', e.target.value)} error={errors.reason} />
          <div className="form-actions">
            <Link href={actions.cancel} className="btn btn-secondary">Cancel</Link>
            <button type="submit" className="btn" disabled={form.processing}>Request invitation</button>
          </div>
        </form>
      </section>
    </BackofficeLayout>
  )
}
