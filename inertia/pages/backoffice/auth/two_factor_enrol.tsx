import { Head, useForm } from '@inertiajs/react'
import AuthLayout from '~/layouts/auth_layout'
import TextField from '~/components/text_field'
import type { InertiaProps } from '~/types'

type Props = InertiaProps<{
  qrCodeDataUrl: string
  secret: string
  actions: { enrol: string }
}>

export default function TwoFactorEnrol({ qrCodeDataUrl, secret, actions, errors }: Props) {
  const form = useForm({ code: '' })

  return (
    <AuthLayout
      title="Set up two-step verification"
      lead="Two-step verification is mandatory for staff. Scan the code with an authenticator app, then enter the 6-digit code it shows."
    >
      <Head title="Set up two-step verification" />
      <div className="qr">
        <img src={qrCodeDataUrl} alt="QR code for your authenticator app" />
      </div>
      <div>
        <div className="subtle">Can't scan? Enter this key manually:</div>
        <div className="secret mono" data-testid="totp-secret">
          {secret}
        </div>
      </div>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          form.post(actions.enrol, { onFinish: () => form.reset('code') })
        }}
      >
        <TextField
          label="Authentication code"
          name="code"
          className="input-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          value={form.data.code}
          onChange={(e) => form.setData('code', e.target.value)}
          error={errors.code}
        />
        <button type="submit" className="btn btn-block" disabled={form.processing}>
          Confirm and continue
        </button>
      </form>
    </AuthLayout>
  )
}
