// A real server in a child process (`node --import tsx server/main.ts`, PORT=0), so its memory can be
// read from /proc and its structured log from stdout. Not a test file.

import { spawn, type ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { testAdminPassword } from '../../helpers/server.ts'

const root = fileURLToPath(new URL('../../../', import.meta.url))

/** A server running as a child process. */
export interface ChildServer {
  readonly child: ChildProcess
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  /** Every stdout line so far (the structured log). */
  readonly lines: string[]
  /** Everything written to stderr so far. */
  readonly stderr: () => string
  /** Resident memory of the server process, in bytes (VmRSS). */
  rss(): Promise<number>
  /** SIGTERM, then SIGKILL after 10 s; resolves with the exit code. */
  stop(): Promise<number | null>
}

/** Starts `server/main.ts` on port 0 (or `port`) with `dataDir` and the test admin password, seeding off; `env` adds variables (DATABASE_URL, REDIS_URL). */
export async function spawnChildServer(
  dataDir: string,
  options: { readonly env?: Readonly<Record<string, string>>; readonly port?: number } = {},
): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_PASSWORD: testAdminPassword,
      SEED: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  let partial = ''
  let errors = ''
  child.stderr!.on('data', (chunk: Buffer) => {
    errors += chunk.toString()
  })
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split('\n')
      partial = parts.pop()!
      for (const line of parts) {
        lines.push(line)
        const match = /listening on (http:\/\/[0-9.]+:\d+)/.exec(line)
        if (match) resolve(match[1]!)
      }
    })
    child.on('exit', (code) =>
      reject(new Error(`server exited (${code}) before listening:\n${lines.join('\n')}\n${errors}`)),
    )
  })
  // 'close', not 'exit': the last lines written before exiting may still be in the pipe at 'exit'.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  return {
    child,
    url,
    lines,
    stderr: () => errors,
    async rss() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8')
      const match = /^VmRSS:\s+(\d+) kB$/m.exec(status)
      if (!match) throw new Error(`no VmRSS in /proc/${child.pid}/status`)
      return Number(match[1]) * 1024
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      const code = await exited
      clearTimeout(timer)
      return code
    },
  }
}
