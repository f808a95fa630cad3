import type { ApiClient, ApiRequest, ApiResponse } from '@japa/api-client'
import { PASSWORD, nextCode } from '#tests/helpers/staff'

/**
 * A cookie-carrying client, like a browser: keeps the session cookie and
 * sends the CSRF token Shield put in the XSRF-TOKEN cookie.
 */
export class StaffAgent {
  private cookies = new Map<string, string>()
  private csrfToken: string | null = null

  /** `ip`: the client address the app sees (X-Forwarded-For, believed from loopback) */
  constructor(
    private client: ApiClient,
    private options: { ip?: string } = {}
  ) {}

  get(url: string, options: { json?: boolean; inertia?: boolean } = {}) {
    return this.send(this.client.get(url), options)
  }

  post(url: string, form: Record<string, unknown>, options: { json?: boolean; csrf?: boolean } = {}) {
    const request = this.client.post(url).form(form)
    if (options.csrf !== false && this.csrfToken) request.header('x-csrf-token', this.csrfToken)
    return this.send(request, options)
  }

  /** multipart/form-data POST with one file (KYC documents) */
  upload(
    url: string,
    fields: Record<string, unknown>,
    file: { field: string; name: string; content: Buffer; contentType: string },
    options: { json?: boolean } = {}
  ) {
    const request = this.client
      .post(url)
      .fields(fields as Record<string, any>)
      .file(file.field, file.content, { filename: file.name, contentType: file.contentType })
    if (this.csrfToken) request.header('x-csrf-token', this.csrfToken)
    return this.send(request, options)
  }

  /**
   * Follows a redirect as an Inertia visit and returns the flash messages
   * the page received (they live in the session, read once).
   */
  async flashAfter(response: ApiResponse): Promise<{ error: string | null; success: string | null }> {
    const next = await this.get(response.header('location')!, { inertia: true })
    return next.inertiaProps.flash
  }

  /** The Cookie header and CSRF token of this session, for requests made without the client (fuzz tests) */
  credentials(): { cookie: string; csrfToken: string | null } {
    return { cookie: [...this.cookies].map(([name, raw]) => `${name}=${raw}`).join('; '), csrfToken: this.csrfToken }
  }

  /**
   * A copy of this cookie jar (and CSRF token), as an attacker who copied
   * the browser's cookies would hold; `client` may point at another instance.
   */
  copy(client: ApiClient = this.client) {
    const twin = new StaffAgent(client)
    twin.cookies = new Map(this.cookies)
    twin.csrfToken = this.csrfToken
    return twin
  }

  /** GET the sign-in page, which hands out the session and CSRF cookies */
  async start() {
    await this.get('/backoffice/login')
    return this
  }

  async loginWithPassword(email: string, password = PASSWORD) {
    if (!this.csrfToken) await this.start()
    return this.post('/backoffice/login', { email, password })
  }

  /** Password then second factor (TOTP of the next step) */
  async signIn(email: string, secret: string) {
    await this.loginWithPassword(email)
    await this.get('/backoffice/two-factor')
    return this.post('/backoffice/two-factor', { code: await nextCode(secret) })
  }

  private async send(request: ApiRequest, options: { json?: boolean; inertia?: boolean }) {
    if (this.cookies.size) {
      request.header('cookie', [...this.cookies].map(([name, raw]) => `${name}=${raw}`).join('; '))
    }
    request.redirects(0)
    if (this.options.ip) request.header('x-forwarded-for', this.options.ip)
    if (options.json) request.header('accept', 'application/json')
    if (options.inertia) request.withInertia()
    const response = await request
    this.remember(response)
    return response
  }

  /** Keeps the raw (signed / encrypted) cookie values, as a browser would */
  private remember(response: ApiResponse) {
    const setCookies = ([] as string[]).concat(response.header('set-cookie') ?? [])
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';')
      const name = pair.slice(0, pair.indexOf('='))
      const raw = pair.slice(pair.indexOf('=') + 1)
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || raw === ''
      if (expired) this.cookies.delete(name)
      else this.cookies.set(name, raw)
    }
    const xsrf = response.cookies()['XSRF-TOKEN']
    if (xsrf?.value) this.csrfToken = xsrf.value
  }
}
