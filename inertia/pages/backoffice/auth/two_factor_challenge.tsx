import { useState } from 'react'
import { Head, Link, useForm } from '@inertiajs/react'
import AuthLayout from '~/layouts/auth_layout'
import TextField from '~/components/text_field'
import type { InertiaProps } from '~/types'

type Props = InertiaProps<{ email: string; actions: { verify: string; restart: string } }>

export default function TwoFactorChallenge({ email, actions, errors }: Props) {
  const [useRecovery, setUseRecovery] = useState(false)
  const form = useForm({ code: '' })

  return (
    <AuthLayout
      title="Two-step verification"
      lead={
        useRecovery
          ? `Enter one of the recovery codes you saved for ${email}. Each code works once.`
          : `Enter the 6-digit code from the authenticator app registered for ${email}.`
      }
    >
      <Head title="Two-step verification" />
      <form
        onSubmit={(event) => {
          event.preventDefault()
          form.post(actions.verify, { onFinish: () => form.reset('code') })
        }}
      >
        <TextField
          label={useRecovery ? 'Recovery code' : 'Authentication code'}
          name="code"
          className={useRecovery ? '' : 'input-code'}
          inputMode={useRecovery ? 'text' : 'numeric'}
          autoComplete="one-time-code"
          required
          autoFocus
          value={form.data.code}
          onChange={(e) => form.setData('code', e.target.value)}
          error={errors.code}
        />
        <button type="submit" className="btn btn-block" disabled={form.processing}>
          Verify and sign in
        </button>
      </form>
      <div className="subtle">
        <button type="button" className="link-button" onClick={() => setUseRecovery(!useRecovery)}>
          {useRecovery ? 'Use an authenticator code' : 'Use a recovery code instead'}
        </button>
        {' · '}
        <Link href={actions.restart}>Start over</Link>
      </div>
    </AuthLayout>
  )
}
