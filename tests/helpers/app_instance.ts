import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import app from '@adonisjs/core/services/app'

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

export interface AppInstance {
  url: string
  /** Everything the process wrote to stdout and stderr so far (JSON log lines) */
  output(): string
  stop(): Promise<void>
}

/**
 * Starts another web process of this app (bin/server.ts, same database and
 * APP_KEY as the test process, its own port), as a second instance behind
 * a load balancer would be. `env` overrides variables (SESSION_DRIVER,
 * LOG_LEVEL ...). Resolves once /health/live answers.
 */
export async function startAppInstance(env: Record<string, string> = {}): Promise<AppInstance> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', '@poppinss/ts-exec', 'bin/server.ts'], {
    cwd: app.appRoot.pathname,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), WEB_CONCURRENCY: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const exited = once(child, 'exit')
  const url = `http://127.0.0.1:${port}`
  const instance: AppInstance = {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    },
  }
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`app instance exited early:\n${output}`)
    const live = await fetch(`${url}/health/live`).catch(() => null)
    if (live?.ok) return instance
    await sleep(100)
  }
  await instance.stop()
  throw new Error(`app instance did not start within 60 s:\n${output}`)
}
