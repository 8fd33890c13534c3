import type pg from 'pg'
import type { PoolClient, QueryResultRow } from 'pg'
import { checkReadable, compactionRange, mergedState } from '../log-rules.ts'
import type { ReportStatus } from '../../../schema/report.ts'
import { migratePostgres } from './migrations.ts'
import {
  CommitInterrupted,
  createPool,
  isConnectionFailure,
  isForeignKeyViolation,
  isUniqueViolation,
  runTransaction,
  sqlState,
  transaction,
} from './pool.ts'
import {
  toBlockState,
  toReport,
  toSession,
  toUpdate,
  toUser,
  toAudit,
  type AuditRow,
  toVersion,
  type BlockStateRow,
  type ReportRow,
  type SessionRow,
  type UpdateRow,
  type UserRow,
  type VersionRow,
} from './rows.ts'
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
  type Storage,
  type StoredUpdate,
  type AuditQuery,
  type AuditRecord,
  type NewAuditEntry,
  type NewUserRecord,
  type UserPatch,
  type UserRecord,
  type VersionRecord,
} from '../storage.ts'

/** Options of {@link PostgresStorage.open}. */
export interface PostgresStorageOptions {
  /** Most connections the pool opens (default 10). */
  readonly maxConnections?: number
  /**
   * How long an append whose COMMIT lost its connection waits for the database to answer whether
   * it committed, before rejecting (default 30,000 ms). See {@link PostgresStorage.appendUpdates}.
   */
  readonly commitOutcomeWaitMs?: number
  /** Told about a connection that broke while idle in the pool (default: ignored; the pool replaces it). */
  readonly onIdleConnectionError?: (error: Error) => void
}

/** Pause between attempts to learn an interrupted commit's outcome while the database is away. */
const commitOutcomeRetryMs = 250

/**
 * The shared storage: a PostgreSQL database, possibly used by several server instances at once.
 * Every connection runs with `synchronous_commit = on`, so `COMMIT` returns (and `appendUpdates`
 * resolves) only once the commit record is flushed to the server's disk. Seqs are allocated by
 * incrementing `reports.last_seq` inside the appending transaction: the row lock orders writers
 * from every instance, so each report's log stays 1, 2, 3, … without gaps. The pool reconnects by
 * itself when the database comes back; meanwhile calls reject with the driver's error.
 */
export class PostgresStorage implements Storage {
  private readonly pool: pg.Pool
  private readonly commitOutcomeWaitMs: number

  private constructor(pool: pg.Pool, options: PostgresStorageOptions) {
    this.pool = pool
    this.commitOutcomeWaitMs = options.commitOutcomeWaitMs ?? 30_000
  }

  /**
   * Connects to `url` (`postgres://…` or `postgresql://…`), applies the schema migrations (one
   * instance at a time) and resolves with the storage. Rejects with the driver's error when the
   * database cannot be reached.
   */
  static async open(url: string, options: PostgresStorageOptions = {}): Promise<PostgresStorage> {
    const pool = createPool(url, {
      maxConnections: options.maxConnections ?? 10,
      onIdleConnectionError: options.onIdleConnectionError ?? (() => undefined),
    })
    try {
      const client = await pool.connect()
      let broken: Error | undefined
      try {
        await migratePostgres(client)
      } catch (error) {
        broken = error as Error
        throw error
      } finally {
        client.release(broken)
      }
    } catch (error) {
      await pool.end()
      throw error
    }
    return new PostgresStorage(pool, options)
  }

  /** Runs one statement on any pooled connection. */
  private async query<Row extends QueryResultRow>(
    text: string,
    values: readonly unknown[] = [],
  ): Promise<pg.QueryResult<Row>> {
    return this.pool.query<Row>(text, values as unknown[])
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1')
  }

  async close(): Promise<void> {
    await this.pool.end()
  }

