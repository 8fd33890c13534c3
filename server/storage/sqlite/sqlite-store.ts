import type { Role } from '../../../schema/roles.ts'
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3'
import { checkReadable, compactionRange, mergedState } from '../log-rules.ts'
import type { ReportKind, ReportStatus } from '../../../schema/report.ts'
import type { AuditKind } from '../../../schema/api/audit.ts'
import {
  StorageError,
  type BlockChangeRecord,
  type BlockStateRecord,
  type Checkpoint,
  type CompactionResult,
  type LoadedLog,
  type NewUpdate,
  type NewVersion,
  type ReportRecord,
  type SessionRecord,
  type StoredUpdate,
  type AuditQuery,
  type AuditRecord,
  type NewAuditEntry,
  type NewUserRecord,
  type UserPatch,
  type UserRecord,
  type VersionAuthor,
  type VersionKind,
  type VersionRecord,
} from '../storage.ts'

interface ReportRow {
  id: string
  title_es: string
  title_en: string
  kind: string
  status: string
  created_at: number
}
interface UpdateRow {
  report: string
  seq: number
  data: Buffer
  user: string
  time: number
}
interface UserRow {
  username: string
  role: string
  actors: string
  password_hash: string
  created_at: number
  active: number
  must_change_password: number
}
interface AuditRow {
  id: number
  time: number
  kind: string
  username: string
  ip: string
  report: string | null
  target: string | null
  detail: string
}
interface SessionRow {
  token_hash: string
  username: string
  created_at: number
  last_seen: number
}
interface VersionRow {
  report: string
  id: string
  seq: number
  kind: string
  name: string | null
  reason: string | null
  created_at: number
  authors: string
  created_by: string
  hashes: string
}
interface BlockStateRow {
  report: string
  section: string
  block: string
  es_changed_at: number
  en_changed_at: number
  in_step_at: number
  mark: string | null
  marked_by: string | null
  marked_at: number | null
}

const toReport = (row: ReportRow): ReportRecord => ({
  id: row.id,
  title: { es: row.title_es, en: row.title_en },
  kind: row.kind as ReportKind,
  status: row.status as ReportStatus,
  createdAt: row.created_at,
})
const toUpdate = (row: UpdateRow): StoredUpdate => ({
  report: row.report,
  seq: row.seq,
  update: new Uint8Array(row.data),
  user: row.user,
  time: row.time,
})
const toUser = (row: UserRow): UserRecord => ({
  username: row.username,
  role: row.role as Role,
  actors: JSON.parse(row.actors) as string[],
  passwordHash: row.password_hash,
  createdAt: row.created_at,
  active: row.active === 1,
  mustChangePassword: row.must_change_password === 1,
})
const toAudit = (row: AuditRow): AuditRecord => ({
  id: row.id,
  time: row.time,
  kind: row.kind as AuditKind,
  user: row.username,
  ip: row.ip,
  ...(row.report !== null && { report: row.report }),
  ...(row.target !== null && { target: row.target }),
  detail: row.detail,
})
const toSession = (row: SessionRow): SessionRecord => ({
  tokenHash: row.token_hash,
  username: row.username,
  createdAt: row.created_at,
  lastSeen: row.last_seen,
})
// Rows written before migration 2 hold authors as plain user names.
const toAuthors = (json: string): VersionAuthor[] =>
  (JSON.parse(json) as Array<string | VersionAuthor>).map((author) =>
    typeof author === 'string' ? { user: author, sections: [] } : author,
  )
const toVersion = (row: VersionRow): VersionRecord => ({
  report: row.report,
  id: Number(row.id),
  seq: row.seq,
  kind: row.kind as VersionKind,
  name: row.name ?? undefined,
  ...(row.reason !== null && { reason: row.reason }),
  createdAt: row.created_at,
  createdBy: row.created_by,
  authors: toAuthors(row.authors),
  hashes: JSON.parse(row.hashes) as Record<string, string>,
})
const toBlockState = (row: BlockStateRow): BlockStateRecord => ({
  report: row.report,
  section: row.section,
  block: row.block,
  esChangedAt: row.es_changed_at,
  enChangedAt: row.en_changed_at,
  inStepAt: row.in_step_at,
  mark: (row.mark ?? undefined) as BlockStateRecord['mark'],
  markedBy: row.marked_by ?? undefined,
  markedAt: row.marked_at ?? undefined,
})

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    String((error as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT')
  )
}

