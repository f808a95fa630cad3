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
    'backoffice/auth/login': ExtractProps<(typeof import('../../inertia/pages/backoffice/auth/login.tsx'))['default']>
    'backoffice/auth/recovery_codes': ExtractProps<(typeof import('../../inertia/pages/backoffice/auth/recovery_codes.tsx'))['default']>
    'backoffice/auth/two_factor_challenge': ExtractProps<(typeof import('../../inertia/pages/backoffice/auth/two_factor_challenge.tsx'))['default']>
    'backoffice/auth/two_factor_enrol': ExtractProps<(typeof import('../../inertia/pages/backoffice/auth/two_factor_enrol.tsx'))['default']>
    'backoffice/dashboard': ExtractProps<(typeof import('../../inertia/pages/backoffice/dashboard.tsx'))['default']>
    'backoffice/errors/error': ExtractProps<(typeof import('../../inertia/pages/backoffice/errors/error.tsx'))['default']>
  }
}