  async createReport(report: ReportRecord, initialUpdate: Uint8Array, user: string): Promise<void> {
    try {
      await transaction(this.pool, async (client) => {
        await client.query(
          'INSERT INTO reports (id, title_es, title_en, kind, status, created_at, last_seq) VALUES ($1, $2, $3, $4, $5, $6, 1)',
          [report.id, report.title.es, report.title.en, report.kind, report.status, report.createdAt],
        )
        await client.query('INSERT INTO updates (report, seq, data, username, time) VALUES ($1, 1, $2, $3, $4)', [
          report.id,
          Buffer.from(initialUpdate),
          user,
          report.createdAt,
        ])
      })
    } catch (error) {
      if (isUniqueViolation(error))
        throw new StorageError('exists', `A report with the id "${report.id}" already exists.`)
      throw error
    }
  }

  async getReport(id: string): Promise<ReportRecord | undefined> {
    const { rows } = await this.query<ReportRow>('SELECT * FROM reports WHERE id = $1', [id])
    return rows[0] && toReport(rows[0])
  }

  async listReports(): Promise<ReportRecord[]> {
    return (await this.query<ReportRow>('SELECT * FROM reports ORDER BY created_at, id')).rows.map(toReport)
  }

  /**
   * Appends in one transaction. Per report (in sorted id order, so two batches touching the same
   * reports cannot deadlock) `last_seq` is raised by the number of entries under the row's lock,
   * which makes appenders in every instance take turns and keeps seqs gap-free.
   *
   * When the connection breaks during COMMIT (the database crashed or restarted at that moment),
   * the outcome is unknown: the commit record may already be on disk. Rather than reject an append
   * that is stored, it waits (up to `commitOutcomeWaitMs`) for the database to answer and looks
   * for the batch's first entry in the log, after taking the report's row lock so a still-running
   * COMMIT has finished. So a resolved append is in the log and a rejected one is not.
   */
  async appendUpdates(updates: readonly NewUpdate[]): Promise<number[]> {
    if (updates.length === 0) return []
    const counts = new Map<string, number>()
    for (const entry of updates) counts.set(entry.report, (counts.get(entry.report) ?? 0) + 1)
    const reports = [...counts.keys()].sort()
    const seqs: number[] = []
    try {
      await runTransaction(
        this.pool,
        async (client) => {
          const next = new Map<string, number>()
          for (const report of reports) {
            const count = counts.get(report)!
            const { rows } = await client.query<{ last_seq: number }>(
              'UPDATE reports SET last_seq = last_seq + $2 WHERE id = $1 RETURNING last_seq',
              [report, count],
            )
            if (rows[0] === undefined) throw new StorageError('not-found', `No report "${report}".`)
            next.set(report, rows[0].last_seq - count + 1)
          }
          for (const entry of updates) {
            const seq = next.get(entry.report)!
            next.set(entry.report, seq + 1)
            seqs.push(seq)
          }
          await client.query(
            `INSERT INTO updates (report, seq, data, username, time)
          SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[], $4::text[], $5::bigint[])`,
            [
              updates.map((entry) => entry.report),
              seqs,
              updates.map((entry) => Buffer.from(entry.update)),
              updates.map((entry) => entry.user),
              updates.map((entry) => entry.time),
            ],
          )
        },
        'read committed',
      )
      return seqs
    } catch (error) {
      if (!(error instanceof CommitInterrupted)) throw error
      if (await this.wasAppended(updates[0]!, seqs[0]!, error.driverError)) return seqs
      throw error.driverError
    }
  }

