// The storage interface: everything the server keeps. Async, so that a PostgreSQL implementation
// can follow the SQLite one without changing any caller.

import type { ReportKind, ReportStatus } from '../../schema/report.ts'
import type { VersionAuthor, VersionKind } from '../../schema/api/versions.ts'
import type { AuditKind } from '../../schema/api/audit.ts'

import type { Role } from '../../schema/roles.ts'

/** A report as listed (its content lives in the log). */
export interface ReportRecord {
  readonly id: string
  readonly title: { readonly es: string; readonly en: string }
  readonly kind: ReportKind
  readonly status: ReportStatus
  /** Milliseconds since the epoch. */
  readonly createdAt: number
}

/** An update to append to a report's log. */
export interface NewUpdate {
  readonly report: string
  /** The Yjs update (v1 encoding). */
  readonly update: Uint8Array
  /** Who made it (`system` for imports). */
  readonly user: string
  /** Milliseconds since the epoch. */
  readonly time: number
}

/** An update as stored, with its position in the report's log. */
export interface StoredUpdate extends NewUpdate {
  /** Position in the report's log, from 1, without gaps. */
  readonly seq: number
}

/** The merged state of a report at a seq. */
export interface Checkpoint {
  readonly report: string
  readonly seq: number
  /** A Yjs update holding the whole state at `seq`. */
  readonly state: Uint8Array
}

/** What loading a report needs: the latest checkpoint and the updates after it. */
export interface LoadedLog {
  readonly checkpoint: Checkpoint | undefined
  readonly updates: readonly StoredUpdate[]
  /** The seq of the last entry (0 for none). */
  readonly lastSeq: number
}

/** The version shapes are the HTTP contract's (`schema/api/versions.ts`). */
export type { VersionAuthor, VersionKind }

/** A version to add; storage gives it the next id of its report. */
export interface NewVersion {
  readonly report: string
  readonly seq: number
  readonly kind: VersionKind
  readonly name: string | undefined
  /** Why a version was published before every section was approved in both languages (published versions only). */
  readonly reason?: string | undefined
  /** Milliseconds since the epoch. */
  readonly createdAt: number
  /** The user who made it, or `system` for automatic versions. */
  readonly createdBy: string
  readonly authors: readonly VersionAuthor[]
  /** A content hash per section id (and `*` for outline, meta except status, and actors), to skip unchanged automatic versions. */
  readonly hashes: Readonly<Record<string, string>>
}

/** A version: a name for the state at a seq. Compaction never merges across a version's seq. */
export interface VersionRecord extends NewVersion {
  /** Positive, increasing per report in creation order. */
  readonly id: number
}

/** What is known of one aligned block pair's history (translation status). */
export interface BlockStateRecord {
  readonly report: string
  readonly section: string
  readonly block: string
  /** Seq of the last change to the Spanish side (0: never changed since import). */
  readonly esChangedAt: number
  /** Seq of the last change to the English side. */
  readonly enChangedAt: number
  /** Seq at which the pair was last in step (import: 0; then the seq of the last mark). */
  readonly inStepAt: number
  readonly mark: 'translated' | 'reviewed' | undefined
  readonly markedBy: string | undefined
  /** Milliseconds since the epoch, when marked. */
  readonly markedAt: number | undefined
}

/** One side of a block changed at a seq. */
export interface BlockChangeRecord {
  readonly section: string
  readonly block: string
  readonly language: 'es' | 'en'
  readonly seq: number
}

/** What compaction did. */
export interface CompactionResult {
  /** Log entries merged away. */
  readonly merged: number
  /** Seqs at which checkpoints were written. */
  readonly checkpoints: readonly number[]
}

