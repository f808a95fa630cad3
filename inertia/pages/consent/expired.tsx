import { Head } from '@inertiajs/react'
import AuthLayout from '~/layouts/auth_layout'

/** The consent link expired, was already used, or was opened in another browser */
export default function ConsentExpired() {
  return (
    <AuthLayout brand="Strongroom" title="This link has expired" lead="Go back to the app you came from and start again.">
      <Head title="Link expired" />
    </AuthLayout>
  )
}
