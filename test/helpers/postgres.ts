// Start a private PostgreSQL server from Debian's packages on loopback, for storage tests.
// Each test file starts one cluster (a few seconds) and makes a fresh database per test.

import { execFile, execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { appendFile, chown, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { freePort } from './ports.ts'

/** Where Debian installs the server binaries, one directory per major version. */
const debianPostgresRoot = '/usr/lib/postgresql'

/** Every wait on the server (initdb, start, stop) ends with an error after this long. */
const waitLimitMs = 30_000

/** A PostgreSQL server of one test file. */
export interface RunningPostgres {
  /** Port on 127.0.0.1. */
  readonly port: number
  /** URL of the database `cotejo`, made for the caller at start. */
  readonly url: string
  /** Creates an empty database (name: lower-case letters, digits, `_`); resolves with its URL. */
  createDatabase(name: string): Promise<string>
  /** Fast shutdown (clients disconnected, checkpoint written). */
  stop(): Promise<void>
  /** Immediate shutdown, like a crash: no checkpoint, WAL replayed at the next start. */
  kill(): Promise<void>
  /** Starts again on the same port and data directory. */
  start(): Promise<void>
  /** Stops the server if it runs and removes its directory. */
  dispose(): Promise<void>
}

/** Directory of the newest installed server version's binaries; throws saying how to install one. */
function postgresBinDir(): string {
  const versions = existsSync(debianPostgresRoot)
    ? readdirSync(debianPostgresRoot).filter(
        (name) => /^\d+$/.test(name) && existsSync(join(debianPostgresRoot, name, 'bin', 'postgres')),
      )
    : []
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0]
  if (newest === undefined)
    throw new Error(`No PostgreSQL server in ${debianPostgresRoot}/<version>/bin: apt-get install postgresql`)
  return join(debianPostgresRoot, newest, 'bin')
}

/** Runs a command, bounded in time; rejects with its output when it fails. */
function run(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: waitLimitMs + 5_000, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      if (error)
        reject(
          new Error(
            `${command} ${args.join(' ')} failed (${error.killed ? 'timed out' : `exit ${String(error.code)}`}): ${stderr || stdout}`,
          ),
        )
      else resolve(stdout)
    })
  })
}

/**
 * Starts a private server: `initdb` into a fresh temp dir, listening on 127.0.0.1 at a free port,
 * its unix socket in the temp dir, fsync and synchronous_commit on. PostgreSQL refuses to run as
 * root, so as root the binaries run as the `postgres` OS user (created by the Debian package).
 */
export async function startPostgres(): Promise<RunningPostgres> {
  const bin = postgresBinDir()
  const asRoot = process.getuid?.() === 0
  let owner: { uid: number; gid: number } | undefined
  if (asRoot) {
    try {
      owner = {
        uid: Number(execFileSync('id', ['-u', 'postgres']).toString()),
        gid: Number(execFileSync('id', ['-g', 'postgres']).toString()),
      }
    } catch {
      throw new Error(
        'No "postgres" OS user to run PostgreSQL as (it refuses to run as root): apt-get install postgresql',
      )
    }
  }
  /** Runs a PostgreSQL binary as the server's owner. */
  const runPostgres = (tool: string, args: readonly string[]): Promise<string> =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]) : run(join(bin, tool), args)

  const dir = await mkdtemp(join(tmpdir(), 'cotejo-postgres-'))
  const dataDir = join(dir, 'data')
  const logFile = join(dir, 'server.log')
  const port = await freePort()
  const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`
  let running = false

  const logTail = async (): Promise<string> =>
    (await readFile(logFile, 'utf8').catch(() => '')).split('\n').slice(-15).join('\n')
  const pgCtl = async (args: readonly string[]): Promise<void> => {
    try {
      await runPostgres('pg_ctl', ['-D', dataDir, '-w', '-t', String(waitLimitMs / 1000), ...args])
    } catch (error) {
      throw new Error(`${(error as Error).message}\nServer log:\n${await logTail()}`)
    }
  }
  const shutDown = async (mode: 'fast' | 'immediate'): Promise<void> => {
    if (!running) return
    await pgCtl(['-m', mode, 'stop'])
    running = false
  }
  const killAtExit = (): void => {
    if (running)
      execFileSync(
        asRoot ? 'runuser' : join(bin, 'pg_ctl'),
        [...(asRoot ? ['-u', 'postgres', '--', join(bin, 'pg_ctl')] : []), '-D', dataDir, '-m', 'immediate', 'stop'],
        { stdio: 'ignore', timeout: waitLimitMs },
      )
  }

  try {
    if (owner) await chown(dir, owner.uid, owner.gid)
    // --no-sync only skips flushing the fresh cluster's files once; the server itself runs with fsync on.
    await runPostgres('initdb', [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ])
    await appendFile(
      `${dataDir}/postgresql.conf`,
      [
        '',
        '# cotejo test server',
        "listen_addresses = '127.0.0.1'",
        `port = ${port}`,
        `unix_socket_directories = '${dir}'`,
        'fsync = on',
        'synchronous_commit = on',
        '',
      ].join('\n'),
    )
    await pgCtl(['-l', logFile, 'start'])
    running = true
    process.once('exit', killAtExit)
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    throw error
  }

  const createDatabase = async (name: string): Promise<string> => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name))
      throw new RangeError(`Database name "${name}" must be lower-case letters, digits and _.`)
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: waitLimitMs })
    await client.connect()
    try {
      await client.query(`CREATE DATABASE ${name}`)
    } finally {
      await client.end()
    }
    return `postgresql://postgres@127.0.0.1:${port}/${name}`
  }

  return {
    port,
    url: await createDatabase('cotejo'),
    createDatabase,
    stop: () => shutDown('fast'),
    kill: () => shutDown('immediate'),
    async start() {
      if (running) return
      await pgCtl(['-l', logFile, 'start'])
      running = true
    },
    async dispose() {
      try {
        await shutDown('fast')
      } finally {
        process.removeListener('exit', killAtExit)
        await rm(dir, { recursive: true, force: true })
      }
    },
  }
}
