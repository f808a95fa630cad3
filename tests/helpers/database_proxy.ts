import net from 'node:net'
import db from '@adonisjs/lucid/services/db'
import type { PostgreConfig } from '@adonisjs/lucid/types/database'
import dbConfig from '#config/database'

/**
 * A TCP proxy in front of the test database, to play a PostgreSQL outage
 * without touching the shared server: `stop()` cuts every open connection
 * and refuses new ones (an immediate shutdown), `start()` listens again on
 * the same port (the server is back), `hang = true` accepts connections and
 * never answers (an unreachable host).
 */
export class DatabaseProxy {
  port = 0
  hang = false
  #server?: net.Server
  #sockets = new Set<net.Socket>()

  constructor(private target: { host: string; port: number }) {}

  async start() {
    const server = net.createServer((client) => this.#accept(client))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.port, '127.0.0.1', () => resolve())
    })
    this.port = (server.address() as net.AddressInfo).port
    this.#server = server
  }

  async stop() {
    const server = this.#server
    this.#server = undefined
    for (const socket of this.#sockets) socket.destroy()
    this.#sockets.clear()
    if (server) await new Promise((resolve) => server.close(resolve))
  }

  #accept(client: net.Socket) {
    this.#track(client)
    if (this.hang) return
    const upstream = this.#track(net.connect(this.target.port, this.target.host))
    client.pipe(upstream).pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  }

  #track(socket: net.Socket) {
    this.#sockets.add(socket)
    socket.on('error', () => socket.destroy())
    socket.on('close', () => this.#sockets.delete(socket))
    return socket
  }
}

/**
 * Runs `fn` with the app's primary Lucid connection going through `proxy`
 * (same settings as config/database.ts, pool timeouts included), then puts
 * the real connection back and closes the proxied pool.
 */
export async function withDatabaseThrough(proxy: DatabaseProxy, fn: () => Promise<void>) {
  const base = dbConfig.connections.postgres as PostgreConfig
  const name = `proxied_${proxy.port}`
  db.manager.add(name, { ...base, connection: { ...(base.connection as object), host: '127.0.0.1', port: proxy.port } })
  const primary = db.primaryConnectionName
  db.primaryConnectionName = name
  try {
    await fn()
  } finally {
    db.primaryConnectionName = primary
    await db.manager.close(name, true)
  }
}

/** Where the test database really is (the proxy's target) */
export function databaseTarget() {
  const connection = (dbConfig.connections.postgres as PostgreConfig).connection as { host: string; port: number }
  return { host: connection.host, port: Number(connection.port) }
}
