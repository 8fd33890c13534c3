import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from 'better-sqlite3'
import type { ReportStatus } from '../../../schema/report.ts'
import { migrate } from './migrations.ts'
import { openDatabase, SqliteStore } from './sqlite-store.ts'
import type {
  AuditQuery,
  AuditRecord,
  NewAuditEntry,
  NewUserRecord,
  BlockChangeRecord,
  BlockStateRecord,
  Checkpoint,
  CompactionResult,
  LoadedLog,
  NewUpdate,
  NewVersion,
  ReportRecord,
  SessionRecord,
  Storage,
  StoredUpdate,
  UserPatch,
  UserRecord,
  VersionRecord,
} from '../storage.ts'
import { WriterThread } from './writer-thread.ts'

/** File name of the database inside DATA_DIR. */
export const databaseFileName = 'cotejo.db'

/**
 * The writer checkpoints the WAL into the database itself every this many write calls, when it is
 * idle: a commit writes 2–3 WAL pages, so this comes a little before SQLite's automatic checkpoint
 * (1,000 pages), which otherwise runs inside whichever commit crosses it and holds that update
 * back by the checkpoint's own writes and fsync. The automatic one stays as the backstop when the
 * writer is never idle.
 */
export const walCheckpointEveryWrites = 300

/** `bytes` alone in its own buffer: a view into a larger one (a socket's read buffer) would be copied whole to the writer thread. */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice()
}

/**
 * The embedded storage: one SQLite database `DATA_DIR/cotejo.db` in WAL mode with
 * `synchronous = FULL`, so a committed transaction is on disk (the WAL is fsynced at every
 * commit) before `appendUpdates` resolves.
 *
 * *Decision:* every write runs on a writer thread (`writer-thread.ts`) that owns the only writing
 * connection; reads run here, on the event loop's own connection. better-sqlite3 is synchronous,
 * so a commit on the event loop blocked it for the whole WAL fsync: nothing was received,
 * authorized or broadcast meanwhile (2.7 s of every 10 s busy at 720 updates/s). WAL readers never
 * wait for the writer, and with one writing connection no write can meet `SQLITE_BUSY` (which
 * would again block the loop in `busy_timeout`). Writes run in the order they were made, except
 * checkpoints, translation block records and WAL checkpoints, which wait until the writer is idle
 * (nothing depends on their order: their callers await them); a read made after a write resolved
 * sees it.
 */
export class SqliteStorage implements Storage {
  /** The event loop's connection (reads only, after the migrations). */
  private readonly db: Database
  private readonly reader: SqliteStore
  private readonly writer: WriterThread
  private writesSinceWalCheckpoint = 0

