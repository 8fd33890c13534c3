// Online backup of the SQLite database: a consistent copy taken while the server runs.
//
// `VACUUM INTO` copies the database as of one read transaction (WAL readers never block the
// writer, and the writer never blocks them), so the copy holds exactly the updates committed
// before the backup began — every update a client ever received — and nothing half-written.
// The copy goes to a temporary file beside the target, is checked, fsynced, and renamed into place,
// so the target name never holds a partial file.

import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { databaseFileName } from './storage/sqlite/sqlite-storage.ts'

/** Waiting for a lock (only a checkpoint in progress can hold one) before giving up: generous, a backup is not urgent. */
export const backupBusyTimeoutMs = 10_000

/** A backup failed; `code` says why. */
export class BackupError extends Error {
  constructor(
    /** `no-database`, `target-exists`, or `integrity` (the copy did not pass `PRAGMA integrity_check`). */
    readonly code: 'no-database' | 'target-exists' | 'integrity',
    message: string,
  ) {
    super(message)
    this.name = 'BackupError'
  }
}

/** What a backup wrote. */
export interface BackupResult {
  /** The database copied. */
  readonly source: string
  /** The file written. */
  readonly target: string
  /** Its size. */
  readonly bytes: number
  /** How long it took. */
  readonly durationMs: number
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Copies `dataDir/cotejo.db` to `target` consistently, even while a server writes to it; refuses to overwrite. */
export function backupDatabase(dataDir: string, target: string): BackupResult {
  const started = performance.now()
  const source = join(dataDir, databaseFileName)
  if (!existsSync(source)) throw new BackupError('no-database', `No database at ${source}: is DATA_DIR right?`)
  if (existsSync(target))
    throw new BackupError(
      'target-exists',
      `${target} exists already; choose a new file name (a backup never overwrites).`,
    )
  const partial = join(dirname(target), `.${basename(target)}.partial-${process.pid}`)
  rmSync(partial, { force: true })
  try {
    const db = new BetterSqlite3(source, { fileMustExist: true })
    try {
      db.pragma(`busy_timeout = ${backupBusyTimeoutMs}`)
      db.prepare('VACUUM INTO ?').run(partial)
    } finally {
      db.close()
    }
    const copy = new BetterSqlite3(partial, { fileMustExist: true })
    try {
      const result = copy.pragma('integrity_check', { simple: true })
      if (result !== 'ok')
        throw new BackupError(
          'integrity',
          `The copy failed its integrity check (${String(result)}); the source may be damaged: run PRAGMA integrity_check on it.`,
        )
    } finally {
      copy.close()
    }
    fsyncPath(partial)
    renameSync(partial, target)
    fsyncPath(dirname(target))
  } catch (error) {
    rmSync(partial, { force: true })
    throw error
  }
  return { source, target, bytes: statSync(target).size, durationMs: performance.now() - started }
}
