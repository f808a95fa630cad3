import { mailSettings } from '#config/mail'
import { CaptureTransport } from '#services/mail/capture_transport'
import type { RouteCase } from '#tests/functional/backoffice/route_cases/types'

/** Matrix cases for start/routes/backoffice/dev_mail.ts (registered outside production only) */
export const devMailRoutes: RouteCase[] = [
  {
    route: 'backoffice.dev.mail.index',
    permission: 'dev.mail',
    request: async () => ({ method: 'get', url: '/backoffice/dev/mail' }),
  },
  {
    route: 'backoffice.dev.mail.show',
    permission: 'dev.mail',
    request: async () => {
      const captured = await new CaptureTransport(mailSettings.captureDirectory).send({
        to: ['matrix@strongroom.test'],
        subject: 'Matrix case',
        text: 'Hello',
        html: '<p>Hello</p>',
      })
      return { method: 'get', url: `/backoffice/dev/mail/${captured.original.id}` }
    },
  },
]
