import { once } from 'node:events'
import { createServer } from 'node:net'
import app from '@adonisjs/core/services/app'
import { startChildService, type ChildService } from '#tests/helpers/child_service'

/** A port nobody listens on right now (the OS picks it) */
export async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}

export interface AppInstance extends ChildService {
  url: string
}

/**
 * Starts another web process of this app (bin/server.ts, same database and
 * APP_KEY as the test process, its own port), as a second instance behind
 * a load balancer would be. `env` overrides variables (SESSION_DRIVER,
 * LOG_LEVEL ...). Resolves once /health/live answers.
 */
export async function startAppInstance(env: Record<string, string> = {}): Promise<AppInstance> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const service = await startChildService('app instance', process.execPath, ['--import', '@poppinss/ts-exec', 'bin/server.ts'], {
    cwd: app.appRoot.pathname,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), WEB_CONCURRENCY: '1', ...env },
    readyUrl: `${url}/health/live`,
    timeoutSeconds: 60,
  })
  return { ...service, url }
}
