import { Head, Link, useForm } from '@inertiajs/react'
import AuthLayout from '~/layouts/auth_layout'
import TextField from '~/components/text_field'
import type { PasswordTokenPurpose } from '#services/auth/staff_password_tokens'
import type { InertiaProps } from '~/types'

type Props = InertiaProps<{
  valid: boolean
  purpose: PasswordTokenPurpose | null
  passwordMinLength: number
  actions: { update: string; forgot: string; login: string }
}>

export default function ResetPassword({ valid, purpose, passwordMinLength, actions, errors }: Props) {
  const form = useForm({ password: '', password_confirmation: '' })

  if (!valid) {
    return (
      <AuthLayout title="Link no longer valid" lead="This link is invalid, has expired or was already used.">
        <Head title="Link no longer valid" />
        <Link href={actions.forgot} className="btn btn-block">
          Ask for a new link
        </Link>
        <p className="auth-footer">
          <Link href={actions.login}>Back to sign-in</Link>
        </p>
      </AuthLayout>
    )
  }
  const title = purpose === 'invitation' ? 'Choose your password' : 'Choose a new password'
  return (
    <AuthLayout title={title} lead={`At least ${passwordMinLength} characters. A passphrase is easiest to remember.`}>
      <Head title={title} />
      <form
        onSubmit={(event) => {
          event.preventDefault()
          form.post(actions.update, { onFinish: () => form.reset() })
        }}
      >
        <TextField
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={passwordMinLength}
          autoFocus
          value={form.data.password}
          onChange={(e) => form.setData('password', e.target.value)}
          error={errors.password}
        />
        <TextField
          label="Repeat the new password"
          name="password_confirmation"
          type="password"
          autoComplete="new-password"
          required
          value={form.data.password_confirmation}
          onChange={(e) => form.setData('password_confirmation', e.target.value)}
          error={errors.password_confirmation}
        />
        <button type="submit" className="btn btn-block" disabled={form.processing}>
          Set password
        </button>
      </form>
    </AuthLayout>
  )
}
