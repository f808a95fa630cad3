import { BaseMail } from '@adonisjs/mail'
import { PASSWORD_TOKEN_TTL_MINUTES } from '#services/auth/staff_password_tokens'

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** Invitation of a new staff member: set a password, then enrol TOTP at first sign-in */
export default class StaffInvitationMail extends BaseMail {
  subject = 'Your Strongroom backoffice account'

  constructor(
    public staff: { email: string; fullName: string; roleLabel: string },
    public setPasswordUrl: string
  ) {
    super()
  }

  prepare() {
    const hours = PASSWORD_TOKEN_TTL_MINUTES.invitation / 60
    this.message.to(this.staff.email, this.staff.fullName)
    this.message.text(
      [
        `Hello ${this.staff.fullName},`,
        '',
        `An administrator created your Strongroom backoffice account (${this.staff.roleLabel}).`,
        `Choose your password here (the link works once, for ${hours} hours):`,
        '',
        this.setPasswordUrl,
        '',
        'At your first sign-in you will set up an authenticator app (TOTP).',
      ].join('\n')
    )
    this.message.html(
      `<p>Hello ${escapeHtml(this.staff.fullName)},</p>` +
        `<p>An administrator created your Strongroom backoffice account (${escapeHtml(this.staff.roleLabel)}).</p>` +
        `<p><a href="${escapeHtml(this.setPasswordUrl)}">Choose your password</a> (the link works once, for ${hours} hours).</p>` +
        '<p>At your first sign-in you will set up an authenticator app (TOTP).</p>'
    )
  }
}
