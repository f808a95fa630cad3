import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import { Exception } from '@adonisjs/core/exceptions'
import DevMailPolicy from '#policies/dev_mail_policy'
import { findCapturedMail, listCapturedMails } from '#services/mail/captured_mails'

/**
 * Development only (the routes are not registered in production): the
 * mails the capture transport wrote under tmp/mail/, newest first, and one
 * of them with its text and its HTML (rendered by the page in a sandboxed
 * iframe, scripts off).
 */
export default class DevMailController {
  async index({ bouncer, inertia }: HttpContext) {
    await bouncer.with(DevMailPolicy).authorize('view')
    const mails = await listCapturedMails()
    return inertia.render('backoffice/dev/mail/index', {
      mails: mails.map((mail) => ({ ...mail, url: router.urlBuilder.urlFor('backoffice.dev.mail.show', { id: mail.id }) })),
    })
  }

  async show({ bouncer, params, inertia }: HttpContext) {
    await bouncer.with(DevMailPolicy).authorize('view')
    const mail = await findCapturedMail(String(params.id))
    if (!mail) throw new Exception('No such captured mail', { status: 404, code: 'E_ROW_NOT_FOUND' })
    return inertia.render('backoffice/dev/mail/show', {
      mail,
      urls: { index: router.urlBuilder.urlFor('backoffice.dev.mail.index') },
    })
  }
}
