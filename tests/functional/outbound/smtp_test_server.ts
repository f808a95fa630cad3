import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { BaseMail } from '@adonisjs/mail'
import env from '#start/env'

/**
 * A small real SMTP server on 127.0.0.1 (nodemailer's smtp-server) for the
 * circuit-breaker spec: `mode` makes it accept ('ok'), refuse every
 * message with 421 ('fail') or never greet ('hang'). It counts the
 * connections it saw and keeps what it received.
 */
export type SmtpMode = 'ok' | 'fail' | 'hang'

export async function startSmtpServer() {
  const state = {
    mode: 'ok' as SmtpMode,
    connections: 0,
    received: [] as { from: string; to: string[]; data: string }[],
  }
  const hanging: ((error?: Error) => void)[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 100,
    onConnect(_session, callback) {
      state.connections++
      if (state.mode === 'hang') return void hanging.push(callback)
      callback()
    },
    onMailFrom(_address, _session, callback) {
      if (state.mode === 'fail') {
        return callback(Object.assign(new Error('Service not available, try later'), { responseCode: 421 }))
      }
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        state.received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    port,
    state,
    async close() {
      for (const callback of hanging.splice(0)) callback(new Error('closing'))
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** Sets environment variables for one test; the returned function restores them */
export function withEnv(values: Record<string, string | number>) {
  const keys = Object.keys(values)
  const parsed = Object.fromEntries(keys.map((key) => [key, env.get(key as any)]))
  const raw = Object.fromEntries(keys.map((key) => [key, process.env[key]]))
  for (const [key, value] of Object.entries(values)) env.set(key as any, value as any)
  return () => {
    for (const key of keys) {
      env.set(key as any, parsed[key])
      if (raw[key] === undefined) delete process.env[key]
      else process.env[key] = raw[key]
    }
  }
}

/** A plain mail to one customer */
export class OutboundTestMail extends BaseMail {
  constructor(
    public subject: string,
    private to = 'customer@example.test'
  ) {
    super()
  }

  prepare() {
    this.message.to(this.to).text(`Text of ${this.subject}`).html(`<p>HTML of ${this.subject}</p>`)
  }
}
