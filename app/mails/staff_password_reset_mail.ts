import { BaseMail } from '@adonisjs/mail'
import { PASSWORD_TOKEN_TTL_MINUTES } from '#services/auth/staff_password_tokens'

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** "Reset your Strongroom password": a single-use link valid for 60 minutes */
export default class StaffPasswordResetMail extends BaseMail {
  subject = 'Reset your Strongroom backoffice password'

  constructor(
    public staff: { email: string; fullName: string },
    public resetUrl: string
  ) {
    super()
  }

  prepare() {
    const minutes = PASSWORD_TOKEN_TTL_MINUTES.reset
    this.message.to(this.staff.email, this.staff.fullName)
    this.message.text(
      [
        `Hello ${this.staff.fullName},`,
        '',
        'Someone (hopefully you) asked to reset the password of your Strongroom backoffice account.',
        `Choose a new password here (the link works once, for ${minutes} minutes):`,
        '',
        this.resetUrl,
        '',
        'If you did not ask for this, ignore this message and tell your administrator.',
      ].join('\n')
    )
    this.message.html(
      `<p>Hello ${escapeHtml(this.staff.fullName)},</p>` +
        '<p>Someone (hopefully you) asked to reset the password of your Strongroom backoffice account.</p>' +
        `<p><a href="${escapeHtml(this.resetUrl)}">Choose a new password</a> (the link works once, for ${minutes} minutes).</p>` +
        '<p>If you did not ask for this, ignore this message and tell your administrator.</p>'
    )
  }
}
