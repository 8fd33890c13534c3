// The storage interface: everything the server keeps. Async, so that a PostgreSQL implementation
// can follow the SQLite one without changing any caller.

import type { ReportKind, ReportStatus } from '../../schema/report.ts'

/** The roles a user can have, from most to least powerful. */
export const roles = ['admin', 'editor', 'translator', 'agency', 'viewer'] as const

/** A user's role. */
export type Role = (typeof roles)[number]

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

/** The kinds of version. */
export type VersionKind = 'auto' | 'named' | 'restore' | 'published'

/** A version: a name for the state at a seq. Compaction never merges across a version's seq. */
export interface VersionRecord {
  readonly report: string
  readonly id: string
  readonly seq: number
  readonly kind: VersionKind
  readonly name: string | undefined
  readonly createdAt: number
  readonly authors: readonly string[]
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
  /** `scrypt$N$salt$hash` (see auth/passwords.ts). */
  readonly passwordHash: string
  readonly createdAt: number
}

/** A change to a user; absent fields stay. */
export interface UserPatch {
  readonly role?: Role
  readonly actors?: readonly string[]
  readonly passwordHash?: string
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

  /** Adds a version. Rejects `exists` for a taken id. */
  addVersion(version: VersionRecord): Promise<void>
  /** The versions of a report, newest first. */
  listVersions(report: string): Promise<VersionRecord[]>

  /** Creates a user. Rejects `exists`. */
  createUser(user: UserRecord): Promise<void>
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
  /** Ends every session of a user; resolves with their token hashes. */
  deleteSessionsOf(username: string): Promise<string[]>
  /** Drops sessions last used before `time`; resolves with how many. */
  deleteSessionsIdleSince(time: number): Promise<number>
}
