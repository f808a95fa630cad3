import { Head, Link } from '@inertiajs/react'
import AuthLayout from '~/layouts/auth_layout'
import type { InertiaProps } from '~/types'

type Props = InertiaProps<{ recoveryCodes: string[]; continueUrl: string }>

export default function RecoveryCodes({ recoveryCodes, continueUrl }: Props) {
  return (
    <AuthLayout
      title="Save your recovery codes"
      lead="Each code signs you in once if you lose your authenticator. They are shown only now: store them somewhere safe."
    >
      <Head title="Recovery codes" />
      <ul className="codes" data-testid="recovery-codes">
        {recoveryCodes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <Link href={continueUrl} className="btn btn-block">
        I have saved them, continue
      </Link>
    </AuthLayout>
  )
}
