import { Head, Link, useForm } from '@inertiajs/react'
import AuthLayout from '~/layouts/auth_layout'
import TextField from '~/components/text_field'
import type { InertiaProps } from '~/types'

type Props = InertiaProps<{ actions: { login: string; forgotPassword: string } }>

export default function Login({ actions, errors }: Props) {
  const form = useForm({ email: '', password: '' })

  return (
    <AuthLayout title="Sign in" lead="Staff access only. Activity is audited.">
      <Head title="Sign in" />
      <form
        onSubmit={(event) => {
          event.preventDefault()
          form.post(actions.login, { onFinish: () => form.reset('password') })
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
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={form.data.password}
          onChange={(e) => form.setData('password', e.target.value)}
          error={errors.password}
        />
        <button type="submit" className="btn btn-block" disabled={form.processing}>
          Continue
        </button>
      </form>
      <p className="auth-footer">
        <Link href={actions.forgotPassword}>Forgot your password?</Link>
      </p>
    </AuthLayout>
  )
}
