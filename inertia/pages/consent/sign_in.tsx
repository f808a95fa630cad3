import { Head, router, useForm } from '@inertiajs/react'
import AuthLayout from '~/layouts/auth_layout'
import TextField from '~/components/text_field'
import ConsentSummary from '~/components/consent/consent_summary'
import type { InertiaProps, PropsOf } from '~/types'
import type { consentPageProps } from '#controllers/consent/consent_page_props'

type Props = InertiaProps<PropsOf<typeof consentPageProps> & { urls: { signIn: string; decide: string; cancel: string } }>

/** Consent page, step 1: the customer signs in with password and authenticator code */
export default function ConsentSignIn({ partner, consent, urls, errors }: Props) {
  const form = useForm({ email: '', password: '', otp: '' })
  return (
    <AuthLayout brand="Strongroom" title={`Connect ${partner.name}`} lead="Sign in to decide what this app may see.">
      <Head title={`Connect ${partner.name}`} />
      <ConsentSummary partner={partner} consent={consent} />
      <form
        onSubmit={(event) => {
          event.preventDefault()
          form.post(urls.signIn, { onFinish: () => form.reset('password', 'otp') })
        }}
      >
        <TextField label="Email" name="email" type="email" autoComplete="username" required autoFocus
          value={form.data.email} onChange={(e) => form.setData('email', e.target.value)} error={errors.email} />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required
          value={form.data.password} onChange={(e) => form.setData('password', e.target.value)} error={errors.password} />
        <TextField label="Code from your authenticator app" name="otp" inputMode="numeric" autoComplete="one-time-code"
          pattern="[0-9]{6}" maxLength={6} required
          value={form.data.otp} onChange={(e) => form.setData('otp', e.target.value)} error={errors.otp} />
        <button type="submit" className="btn btn-block" disabled={form.processing}>
          Sign in
        </button>
      </form>
      <button type="button" className="btn btn-secondary btn-block" onClick={() => router.post(urls.cancel)}>
        Cancel and return to {partner.name}
      </button>
    </AuthLayout>
  )
}
