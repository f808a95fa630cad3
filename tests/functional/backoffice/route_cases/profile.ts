import type { RouteCase } from '#tests/functional/backoffice/route_cases/types'
import { PASSWORD } from '#tests/helpers/staff'

/** Matrix cases for start/routes/backoffice/profile.ts (every signed-in staff member, on themself) */
export const profileRoutes: RouteCase[] = [
  {
    route: 'backoffice.profile.show',
    permission: 'signed_in',
    request: async () => ({ method: 'get', url: '/backoffice/profile' }),
  },
  {
    route: 'backoffice.profile.password',
    permission: 'signed_in',
    freshSession: true,
    request: async () => ({
      method: 'post',
      url: '/backoffice/profile/password',
      form: {
        current_password: PASSWORD,
        password: 'a brand new passphrase',
        password_confirmation: 'a brand new passphrase',
      },
    }),
  },
  {
    route: 'backoffice.profile.sign_out_others',
    permission: 'signed_in',
    freshSession: true,
    request: async () => ({ method: 'post', url: '/backoffice/profile/sign-out-others', form: {} }),
  },
  {
    route: 'backoffice.profile.recovery_codes',
    permission: 'signed_in',
    request: async () => ({
      method: 'post',
      url: '/backoffice/profile/recovery-codes',
      form: { current_password: PASSWORD },
    }),
    allowed: (response) => {
      response.assertStatus(302)
      response.assertHeader('location', '/backoffice/two-factor/recovery-codes')
    },
  },
]

/** Password reset by mail: public pages, outside the role matrix */
export const publicRoutes: string[] = [
  'backoffice.password_reset.create',
  'backoffice.password_reset.store',
  'backoffice.password_reset.edit',
  'backoffice.password_reset.update',
]
