import { defineConfig } from '@adonisjs/auth'
import { sessionGuard, sessionUserProvider } from '@adonisjs/auth/session'
import { configProvider } from '@adonisjs/core'
import { tokensGuard } from '@adonisjs/auth/access_tokens'
import type { InferAuthenticators, InferAuthEvents, Authenticators } from '@adonisjs/auth/types'

/**
 * Two audiences, two guards:
 * - "web": bank staff in the backoffice (session cookie, password + TOTP);
 * - "api": customers on /api/v1 (opaque, hashed, expiring bearer tokens).
 */
const authConfig = defineConfig({
  default: 'web',
  guards: {
    web: sessionGuard({
      useRememberMeTokens: false,
      provider: sessionUserProvider({
        model: () => import('#models/staff_user'),
      }),
    }),
    /**
     * One indexed SELECT per request (token joined to its customer), no
     * last_used_at write per request: see #services/auth/customer_tokens_user_provider.
     */
    api: tokensGuard({
      provider: configProvider.create(async () => {
        const { default: CustomerTokensUserProvider } = await import(
          '#services/auth/customer_tokens_user_provider'
        )
        return new CustomerTokensUserProvider()
      }),
    }),
  },
})

export default authConfig

declare module '@adonisjs/auth/types' {
  export interface Authenticators extends InferAuthenticators<typeof authConfig> {}
}
declare module '@adonisjs/core/types' {
  interface EventsList extends InferAuthEvents<Authenticators> {}
}