/**
 * Opens `path` as the store wants it: WAL, `synchronous = FULL` (a commit returns only once the
 * WAL is fsynced), foreign keys, and a busy timeout for the rare lock a reader can meet (WAL
 * recovery). Every connection is opened this way, the writer thread's and the readers'.
 */
export function openDatabase(path: string): Database {
  const db = new BetterSqlite3(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  return db
}

/**
 * Every operation of the {@link Storage} interface, synchronous, on one better-sqlite3 connection.
 * `SqliteStorage` runs the reads on the event loop's connection and sends the writes to the writer
 * thread, which runs them here on its own connection (see `writer.ts`).
 */
export class SqliteStore {
  private readonly statements = new Map<string, Statement>()

  constructor(readonly db: Database) {}

  /** A prepared statement for `sql`, prepared once per connection. */
  private sql(text: string): Statement {
    let statement = this.statements.get(text)
    if (statement === undefined) {
      statement = this.db.prepare(text)
      this.statements.set(text, statement)
    }
    return statement
  }

  ping(): void {
    this.sql('SELECT 1').get()
  }

  /** Moves the WAL into the database file (the writer does this at shutdown) and closes. */
  close(checkpoint = true): void {
    if (!this.db.open) return
    if (checkpoint) this.db.pragma('wal_checkpoint(TRUNCATE)')
    this.db.close()
  }

  /** Copies what the WAL holds into the database without waiting for readers or blocking the next write (PASSIVE). */
  checkpointWal(): void {
    this.db.pragma('wal_checkpoint(PASSIVE)')
  }

  createReport(report: ReportRecord, initialUpdate: Uint8Array, user: string): void {
    try {
      this.db.transaction(() => {
        this.sql(
          'INSERT INTO reports (id, title_es, title_en, kind, status, created_at, last_seq) VALUES (?, ?, ?, ?, ?, ?, 1)',
        ).run(report.id, report.title.es, report.title.en, report.kind, report.status, report.createdAt)
        this.sql('INSERT INTO updates (report, seq, data, user, time) VALUES (?, 1, ?, ?, ?)').run(
          report.id,
          Buffer.from(initialUpdate),
          user,
          report.createdAt,
        )
      })()
    } catch (error) {
      if (isUniqueViolation(error))
        throw new StorageError('exists', `A report with the id "${report.id}" already exists.`)
      throw error
    }
  }

  getReport(id: string): ReportRecord | undefined {
    const row = this.sql('SELECT * FROM reports WHERE id = ?').get(id) as ReportRow | undefined
    return row && toReport(row)
  }

  listReports(): ReportRecord[] {
    return (this.sql('SELECT * FROM reports ORDER BY created_at, id').all() as ReportRow[]).map(toReport)
  }

  appendUpdates(updates: readonly NewUpdate[]): number[] {
    const lastSeq = this.sql('SELECT last_seq FROM reports WHERE id = ?').pluck()
    const insert = this.sql('INSERT INTO updates (report, seq, data, user, time) VALUES (?, ?, ?, ?, ?)')
    const setLast = this.sql('UPDATE reports SET last_seq = ? WHERE id = ?')
    return this.db.transaction(() => {
      const next = new Map<string, number>()
      const seqs = updates.map((entry) => {
        let seq = next.get(entry.report)
        if (seq === undefined) {
          const last = lastSeq.get(entry.report) as number | undefined
          if (last === undefined) throw new StorageError('not-found', `No report "${entry.report}".`)
          seq = last + 1
        }
        insert.run(entry.report, seq, Buffer.from(entry.update), entry.user, entry.time)
        next.set(entry.report, seq + 1)
        return seq
      })
      for (const [report, seq] of next) setLast.run(seq - 1, report)
      return seqs
    })()
  }

  private reportSeqs(report: string): { last_seq: number; compacted_through: number } {
    const row = this.sql('SELECT last_seq, compacted_through FROM reports WHERE id = ?').get(report) as
      | { last_seq: number; compacted_through: number }
      | undefined
    if (row === undefined) throw new StorageError('not-found', `No report "${report}".`)
    return row
  }

  private checkpointAtOrBefore(report: string, seq: number): Checkpoint | undefined {
    const row = this.sql(
      'SELECT seq, state FROM checkpoints WHERE report = ? AND seq <= ? ORDER BY seq DESC LIMIT 1',
    ).get(report, seq) as { seq: number; state: Buffer } | undefined
    return row && { report, seq: row.seq, state: new Uint8Array(row.state) }
  }

  loadLog(report: string): LoadedLog {
    return this.db.transaction(() => {
      const { last_seq } = this.reportSeqs(report)
      const checkpoint = this.checkpointAtOrBefore(report, last_seq)
      const updates = this.updatesIn(report, checkpoint?.seq ?? 0, last_seq)
      return { checkpoint, updates, lastSeq: last_seq }
    })()
  }

  private updatesIn(report: string, after: number, upTo: number): StoredUpdate[] {
    return (
      this.sql('SELECT * FROM updates WHERE report = ? AND seq > ? AND seq <= ? ORDER BY seq').all(
        report,
        after,
        upTo,
      ) as UpdateRow[]
    ).map(toUpdate)
  }

  updatesBetween(report: string, after: number, upTo: number): StoredUpdate[] {
    return this.updatesIn(report, after, upTo)
  }

  private logUpTo(report: string, seq: number): LoadedLog {
    const checkpoint = this.checkpointAtOrBefore(report, seq)
    checkReadable(report, seq, this.reportSeqs(report), checkpoint)
    return { checkpoint, updates: this.updatesIn(report, checkpoint?.seq ?? 0, seq), lastSeq: seq }
  }

  private mergedState(report: string, seq: number): Uint8Array {
    return mergedState(this.logUpTo(report, seq))
  }

  logAt(report: string, seq: number): LoadedLog {
    return this.db.transaction(() => this.logUpTo(report, seq))()
  }

  stateAt(report: string, seq: number): Uint8Array {
    return this.db.transaction(() => this.mergedState(report, seq))()
  }

  putCheckpoint(checkpoint: Checkpoint): void {
    this.sql('INSERT OR REPLACE INTO checkpoints (report, seq, state, created_at) VALUES (?, ?, ?, ?)').run(
      checkpoint.report,
      checkpoint.seq,
      Buffer.from(checkpoint.state),
      Date.now(),
    )
  }

  compact(report: string, upTo?: number): CompactionResult {
    return this.db.transaction(() => {
      const range = compactionRange(this.reportSeqs(report), upTo)
      if (range === undefined) return { merged: 0, checkpoints: [] }
      const { after, end } = range
      const versionSeqs = this.sql(
        'SELECT DISTINCT seq FROM versions WHERE report = ? AND seq > ? AND seq < ? ORDER BY seq',
      )
        .pluck()
        .all(report, after, end) as number[]
      const checkpoints: number[] = []
      const insert = this.sql('INSERT OR REPLACE INTO checkpoints (report, seq, state, created_at) VALUES (?, ?, ?, ?)')
      for (const seq of [...versionSeqs, end]) {
        insert.run(report, seq, Buffer.from(this.mergedState(report, seq)), Date.now())
        checkpoints.push(seq)
      }
      const merged = this.sql('DELETE FROM updates WHERE report = ? AND seq <= ?').run(report, end).changes
      // Checkpoints strictly inside the merged range that no version needs are superseded.
      this.sql(
        'DELETE FROM checkpoints WHERE report = ? AND seq < ? AND seq NOT IN (SELECT seq FROM versions WHERE report = ?)',
      ).run(report, end, report)
      this.sql('UPDATE reports SET compacted_through = ? WHERE id = ?').run(end, report)
      return { merged, checkpoints }
    })()
  }

  addVersion(version: NewVersion): VersionRecord {
    try {
      return this.db.transaction(() => {
        this.reportSeqs(version.report)
        const last = this.sql('SELECT MAX(CAST(id AS INTEGER)) FROM versions WHERE report = ?')
          .pluck()
          .get(version.report) as number | null
        const record: VersionRecord = { ...version, id: (last ?? 0) + 1 }
        this.sql(
          'INSERT INTO versions (report, id, seq, kind, name, created_at, authors, created_by, hashes, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(
          record.report,
          String(record.id),
          record.seq,
          record.kind,
          record.name ?? null,
          record.createdAt,
          JSON.stringify(record.authors),
          record.createdBy,
          JSON.stringify(record.hashes),
          record.reason ?? null,
        )
        return record
      })()
    } catch (error) {
      if (isUniqueViolation(error))
        throw new StorageError(
          'exists',
          `Report "${version.report}" already has an automatic version at seq ${version.seq}.`,
        )
      throw error
    }
  }

  listVersions(report: string): VersionRecord[] {
    return (
      this.sql('SELECT * FROM versions WHERE report = ? ORDER BY CAST(id AS INTEGER) DESC').all(report) as VersionRow[]
    ).map(toVersion)
  }

  getVersion(report: string, id: number): VersionRecord | undefined {
    const row = this.sql('SELECT * FROM versions WHERE report = ? AND id = ?').get(report, String(id)) as
      | VersionRow
      | undefined
    return row && toVersion(row)
  }

  setReportStatus(report: string, status: ReportStatus): void {
    const changes = this.sql('UPDATE reports SET status = ? WHERE id = ?').run(status, report).changes
    if (changes === 0) throw new StorageError('not-found', `No report "${report}".`)
  }

  recordBlockChanges(report: string, changes: readonly BlockChangeRecord[]): void {
    const upsert = {
      es: this.sql(`INSERT INTO block_states (report, section, block, es_changed_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (report, section, block) DO UPDATE SET es_changed_at = MAX(es_changed_at, excluded.es_changed_at)`),
      en: this.sql(`INSERT INTO block_states (report, section, block, en_changed_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (report, section, block) DO UPDATE SET en_changed_at = MAX(en_changed_at, excluded.en_changed_at)`),
    }
    this.db.transaction(() => {
      for (const change of changes) upsert[change.language].run(report, change.section, change.block, change.seq)
    })()
  }

  markBlock(
    report: string,
    section: string,
    block: string,
    mark: 'translated' | 'reviewed',
    user: string,
    seq: number,
    time: number,
  ): BlockStateRecord {
    return this.db.transaction(() => {
      this.reportSeqs(report)
      this.sql(`INSERT INTO block_states (report, section, block, in_step_at, mark, marked_by, marked_at) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (report, section, block) DO UPDATE SET in_step_at = MAX(in_step_at, excluded.in_step_at), mark = excluded.mark,
        marked_by = excluded.marked_by, marked_at = excluded.marked_at`).run(
        report,
        section,
        block,
        seq,
        mark,
        user,
        time,
      )
      return toBlockState(
        this.sql('SELECT * FROM block_states WHERE report = ? AND section = ? AND block = ?').get(
          report,
          section,
          block,
        ) as BlockStateRow,
      )
    })()
  }

  listBlockStates(report: string): BlockStateRecord[] {
    return (
      this.sql('SELECT * FROM block_states WHERE report = ? ORDER BY section, block').all(report) as BlockStateRow[]
    ).map(toBlockState)
  }

  createUser(user: NewUserRecord): void {
    try {
      this.sql(
        'INSERT INTO users (username, role, actors, password_hash, created_at, active, must_change_password) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(
        user.username,
        user.role,
        JSON.stringify(user.actors),
        user.passwordHash,
        user.createdAt,
        user.active === false ? 0 : 1,
        user.mustChangePassword === true ? 1 : 0,
      )
    } catch (error) {
      if (isUniqueViolation(error)) throw new StorageError('exists', `A user named "${user.username}" already exists.`)
      throw error
    }
  }

  getUser(username: string): UserRecord | undefined {
    const row = this.sql('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined
    return row && toUser(row)
  }

  listUsers(): UserRecord[] {
    return (this.sql('SELECT * FROM users ORDER BY username').all() as UserRow[]).map(toUser)
  }

  updateUser(username: string, patch: UserPatch): UserRecord {
    return this.db.transaction(() => {
      const row = this.sql('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined
      if (row === undefined) throw new StorageError('not-found', `No user named "${username}".`)
      const current = toUser(row)
      const next: UserRecord = {
        ...current,
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.actors !== undefined ? { actors: [...patch.actors] } : {}),
        ...(patch.passwordHash !== undefined ? { passwordHash: patch.passwordHash } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        ...(patch.mustChangePassword !== undefined ? { mustChangePassword: patch.mustChangePassword } : {}),
      }
      this.sql(
        'UPDATE users SET role = ?, actors = ?, password_hash = ?, active = ?, must_change_password = ? WHERE username = ?',
      ).run(
        next.role,
        JSON.stringify(next.actors),
        next.passwordHash,
        next.active ? 1 : 0,
        next.mustChangePassword ? 1 : 0,
        username,
      )
      return next
    })()
  }

  deleteUser(username: string): void {
    const changes = this.sql('DELETE FROM users WHERE username = ?').run(username).changes
    if (changes === 0) throw new StorageError('not-found', `No user named "${username}".`)
  }

  createSession(session: SessionRecord): void {
    this.sql('INSERT INTO sessions (token_hash, username, created_at, last_seen) VALUES (?, ?, ?, ?)').run(
      session.tokenHash,
      session.username,
      session.createdAt,
      session.lastSeen,
    )
  }

  getSession(tokenHash: string): SessionRecord | undefined {
    const row = this.sql('SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash) as SessionRow | undefined
    return row && toSession(row)
  }

  touchSession(tokenHash: string, time: number): void {
    this.sql('UPDATE sessions SET last_seen = ? WHERE token_hash = ?').run(time, tokenHash)
  }

  deleteSession(tokenHash: string): void {
    this.sql('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash)
  }

  deleteSessionsOf(username: string, except: string | null = null): string[] {
    return this.db.transaction(() => {
      // `token_hash IS NOT NULL` holds for every row: with no `except`, every session of the user ends.
      const hashes = this.sql('SELECT token_hash FROM sessions WHERE username = ? AND token_hash IS NOT ?')
        .pluck()
        .all(username, except) as string[]
      this.sql('DELETE FROM sessions WHERE username = ? AND token_hash IS NOT ?').run(username, except)
      return hashes
    })()
  }

  deleteSessionsIdleSince(time: number): number {
    return this.sql('DELETE FROM sessions WHERE last_seen < ?').run(time).changes
  }

  addAuditEntry(entry: NewAuditEntry): void {
    this.sql('INSERT INTO audit (time, kind, username, ip, report, target, detail) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      entry.time,
      entry.kind,
      entry.user,
      entry.ip,
      entry.report ?? null,
      entry.target ?? null,
      entry.detail,
    )
  }

  listAuditEntries(query: AuditQuery): AuditRecord[] {
    const where: string[] = []
    const values: unknown[] = []
    if (query.kinds !== undefined && query.kinds.length > 0) {
      where.push(`kind IN (${query.kinds.map(() => '?').join(', ')})`)
      values.push(...query.kinds)
    }
    const conditions: Array<[string, unknown]> = [
      ['username = ?', query.user],
      ['report = ?', query.report],
      ['time >= ?', query.from],
      ['time <= ?', query.to],
      ['id < ?', query.before],
    ]
    for (const [condition, value] of conditions) {
      if (value === undefined) continue
      where.push(condition)
      values.push(value)
    }
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''
    // Not cached in `sql`: each combination of filters is its own statement.
    const rows = this.db
      .prepare(`SELECT * FROM audit ${filter} ORDER BY id DESC LIMIT ?`)
      .all(...values, query.limit) as AuditRow[]
    return rows.map(toAudit)
  }

  acquireLease(name: string, holder: string, ttlMs: number): boolean {
    const now = Date.now()
    const row = this.sql(`INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
      WHERE leases.holder = excluded.holder OR leases.expires_at <= ?
      RETURNING holder`).get(name, holder, now + ttlMs, now) as { holder: string } | undefined
    return row?.holder === holder
  }

  releaseLease(name: string, holder: string): void {
    this.sql('DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder)
  }
}
