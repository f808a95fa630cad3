import { BaseMail } from '@adonisjs/mail'

export interface NotificationMailContent {
  event: string
  title: string
  body: string
  createdAt: Date
  /** Security notices say so and cannot be turned off */
  security: boolean
  /** Mandatory service notices (a missed loan repayment) say so: they cannot be turned off either */
  mandatory?: boolean
}

/**
 * One customer notification by mail, HTML and text, from the templates
 * resources/views/emails/notifications/notification_{html,text}.edge.
 * Sender: MAIL_FROM_* (config/mail.ts); brand from the mail globals.
 */
export default class NotificationMail extends BaseMail {
  subject: string

  constructor(
    public notification: NotificationMailContent,
    public customer: { email: string; fullName: string }
  ) {
    super()
    this.subject = `Strongroom: ${notification.title}`
  }

  prepare() {
    const view = {
      fullName: this.customer.fullName,
      title: this.notification.title,
      body: this.notification.body,
      security: this.notification.security,
      mandatory: this.notification.mandatory ?? this.notification.security,
      sentAt: `${this.notification.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    }
    this.message.to(this.customer.email, this.customer.fullName)
    this.message.htmlView('emails/notifications/notification_html', view)
    this.message.textView('emails/notifications/notification_text', view)
  }
}
