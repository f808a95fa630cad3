import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import app from '@adonisjs/core/services/app'

export interface WorkerProcess {
  output(): string
  /** The exit code once it has exited (null while running or when killed by a signal) */
  exitCode(): number | null
  /** SIGKILL: no graceful stop, running jobs stay active until they expire */
  kill(): Promise<void>
  /** SIGTERM: running jobs finish, then the process exits */
  stop(): Promise<void>
}

/**
 * Starts `node ace queue:work` as its own process (same database and
 * APP_KEY as the test process), as production runs it next to the web.
 * Resolves once it says it is working.
 */
export async function startWorker(args: string[], env: Record<string, string> = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['ace.js', 'queue:work', ...args], {
    cwd: app.appRoot.pathname,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const exited = once(child, 'exit')
  const ended = () => child.exitCode !== null || child.signalCode !== null
  const worker: WorkerProcess = {
    output: () => output,
    exitCode: () => child.exitCode,
    async kill() {
      if (ended()) return
      child.kill('SIGKILL')
      await exited
    },
    async stop() {
      if (ended()) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
      await exited
      clearTimeout(timer)
    },
  }
  for (let i = 0; i < 600; i++) {
    if (ended()) throw new Error(`queue:work exited early:\n${output}`)
    if (output.includes('Working ')) return worker
    await sleep(100)
  }
  await worker.kill()
  throw new Error(`queue:work did not start within 60 s:\n${output}`)
}

/** Polls `check` every 100 ms until it is true, at most `seconds` */
export async function eventually(check: () => Promise<boolean>, seconds: number, what: string) {
  for (let i = 0; i < seconds * 10; i++) {
    if (await check()) return
    await sleep(100)
  }
  throw new Error(`not within ${seconds} s: ${what}`)
}
