import { Head, Link, useForm } from '@inertiajs/react'
import AuthLayout from '~/layouts/auth_layout'
import TextField from '~/components/text_field'
import type { InertiaProps } from '~/types'

type Props = InertiaProps<{ actions: { request: string; login: string } }>

export default function ForgotPassword({ actions, errors }: Props) {
  const form = useForm({ email: '' })

  return (
    <AuthLayout
      title="Forgot your password?"
      lead="Enter your work email. If it belongs to an active staff account, we mail you a link to choose a new password."
    >
      <Head title="Forgot password" />
      <form
        onSubmit={(event) => {
          event.preventDefault()
          form.post(actions.request, { onSuccess: () => form.reset('email') })
        }}
      >
        <TextField
          label="Work email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          value={form.data.email}
          onChange={(e) => form.setData('email', e.target.value)}
          error={errors.email}
        />
        <button type="submit" className="btn btn-block" disabled={form.processing}>
          Send the link
        </button>
      </form>
      <p className="auth-footer">
        <Link href={actions.login}>Back to sign-in</Link>
      </p>
    </AuthLayout>
  )
}