  /**
   * Whether `entry` is in the log at `seq`, asked once the database answers again (see
   * {@link appendUpdates}). Rejects when that cannot be known within `commitOutcomeWaitMs`.
   */
  private async wasAppended(entry: NewUpdate, seq: number, driverError: unknown): Promise<boolean> {
    const deadline = Date.now() + this.commitOutcomeWaitMs
    const unknown = (why: string): Error =>
      new Error(
        `The connection broke while committing updates to "${entry.report}" (seq ${seq}) and ${why}: whether they were stored is unknown.`,
        { cause: driverError },
      )
    for (;;) {
      try {
        const stored = await transaction(this.pool, async (client) => {
          // The interrupted transaction held this row's lock until it ended, if it still runs.
          await client.query(`SET LOCAL lock_timeout = ${Math.max(1, deadline - Date.now())}`)
          const report = await client.query<{ compacted_through: number }>(
            'SELECT compacted_through FROM reports WHERE id = $1 FOR SHARE',
            [entry.report],
          )
          const row = await client.query<{ same: boolean }>(
            'SELECT data = $3 AS same FROM updates WHERE report = $1 AND seq = $2',
            [entry.report, seq, Buffer.from(entry.update)],
          )
          if (row.rows[0] !== undefined) return row.rows[0].same
          return (report.rows[0]?.compacted_through ?? 0) < seq ? false : undefined
        })
        if (stored === undefined) throw unknown('that seq was compacted since')
        return stored
      } catch (error) {
        if (sqlState(error) === '55P03')
          throw unknown(`its transaction was still running after ${this.commitOutcomeWaitMs} ms`)
        if (!isConnectionFailure(error) || (error as Error).cause === driverError) throw error
        if (Date.now() >= deadline) throw unknown(`the database did not answer within ${this.commitOutcomeWaitMs} ms`)
        await new Promise((resolve) => setTimeout(resolve, commitOutcomeRetryMs))
      }
    }
  }

  /** `last_seq` and `compacted_through` of a report; rejects `not-found`. */
  private async reportSeqs(
    client: PoolClient,
    report: string,
  ): Promise<{ last_seq: number; compacted_through: number }> {
    const { rows } = await client.query<{ last_seq: number; compacted_through: number }>(
      'SELECT last_seq, compacted_through FROM reports WHERE id = $1',
      [report],
    )
    if (rows[0] === undefined) throw new StorageError('not-found', `No report "${report}".`)
    return rows[0]
  }

  private async checkpointAtOrBefore(client: PoolClient, report: string, seq: number): Promise<Checkpoint | undefined> {
    const { rows } = await client.query<{ seq: number; state: Buffer }>(
      'SELECT seq, state FROM checkpoints WHERE report = $1 AND seq <= $2 ORDER BY seq DESC LIMIT 1',
      [report, seq],
    )
    return rows[0] && { report, seq: rows[0].seq, state: new Uint8Array(rows[0].state) }
  }

  private async updatesIn(
    client: PoolClient | pg.Pool,
    report: string,
    after: number,
    upTo: number,
  ): Promise<StoredUpdate[]> {
    const { rows } = await client.query<UpdateRow>(
      'SELECT * FROM updates WHERE report = $1 AND seq > $2 AND seq <= $3 ORDER BY seq',
      [report, after, upTo],
    )
    return rows.map(toUpdate)
  }

  async loadLog(report: string): Promise<LoadedLog> {
    return transaction(
      this.pool,
      async (client) => {
        const { last_seq } = await this.reportSeqs(client, report)
        const checkpoint = await this.checkpointAtOrBefore(client, report, last_seq)
        return {
          checkpoint,
          updates: await this.updatesIn(client, report, checkpoint?.seq ?? 0, last_seq),
          lastSeq: last_seq,
        }
      },
      'repeatable read',
    )
  }

  async updatesBetween(report: string, after: number, upTo: number): Promise<StoredUpdate[]> {
    return this.updatesIn(this.pool, report, after, upTo)
  }

  private async logUpTo(client: PoolClient, report: string, seq: number): Promise<LoadedLog> {
    const seqs = await this.reportSeqs(client, report)
    const checkpoint = await this.checkpointAtOrBefore(client, report, seq)
    checkReadable(report, seq, seqs, checkpoint)
    return { checkpoint, updates: await this.updatesIn(client, report, checkpoint?.seq ?? 0, seq), lastSeq: seq }
  }

  private async mergedState(client: PoolClient, report: string, seq: number): Promise<Uint8Array> {
    return mergedState(await this.logUpTo(client, report, seq))
  }

  async logAt(report: string, seq: number): Promise<LoadedLog> {
    return transaction(this.pool, (client) => this.logUpTo(client, report, seq), 'repeatable read')
  }

