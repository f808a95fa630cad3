import { spawn, type SpawnOptions } from 'node:child_process'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'

/** A long-running process a test started (an app instance, Prometheus …) */
export interface ChildService {
  /** Everything the process wrote to stdout and stderr so far */
  output(): string
  /** Resolves with the exit code and signal once the process has ended */
  exited: Promise<[number | null, NodeJS.Signals | null]>
  signal(name: NodeJS.Signals): void
  /** SIGTERM, then SIGKILL after 10 s; resolves once it has ended */
  stop(): Promise<void>
}

/**
 * Spawns `command` and resolves once `readyUrl` answers 2xx (polled every
 * 100 ms for up to `timeoutSeconds`). Fails with the process's output when
 * it exits first or never becomes ready (and stops it then).
 */
export async function startChildService(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; readyUrl: string; timeoutSeconds: number }
): Promise<ChildService> {
  const spawnOptions: SpawnOptions = { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] }
  const child = spawn(command, args, spawnOptions)
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>
  const running = () => child.exitCode === null && child.signalCode === null
  const service: ChildService = {
    output: () => output,
    exited,
    signal: (signal) => running() && child.kill(signal),
    async stop() {
      if (!running()) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    },
  }
  for (let i = 0; i < options.timeoutSeconds * 10; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited early:\n${output}`)
    const ready = await fetch(options.readyUrl).catch(() => null)
    if (ready?.ok) return service
    await sleep(100)
  }
  await service.stop()
  throw new Error(`${name} did not start within ${options.timeoutSeconds} s:\n${output}`)
}
