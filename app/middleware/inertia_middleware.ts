import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { InferSharedProps } from '@adonisjs/inertia/types'
import BaseInertiaMiddleware from '@adonisjs/inertia/inertia_middleware'
import StaffUser from '#models/staff_user'
import StaffUserTransformer from '#transformers/staff_user_transformer'
import { isStatelessRequest } from '#middleware/browser_session_middleware'
import { navigationFor, shellUrls } from '#middleware/backoffice_navigation'

/**
 * Props shared with every backoffice page: the signed-in staff member (only
 * once fully authenticated, i.e. after the second factor), flash messages,
 * validation errors, the shell's URLs and the sidebar entries the staff
 * member's role may see.
 */
export default class InertiaMiddleware extends BaseInertiaMiddleware {
  share(ctx: HttpContext) {
    const { session, auth } = ctx as Partial<HttpContext>
    const user = auth?.user instanceof StaffUser ? auth.user : null

    return {
      errors: ctx.inertia.always(this.getValidationErrors(ctx)),
      flash: ctx.inertia.always({
        error: (session?.flashMessages.get('error') as string | undefined) ?? null,
        success: (session?.flashMessages.get('success') as string | undefined) ?? null,
      }),
      staff: ctx.inertia.always(user ? StaffUserTransformer.transform(user) : null),
      nav: ctx.inertia.always({ ...shellUrls(), items: navigationFor(user) }),
    }
  }

  /** Backoffice pages only: /api and /health never render Inertia */
  async handle(ctx: HttpContext, next: NextFn) {
    if (isStatelessRequest(ctx)) return next()
    await this.init(ctx)
    const output = await next()
    this.dispose(ctx)
    return output
  }
}

declare module '@adonisjs/inertia/types' {
  export interface SharedProps extends InferSharedProps<InertiaMiddleware> {}
}