  async stateAt(report: string, seq: number): Promise<Uint8Array> {
    return transaction(this.pool, (client) => this.mergedState(client, report, seq), 'repeatable read')
  }

  async putCheckpoint(checkpoint: Checkpoint): Promise<void> {
    await this.query(
      `INSERT INTO checkpoints (report, seq, state, created_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (report, seq) DO UPDATE SET state = excluded.state, created_at = excluded.created_at`,
      [checkpoint.report, checkpoint.seq, Buffer.from(checkpoint.state), Date.now()],
    )
  }

  /**
   * Takes the report's version lock (see {@link lockVersions}) so no version can be added inside
   * the range while it is merged; appends are not blocked (they only add seqs after the range).
   */
  async compact(report: string, upTo?: number): Promise<CompactionResult> {
    return transaction(this.pool, async (client) => {
      await this.lockVersions(client, report)
      const range = compactionRange(await this.reportSeqs(client, report), upTo)
      if (range === undefined) return { merged: 0, checkpoints: [] }
      const { after, end } = range
      const versions = await client.query<{ seq: number }>(
        'SELECT DISTINCT seq FROM versions WHERE report = $1 AND seq > $2 AND seq < $3 ORDER BY seq',
        [report, after, end],
      )
      const checkpoints: number[] = []
      for (const seq of [...versions.rows.map((row) => row.seq), end]) {
        await client.query(
          `INSERT INTO checkpoints (report, seq, state, created_at) VALUES ($1, $2, $3, $4)
          ON CONFLICT (report, seq) DO UPDATE SET state = excluded.state, created_at = excluded.created_at`,
          [report, seq, Buffer.from(await this.mergedState(client, report, seq)), Date.now()],
        )
        checkpoints.push(seq)
      }
      const merged =
        (await client.query('DELETE FROM updates WHERE report = $1 AND seq <= $2', [report, end])).rowCount ?? 0
      // Checkpoints strictly inside the merged range that no version needs are superseded.
      await client.query(
        'DELETE FROM checkpoints WHERE report = $1 AND seq < $2 AND seq NOT IN (SELECT seq FROM versions WHERE report = $1)',
        [report, end],
      )
      await client.query('UPDATE reports SET compacted_through = $2 WHERE id = $1', [report, end])
      return { merged, checkpoints }
    })
  }

