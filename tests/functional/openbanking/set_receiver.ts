import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose'
import env from '#start/env'
import openbankingConfig from '#config/openbanking'
import { baseUrl } from '#tests/helpers/openbanking'

/**
 * A partner's SET receiver (RFC 8935) on 127.0.0.1 for the events spec:
 * a real HTTP server that answers each push with the next status of
 * `statuses` (then `fallback`), or never ('hang'). Every push it gets is
 * verified the way a partner would: the signature against the bank's
 * JWKS fetched from GET /oauth/jwks (jose's createRemoteJWKSet), `typ`,
 * issuer and audience (the partner's client id).
 */
export interface ReceivedSet {
  contentType: string | undefined
  token: string
  kid: string | undefined
  /** the verified claims, or null when verification failed (`error`) */
  claims: (JWTPayload & Record<string, any>) | null
  error: string | null
}

export async function startSetReceiver(audience: string, options: { statuses?: number[]; fallback?: number | 'hang'; body?: string } = {}) {
  const jwks = createRemoteJWKSet(new URL('/oauth/jwks', baseUrl()))
  const state = {
    statuses: [...(options.statuses ?? [])],
    fallback: options.fallback ?? (202 as number | 'hang'),
    body: options.body ?? '',
    received: [] as ReceivedSet[],
    requests: 0,
  }
  const hanging: ServerResponse[] = []

  async function handle(request: IncomingMessage, response: ServerResponse) {
    state.requests++
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const token = Buffer.concat(chunks).toString('utf8')
    const received: ReceivedSet = { contentType: request.headers['content-type'], token, kid: undefined, claims: null, error: null }
    try {
      received.kid = decodeProtectedHeader(token).kid
      const { payload } = await jwtVerify(token, jwks, {
        typ: 'secevent+jwt',
        issuer: openbankingConfig.issuer,
        audience,
        algorithms: ['EdDSA'],
      })
      received.claims = payload as ReceivedSet['claims']
    } catch (error) {
      received.error = String((error as Error).message)
    }
    state.received.push(received)
    const status = state.statuses.length ? state.statuses.shift()! : state.fallback
    if (status === 'hang') return void hanging.push(response)
    response.writeHead(status, state.body ? { 'content-type': 'application/json' } : {})
    response.end(state.body)
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    port,
    url: `http://127.0.0.1:${port}/events`,
    destination: `webhook:http://127.0.0.1:${port}`,
    state,
    async close() {
      for (const response of hanging.splice(0)) response.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export type SetReceiver = Awaited<ReturnType<typeof startSetReceiver>>

/** Sets environment values for one test (read on use by config/outbound); returns the undo */
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