/** A user account. */
export interface UserRecord {
  readonly username: string
  readonly role: Role
  /** Actor ids an agency user may edit (empty for other roles). */
  readonly actors: readonly string[]
  /** `scrypt$n=N,r=R,p=P$salt$hash`, or the older `scrypt$N$salt$hash` (see auth/passwords.ts). */
  readonly passwordHash: string
  readonly createdAt: number
  /** False once an admin deactivated the account: it cannot sign in and has no sessions. */
  readonly active: boolean
  /** True until the user chose a password of their own (after being created, or after an admin reset it). */
  readonly mustChangePassword: boolean
}

/** A user to create: `active` defaults to true, `mustChangePassword` to false. */
export interface NewUserRecord extends Omit<UserRecord, 'active' | 'mustChangePassword'> {
  readonly active?: boolean
  readonly mustChangePassword?: boolean
}

/** A change to a user; absent fields stay. */
export interface UserPatch {
  readonly role?: Role
  readonly actors?: readonly string[]
  readonly passwordHash?: string
  readonly active?: boolean
  readonly mustChangePassword?: boolean
}

/** An entry to write to the audit log. */
export interface NewAuditEntry {
  /** Milliseconds since the epoch. */
  readonly time: number
  readonly kind: AuditKind
  /** Who acted (the username tried, for a failed sign-in). */
  readonly user: string
  /** The client's address. */
  readonly ip: string
  readonly report?: string | undefined
  /** The account or actor acted on, when it is not `user`. */
  readonly target?: string | undefined
  readonly detail: string
}

/** An audit entry as stored. */
export interface AuditRecord extends NewAuditEntry {
  /** Increasing in writing order. */
  readonly id: number
}

/** Which audit entries to list: every given filter must hold; newest first. */
export interface AuditQuery {
  readonly kinds?: readonly AuditKind[]
  readonly user?: string
  readonly report?: string
  /** Entries at or after this time (ms). */
  readonly from?: number
  /** Entries at or before this time (ms). */
  readonly to?: number
  /** Only entries with a smaller id (the next page). */
  readonly before?: number
  /** At most this many. */
  readonly limit: number
}

/** A session: only the hash of its token is kept. */
export interface SessionRecord {
  /** SHA-256 of the token, hex. */
  readonly tokenHash: string
  readonly username: string
  readonly createdAt: number
  readonly lastSeen: number
}

/** Stable codes of storage failures. */
export type StorageErrorCode = 'exists' | 'not-found' | 'compacted'

/** A storage operation refused for a reason the caller can act on. */
export class StorageError extends Error {
  /** A stable code for programs. */
  readonly code: StorageErrorCode
  constructor(code: StorageErrorCode, message: string) {
    super(message)
    this.name = 'StorageError'
    this.code = code
  }
}

/** Everything the server stores. Every method may reject with `StorageError` or a driver error. */
export interface Storage {
  /** Resolves when the store answers (for /readyz). */
  ping(): Promise<void>
  /** Flushes and closes; no method may be called afterwards. */
  close(): Promise<void>

  /** Creates a report with its initial content as log entry 1, in one transaction. Rejects `exists`. */
  createReport(report: ReportRecord, initialUpdate: Uint8Array, user: string): Promise<void>
  /** The report, or undefined. */
  getReport(id: string): Promise<ReportRecord | undefined>
  /** All reports, oldest first. */
  listReports(): Promise<ReportRecord[]>