  /**
   * Serializes version numbering and compaction of one report across instances (a transaction
   * advisory lock on a hash of the id; two reports sharing a hash merely take turns).
   */
  private async lockVersions(client: PoolClient, report: string): Promise<void> {
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended('cotejo.versions:' || $1, 0))", [report])
  }

  async addVersion(version: NewVersion): Promise<VersionRecord> {
    try {
      return await transaction(this.pool, async (client) => {
        await this.lockVersions(client, version.report)
        await this.reportSeqs(client, version.report)
        const { rows } = await client.query<{ last: number | null }>(
          'SELECT max(id) AS last FROM versions WHERE report = $1',
          [version.report],
        )
        const record: VersionRecord = { ...version, id: (rows[0]?.last ?? 0) + 1 }
        await client.query(
          'INSERT INTO versions (report, id, seq, kind, name, created_at, created_by, authors, hashes, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
          [
            record.report,
            record.id,
            record.seq,
            record.kind,
            record.name ?? null,
            record.createdAt,
            record.createdBy,
            JSON.stringify(record.authors),
            JSON.stringify(record.hashes),
            record.reason ?? null,
          ],
        )
        return record
      })
    } catch (error) {
      if (isUniqueViolation(error))
        throw new StorageError(
          'exists',
          `Report "${version.report}" already has an automatic version at seq ${version.seq}.`,
        )
      throw error
    }
  }

  async listVersions(report: string): Promise<VersionRecord[]> {
    return (
      await this.query<VersionRow>('SELECT * FROM versions WHERE report = $1 ORDER BY id DESC', [report])
    ).rows.map(toVersion)
  }

  async getVersion(report: string, id: number): Promise<VersionRecord | undefined> {
    const { rows } = await this.query<VersionRow>('SELECT * FROM versions WHERE report = $1 AND id = $2', [report, id])
    return rows[0] && toVersion(rows[0])
  }

  async setReportStatus(report: string, status: ReportStatus): Promise<void> {
    const { rowCount } = await this.query('UPDATE reports SET status = $2 WHERE id = $1', [report, status])
    if (rowCount === 0) throw new StorageError('not-found', `No report "${report}".`)
  }

  /** One statement: the changes are first folded per block (latest seq per side), in key order. */
  async recordBlockChanges(report: string, changes: readonly BlockChangeRecord[]): Promise<void> {
    if (changes.length === 0) return
    const blocks = new Map<string, { section: string; block: string; es: number; en: number }>()
    for (const change of changes) {
      const key = JSON.stringify([change.section, change.block])
      const entry = blocks.get(key) ?? { section: change.section, block: change.block, es: 0, en: 0 }
      entry[change.language] = Math.max(entry[change.language], change.seq)
      blocks.set(key, entry)
    }
    const rows = [...blocks.values()].sort((a, b) => compareText(a.section, b.section) || compareText(a.block, b.block))
    try {
      await this.query(
        `INSERT INTO block_states (report, section, block, es_changed_at, en_changed_at)
        SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[])
        ON CONFLICT (report, section, block) DO UPDATE SET
          es_changed_at = greatest(block_states.es_changed_at, excluded.es_changed_at),
          en_changed_at = greatest(block_states.en_changed_at, excluded.en_changed_at)`,
        [
          report,
          rows.map((row) => row.section),
          rows.map((row) => row.block),
          rows.map((row) => row.es),
          rows.map((row) => row.en),
        ],
      )
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new StorageError('not-found', `No report "${report}".`)
      throw error
    }
  }

  async markBlock(
    report: string,
    section: string,
    block: string,
    mark: 'translated' | 'reviewed',
    user: string,
    seq: number,
    time: number,
  ): Promise<BlockStateRecord> {
    try {
      const { rows } = await this.query<BlockStateRow>(
        `INSERT INTO block_states (report, section, block, in_step_at, mark, marked_by, marked_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (report, section, block) DO UPDATE SET in_step_at = greatest(block_states.in_step_at, excluded.in_step_at),
        mark = excluded.mark, marked_by = excluded.marked_by, marked_at = excluded.marked_at
        RETURNING *`,
        [report, section, block, seq, mark, user, time],
      )
      return toBlockState(rows[0]!)
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new StorageError('not-found', `No report "${report}".`)
      throw error
    }
  }

  async listBlockStates(report: string): Promise<BlockStateRecord[]> {
    return (
      await this.query<BlockStateRow>('SELECT * FROM block_states WHERE report = $1 ORDER BY section, block', [report])
    ).rows.map(toBlockState)
  }

  async createUser(user: NewUserRecord): Promise<void> {
    try {
      await this.query(
        `INSERT INTO users (username, role, actors, password_hash, created_at, active, must_change_password)
        VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          user.username,
          user.role,
          [...user.actors],
          user.passwordHash,
          user.createdAt,
          user.active !== false,
          user.mustChangePassword === true,
        ],
      )
    } catch (error) {
      if (isUniqueViolation(error)) throw new StorageError('exists', `A user named "${user.username}" already exists.`)
      throw error
    }
  }

  async getUser(username: string): Promise<UserRecord | undefined> {
    const { rows } = await this.query<UserRow>('SELECT * FROM users WHERE username = $1', [username])
    return rows[0] && toUser(rows[0])
  }

  async listUsers(): Promise<UserRecord[]> {
    return (await this.query<UserRow>('SELECT * FROM users ORDER BY username')).rows.map(toUser)
  }

  /** One statement: absent fields keep their value (coalesce). */
  async updateUser(username: string, patch: UserPatch): Promise<UserRecord> {
    const { rows } = await this.query<UserRow>(
      `UPDATE users SET role = coalesce($2, role), actors = coalesce($3, actors), password_hash = coalesce($4, password_hash),
        active = coalesce($5, active), must_change_password = coalesce($6, must_change_password)
      WHERE username = $1 RETURNING *`,
      [
        username,
        patch.role ?? null,
        patch.actors ? [...patch.actors] : null,
        patch.passwordHash ?? null,
        patch.active ?? null,
        patch.mustChangePassword ?? null,
      ],
    )
    if (rows[0] === undefined) throw new StorageError('not-found', `No user named "${username}".`)
    return toUser(rows[0])
  }

  async deleteUser(username: string): Promise<void> {
    const { rowCount } = await this.query('DELETE FROM users WHERE username = $1', [username])
    if (rowCount === 0) throw new StorageError('not-found', `No user named "${username}".`)
  }

  async createSession(session: SessionRecord): Promise<void> {
    await this.query('INSERT INTO sessions (token_hash, username, created_at, last_seen) VALUES ($1, $2, $3, $4)', [
      session.tokenHash,
      session.username,
      session.createdAt,
      session.lastSeen,
    ])
  }

  async getSession(tokenHash: string): Promise<SessionRecord | undefined> {
    const { rows } = await this.query<SessionRow>('SELECT * FROM sessions WHERE token_hash = $1', [tokenHash])
    return rows[0] && toSession(rows[0])
  }

  async touchSession(tokenHash: string, time: number): Promise<void> {
    await this.query('UPDATE sessions SET last_seen = $2 WHERE token_hash = $1', [tokenHash, time])
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash])
  }

  async deleteSessionsOf(username: string, except?: string): Promise<string[]> {
    const { rows } = await this.query<{ token_hash: string }>(
      'DELETE FROM sessions WHERE username = $1 AND token_hash IS DISTINCT FROM $2 RETURNING token_hash',
      [username, except ?? null],
    )
    return rows.map((row) => row.token_hash)
  }

  async deleteSessionsIdleSince(time: number): Promise<number> {
    return (await this.query('DELETE FROM sessions WHERE last_seen < $1', [time])).rowCount ?? 0
  }

  /**
   * One upsert timed by `clock_timestamp()`, the database's clock at the moment of the statement,
   * so instances whose clocks disagree still agree on when a lease expires. Two instances taking a
   * free name at once: the unique key makes the second wait for the first and then see it held.
   */
  async addAuditEntry(entry: NewAuditEntry): Promise<void> {
    await this.query(
      'INSERT INTO audit (time, kind, username, ip, report, target, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [entry.time, entry.kind, entry.user, entry.ip, entry.report ?? null, entry.target ?? null, entry.detail],
    )
  }

  async listAuditEntries(query: AuditQuery): Promise<AuditRecord[]> {
    const where: string[] = []
    const values: unknown[] = []
    const conditions: Array<[string, unknown]> = [
      ['kind = ANY($?)', query.kinds !== undefined && query.kinds.length > 0 ? [...query.kinds] : undefined],
      ['username = $?', query.user],
      ['report = $?', query.report],
      ['time >= $?', query.from],
      ['time <= $?', query.to],
      ['id < $?', query.before],
    ]
    for (const [condition, value] of conditions) {
      if (value === undefined) continue
      values.push(value)
      where.push(condition.replace('$?', `$${values.length}`))
    }
    values.push(query.limit)
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''
    const { rows } = await this.query<AuditRow>(
      `SELECT * FROM audit ${filter} ORDER BY id DESC LIMIT $${values.length}`,
      values,
    )
    return rows.map(toAudit)
  }

  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const { rows } = await this.query<{ holder: string }>(
      `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, clock_timestamp() + $3::float8 * interval '1 millisecond')
      ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
      WHERE leases.holder = excluded.holder OR leases.expires_at <= clock_timestamp()
      RETURNING holder`,
      [name, holder, ttlMs],
    )
    return rows[0]?.holder === holder
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder])
  }
}

/** Byte order of JavaScript strings by code unit, close enough to "C" for a lock order (any fixed order avoids deadlocks). */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
