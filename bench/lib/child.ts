import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

/** The repository root: children run there so `--import tsx` resolves. */
const root = fileURLToPath(new URL('../..', import.meta.url))

/** A benchmark child process: a server or a load generator, pinned to a core where possible. */
export interface BenchChild {
  readonly process: ChildProcess
  /** The JSON the child printed on its `READY ` line. */
  readonly ready: Record<string, unknown>
  /** Resolves with the JSON the child printed on its `RESULT ` line, when it prints one. */
  readonly result: Promise<Record<string, unknown>>
  /** CPU seconds (user + system) the child has used so far. */
  cpuSeconds(): number
  /** Resident memory of the child in bytes. */
  rssBytes(): number
  /** The last `MEMORY {…}` line the child printed (server children print one after SIGUSR2), if any. */
  memory(): Record<string, number> | undefined
  stop(): Promise<void>
}

/** True when `taskset` can pin processes here (it cannot inside some containers). */
const canPin = existsSync('/usr/bin/taskset')

/** Clock ticks per second for /proc/<pid>/stat CPU times (USER_HZ is 100 on Linux). */
const clockTicks = 100

/**
 * Start `script` (TypeScript, run with tsx) with `args`, pinned to `core` when possible, and wait
 * for its `READY {json}` line. Rejects if it exits first or does not get ready within `timeoutMs`.
 */
export async function startChild(
  script: string,
  args: string[],
  { core, env = {}, timeoutMs = 120_000 }: { core?: number; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<BenchChild> {
  // `node --import tsx` runs the script in this very process (the tsx CLI would add a parent process,
  // and CPU and memory would then be measured on the wrong one).
  // --expose-gc: server children collect garbage on SIGUSR2 (bench/servers/*), so memory is read settled.
  const nodeArgs = ['--expose-gc', '--import', 'tsx', script, ...args]
  const pinned = core !== undefined && canPin
  const child = spawn(
    pinned ? 'taskset' : process.execPath,
    pinned ? ['-c', String(core), process.execPath, ...nodeArgs] : nodeArgs,
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  let resolveResult: (value: Record<string, unknown>) => void = () => {}
  let rejectResult: (error: Error) => void = () => {}
  const result = new Promise<Record<string, unknown>>((resolve, reject) => {
    resolveResult = resolve
    rejectResult = reject
  })
  result.catch(() => {})
  let lastMemory: Record<string, number> | undefined
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} not ready after ${timeoutMs} ms`)), timeoutMs)
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      if (line.startsWith('READY ')) {
        clearTimeout(timer)
        resolve(JSON.parse(line.slice(6)) as Record<string, unknown>)
      } else if (line.startsWith('RESULT ')) resolveResult(JSON.parse(line.slice(7)) as Record<string, unknown>)
      else if (line.startsWith('MEMORY ')) lastMemory = JSON.parse(line.slice(7)) as Record<string, number>
      else process.stderr.write(`  [${script.split('/').pop()}] ${line}\n`)
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      const error = new Error(`${script} exited with ${code}`)
      reject(error)
      rejectResult(error)
    })
  })
  const pid = child.pid!
  // With taskset, the pid is taskset's, which execs the node process in place: same pid.
  return {
    process: child,
    ready,
    result,
    cpuSeconds() {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
        return (Number(fields[11]) + Number(fields[12])) / clockTicks
      } catch {
        return Number.NaN
      }
    },
    memory() {
      return lastMemory
    },
    rssBytes() {
      try {
        const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
        return match ? Number(match[1]) * 1024 : Number.NaN
      } catch {
        return Number.NaN
      }
    },
    async stop() {
      if (child.exitCode !== null) return
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    },
  }
}