  /** Appends updates (possibly to several reports) in one durable transaction; resolves with their seqs, in order. */
  appendUpdates(updates: readonly NewUpdate[]): Promise<number[]>
  /** The latest checkpoint and the updates after it. Rejects `not-found` for an unknown report. */
  loadLog(report: string): Promise<LoadedLog>
  /** The state at `seq` as one Yjs update: checkpoint ≤ seq plus the updates up to seq. Rejects `compacted` when that state was merged away. */
  stateAt(report: string, seq: number): Promise<Uint8Array>
  /**
   * What rebuilding the state at `seq` needs: the latest checkpoint at or before it and the updates
   * after that up to `seq` (applying them is faster than merging them). Rejects like {@link stateAt}.
   */
  logAt(report: string, seq: number): Promise<LoadedLog>
  /** Log entries with seq in (after, upTo], oldest first. */
  updatesBetween(report: string, after: number, upTo: number): Promise<StoredUpdate[]>
  /** Writes a checkpoint of the state at `seq` (must equal `stateAt(report, seq)`). */
  putCheckpoint(checkpoint: Checkpoint): Promise<void>
  /**
   * Merges the log up to `upTo` (default: the last seq) into checkpoints, one at every version's
   * seq in that range and one at `upTo`, then drops the merged entries. Every version's state
   * stays exactly rebuildable.
   */
  compact(report: string, upTo?: number): Promise<CompactionResult>

  /**
   * Adds a version with the next id of its report; resolves with it. Rejects `exists` for a
   * second `auto` version at the same seq (so several instances cannot both make it).
   */
  addVersion(version: NewVersion): Promise<VersionRecord>
  /** The versions of a report, newest (highest id) first. */
  listVersions(report: string): Promise<VersionRecord[]>
  /** One version, or undefined. */
  getVersion(report: string, id: number): Promise<VersionRecord | undefined>
  /** Sets a report's listed status (`published` after publishing). Rejects `not-found`. */
  setReportStatus(report: string, status: ReportStatus): Promise<void>

  /** Records block sides that changed (each side's changed-at becomes that seq), in one transaction. */
  recordBlockChanges(report: string, changes: readonly BlockChangeRecord[]): Promise<void>
  /** Marks a pair translated or reviewed: it is in step at `seq` from now on. Resolves with the record. */
  markBlock(
    report: string,
    section: string,
    block: string,
    mark: 'translated' | 'reviewed',
    user: string,
    seq: number,
    time: number,
  ): Promise<BlockStateRecord>
  /** Every recorded pair of a report (pairs never changed since import have no record). */
  listBlockStates(report: string): Promise<BlockStateRecord[]>

  /** Creates a user. Rejects `exists`. */
  createUser(user: NewUserRecord): Promise<void>
  /** The user, or undefined. */
  getUser(username: string): Promise<UserRecord | undefined>
  /** All users, by name. */
  listUsers(): Promise<UserRecord[]>
  /** Changes a user. Rejects `not-found`. */
  updateUser(username: string, patch: UserPatch): Promise<UserRecord>
  /** Deletes a user and its sessions. Rejects `not-found`. */
  deleteUser(username: string): Promise<void>

  /** Stores a new session. */
  createSession(session: SessionRecord): Promise<void>
  /** The session with that token hash, or undefined. */
  getSession(tokenHash: string): Promise<SessionRecord | undefined>
  /** Records use of a session. */
  touchSession(tokenHash: string, time: number): Promise<void>
  /** Ends a session. */
  deleteSession(tokenHash: string): Promise<void>
  /** Ends every session of a user except the one with token hash `except` (when given); resolves with the ended sessions' token hashes. */
  deleteSessionsOf(username: string, except?: string): Promise<string[]>
  /** Drops sessions last used before `time`; resolves with how many. */
  deleteSessionsIdleSince(time: number): Promise<number>

  /** Appends an entry to the audit log. */
  addAuditEntry(entry: NewAuditEntry): Promise<void>
  /** Audit entries matching `query`, newest (highest id) first. */
  listAuditEntries(query: AuditQuery): Promise<AuditRecord[]>

  /**
   * Takes the lease `name` for `holder` for `ttlMs` when it is free, expired or already
   * `holder`'s (renewing it); resolves true when `holder` holds it afterwards. Atomic across
   * every process sharing the store, timed by the store's own clock: with several instances, the
   * holder of `report:<id>` is the one that makes that report's versions and compacts it.
   */
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>
  /** Gives the lease up if `holder` holds it (otherwise does nothing). */
  releaseLease(name: string, holder: string): Promise<void>
}
