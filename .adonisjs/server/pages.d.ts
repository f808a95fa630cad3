import '@adonisjs/inertia/types'

import type React from 'react'
import type { Prettify } from '@adonisjs/core/types/common'

type ExtractProps<T> =
  T extends React.FC<infer Props>
    ? Prettify<Omit<Props, 'children'>>
    : T extends React.Component<infer Props>
      ? Prettify<Omit<Props, 'children'>>
      : never

declare module '@adonisjs/inertia/types' {
  export interface InertiaPages {
    'backoffice/accounts/show': ExtractProps<(typeof import('../../inertia/pages/backoffice/accounts/show.tsx'))['default']>
    'backoffice/adjustments/create': ExtractProps<(typeof import('../../inertia/pages/backoffice/adjustments/create.tsx'))['default']>
    'backoffice/approvals/index': ExtractProps<(typeof import('../../inertia/pages/backoffice/approvals/index.tsx'))['default']>
    'backoffice/approvals/show': ExtractProps<(typeof import('../../inertia/pages/backoffice/approvals/show.tsx'))['default']>
    'backoffice/audit/index': ExtractProps<(typeof import('../../inertia/pages/backoffice/audit/index.tsx'))['default']>
    'backoffice/audit/show': ExtractProps<(typeof import('../../inertia/pages/backoffice/audit/show.tsx'))['default']>
    'backoffice/auth/forgot_password': ExtractProps<(typeof import('../../inertia/pages/backoffice/auth/forgot_password.tsx'))['default']>
    'backoffice/auth/login': ExtractProps<(typeof import('../../inertia/pages/backoffice/auth/login.tsx'))['default']>
    'backoffice/auth/recovery_codes': ExtractProps<(typeof import('../../inertia/pages/backoffice/auth/recovery_codes.tsx'))['default']>
    'backoffice/auth/reset_password': ExtractProps<(typeof import('../../inertia/pages/backoffice/auth/reset_password.tsx'))['default']>
    'backoffice/auth/two_factor_challenge': ExtractProps<(typeof import('../../inertia/pages/backoffice/auth/two_factor_challenge.tsx'))['default']>
    'backoffice/auth/two_factor_enrol': ExtractProps<(typeof import('../../inertia/pages/backoffice/auth/two_factor_enrol.tsx'))['default']>
    'backoffice/customers/create': ExtractProps<(typeof import('../../inertia/pages/backoffice/customers/create.tsx'))['default']>
    'backoffice/customers/edit': ExtractProps<(typeof import('../../inertia/pages/backoffice/customers/edit.tsx'))['default']>
    'backoffice/customers/index': ExtractProps<(typeof import('../../inertia/pages/backoffice/customers/index.tsx'))['default']>
    'backoffice/customers/show': ExtractProps<(typeof import('../../inertia/pages/backoffice/customers/show.tsx'))['default']>
    'backoffice/dashboard': ExtractProps<(typeof import('../../inertia/pages/backoffice/dashboard.tsx'))['default']>
    'backoffice/dev/mail/index': ExtractProps<(typeof import('../../inertia/pages/backoffice/dev/mail/index.tsx'))['default']>
    'backoffice/dev/mail/show': ExtractProps<(typeof import('../../inertia/pages/backoffice/dev/mail/show.tsx'))['default']>
    'backoffice/errors/error': ExtractProps<(typeof import('../../inertia/pages/backoffice/errors/error.tsx'))['default']>
    'backoffice/loans/create': ExtractProps<(typeof import('../../inertia/pages/backoffice/loans/create.tsx'))['default']>
    'backoffice/loans/index': ExtractProps<(typeof import('../../inertia/pages/backoffice/loans/index.tsx'))['default']>
    'backoffice/loans/portfolio': ExtractProps<(typeof import('../../inertia/pages/backoffice/loans/portfolio.tsx'))['default']>
    'backoffice/loans/products/create': ExtractProps<(typeof import('../../inertia/pages/backoffice/loans/products/create.tsx'))['default']>
    'backoffice/loans/products/edit': ExtractProps<(typeof import('../../inertia/pages/backoffice/loans/products/edit.tsx'))['default']>
    'backoffice/loans/products/index': ExtractProps<(typeof import('../../inertia/pages/backoffice/loans/products/index.tsx'))['default']>
    'backoffice/loans/products/show': ExtractProps<(typeof import('../../inertia/pages/backoffice/loans/products/show.tsx'))['default']>
    'backoffice/loans/show': ExtractProps<(typeof import('../../inertia/pages/backoffice/loans/show.tsx'))['default']>
    'backoffice/partners/create': ExtractProps<(typeof import('../../inertia/pages/backoffice/partners/create.tsx'))['default']>
    'backoffice/partners/index': ExtractProps<(typeof import('../../inertia/pages/backoffice/partners/index.tsx'))['default']>
    'backoffice/partners/show': ExtractProps<(typeof import('../../inertia/pages/backoffice/partners/show.tsx'))['default']>
    'backoffice/profile/show': ExtractProps<(typeof import('../../inertia/pages/backoffice/profile/show.tsx'))['default']>
    'backoffice/queue/index': ExtractProps<(typeof import('../../inertia/pages/backoffice/queue/index.tsx'))['default']>
    'backoffice/queue/show': ExtractProps<(typeof import('../../inertia/pages/backoffice/queue/show.tsx'))['default']>
    'backoffice/risk/alerts/index': ExtractProps<(typeof import('../../inertia/pages/backoffice/risk/alerts/index.tsx'))['default']>
    'backoffice/risk/alerts/show': ExtractProps<(typeof import('../../inertia/pages/backoffice/risk/alerts/show.tsx'))['default']>
    'backoffice/risk/settings': ExtractProps<(typeof import('../../inertia/pages/backoffice/risk/settings.tsx'))['default']>
    'backoffice/staff/create': ExtractProps<(typeof import('../../inertia/pages/backoffice/staff/create.tsx'))['default']>
    'backoffice/staff/index': ExtractProps<(typeof import('../../inertia/pages/backoffice/staff/index.tsx'))['default']>
    'backoffice/staff/show': ExtractProps<(typeof import('../../inertia/pages/backoffice/staff/show.tsx'))['default']>
    'backoffice/teller/index': ExtractProps<(typeof import('../../inertia/pages/backoffice/teller/index.tsx'))['default']>
    'backoffice/transactions/show': ExtractProps<(typeof import('../../inertia/pages/backoffice/transactions/show.tsx'))['default']>
    'consent/decide': ExtractProps<(typeof import('../../inertia/pages/consent/decide.tsx'))['default']>
    'consent/expired': ExtractProps<(typeof import('../../inertia/pages/consent/expired.tsx'))['default']>
    'consent/sign_in': ExtractProps<(typeof import('../../inertia/pages/consent/sign_in.tsx'))['default']>
  }
}
