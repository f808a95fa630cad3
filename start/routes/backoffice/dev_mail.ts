import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { CAPTURED_MAIL_ID } from '#services/mail/capture_transport'

const DevMailController = () => import('#controllers/backoffice/dev_mail_controller')

/**
 * Backoffice, development and test only: the captured mail
 * (MAIL_MAILER=capture). Not registered in production, so these URLs are
 * 404 there whatever the role. Named backoffice.dev.mail.*, behind
 * staffAuth, permission 'dev.mail' (admin).
 */
if (!app.inProduction) {
  router
    .group(() => {
      router.get('/dev/mail', [DevMailController, 'index']).as('dev.mail.index')
      router
        .get('/dev/mail/:id', [DevMailController, 'show'])
        .as('dev.mail.show')
        .where('id', { match: CAPTURED_MAIL_ID })
    })
    .prefix('/backoffice')
    .as('backoffice')
    .use(middleware.staffAuth())
}