  /** Opens (creating and migrating when needed) the database in `dataDir` and starts its writer thread. */
  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true })
    const path = join(dataDir, databaseFileName)
    this.db = openDatabase(path)
    migrate(this.db)
    this.reader = new SqliteStore(this.db)
    this.writer = new WriterThread(path)
  }

  async ping(): Promise<void> {
    this.reader.ping()
  }

  async close(): Promise<void> {
    if (!this.db.open) return
    this.reader.close(false)
    await this.writer.close()
  }

  createReport(report: ReportRecord, initialUpdate: Uint8Array, user: string): Promise<void> {
    return this.writer.call('createReport', report, ownBuffer(initialUpdate), user)
  }

  async getReport(id: string): Promise<ReportRecord | undefined> {
    return this.reader.getReport(id)
  }

  async listReports(): Promise<ReportRecord[]> {
    return this.reader.listReports()
  }

  appendUpdates(updates: readonly NewUpdate[]): Promise<number[]> {
    this.wrote()
    return this.writer.call(
      'appendUpdates',
      updates.map((entry) => ({ ...entry, update: ownBuffer(entry.update) })),
    )
  }

  /** Counts a write call; every {@link walCheckpointEveryWrites}, queues a WAL checkpoint for when the writer is idle. */
  private wrote(): void {
    if (++this.writesSinceWalCheckpoint !== walCheckpointEveryWrites) return
    void this.writer.whenIdle('checkpointWal').then(
      () => (this.writesSinceWalCheckpoint = 0),
      () => (this.writesSinceWalCheckpoint = 0),
    )
  }

  async loadLog(report: string): Promise<LoadedLog> {
    return this.reader.loadLog(report)
  }

  async updatesBetween(report: string, after: number, upTo: number): Promise<StoredUpdate[]> {
    return this.reader.updatesBetween(report, after, upTo)
  }

  async logAt(report: string, seq: number): Promise<LoadedLog> {
    return this.reader.logAt(report, seq)
  }

  async stateAt(report: string, seq: number): Promise<Uint8Array> {
    return this.reader.stateAt(report, seq)
  }

  /** Written when the writer is idle (after writes made later): a whole report's state is 40–60 ms of writing that no update should wait behind. */
  putCheckpoint(checkpoint: Checkpoint): Promise<void> {
    this.wrote()
    return this.writer.whenIdle('putCheckpoint', { ...checkpoint, state: ownBuffer(checkpoint.state) })
  }

  compact(report: string, upTo?: number): Promise<CompactionResult> {
    return this.writer.call('compact', report, upTo)
  }

  addVersion(version: NewVersion): Promise<VersionRecord> {
    return this.writer.call('addVersion', version)
  }

  async listVersions(report: string): Promise<VersionRecord[]> {
    return this.reader.listVersions(report)
  }

  async getVersion(report: string, id: number): Promise<VersionRecord | undefined> {
    return this.reader.getVersion(report, id)
  }

  setReportStatus(report: string, status: ReportStatus): Promise<void> {
    return this.writer.call('setReportStatus', report, status)
  }

  /** Written when the writer is idle, like checkpoints: its commit's fsync would otherwise delay the next update's. */
  recordBlockChanges(report: string, changes: readonly BlockChangeRecord[]): Promise<void> {
    this.wrote()
    return this.writer.whenIdle('recordBlockChanges', report, changes)
  }

  markBlock(
    report: string,
    section: string,
    block: string,
    mark: 'translated' | 'reviewed',
    user: string,
    seq: number,
    time: number,
  ): Promise<BlockStateRecord> {
    return this.writer.call('markBlock', report, section, block, mark, user, seq, time)
  }

  async listBlockStates(report: string): Promise<BlockStateRecord[]> {
    return this.reader.listBlockStates(report)
  }

  createUser(user: NewUserRecord): Promise<void> {
    return this.writer.call('createUser', user)
  }

  async getUser(username: string): Promise<UserRecord | undefined> {
    return this.reader.getUser(username)
  }

  async listUsers(): Promise<UserRecord[]> {
    return this.reader.listUsers()
  }

  updateUser(username: string, patch: UserPatch): Promise<UserRecord> {
    return this.writer.call('updateUser', username, patch)
  }

  deleteUser(username: string): Promise<void> {
    return this.writer.call('deleteUser', username)
  }

  createSession(session: SessionRecord): Promise<void> {
    return this.writer.call('createSession', session)
  }

  async getSession(tokenHash: string): Promise<SessionRecord | undefined> {
    return this.reader.getSession(tokenHash)
  }

  touchSession(tokenHash: string, time: number): Promise<void> {
    return this.writer.call('touchSession', tokenHash, time)
  }

  deleteSession(tokenHash: string): Promise<void> {
    return this.writer.call('deleteSession', tokenHash)
  }

  deleteSessionsOf(username: string, except?: string): Promise<string[]> {
    return this.writer.call('deleteSessionsOf', username, except ?? null)
  }

  deleteSessionsIdleSince(time: number): Promise<number> {
    return this.writer.call('deleteSessionsIdleSince', time)
  }

  /** In order with other writes (not when idle): an entry should be on disk when the action it records is answered. */
  addAuditEntry(entry: NewAuditEntry): Promise<void> {
    this.wrote()
    return this.writer.call('addAuditEntry', entry)
  }

  async listAuditEntries(query: AuditQuery): Promise<AuditRecord[]> {
    return this.reader.listAuditEntries(query)
  }

  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return this.writer.call('acquireLease', name, holder, ttlMs)
  }

  releaseLease(name: string, holder: string): Promise<void> {
    return this.writer.call('releaseLease', name, holder)
  }
}
