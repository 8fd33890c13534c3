// Rows of the PostgreSQL tables (`migrations.ts`) and the storage records they hold.

import type { ReportKind, ReportStatus } from '../../../schema/report.ts'
import type { Role } from '../../../schema/roles.ts'
import type { AuditKind } from '../../../schema/api/audit.ts'
import type {
  AuditRecord,
  BlockStateRecord,
  ReportRecord,
  SessionRecord,
  StoredUpdate,
  UserRecord,
  VersionAuthor,
  VersionKind,
  VersionRecord,
} from '../storage.ts'

/** A row of `reports` (without the seq columns). */
export interface ReportRow {
  id: string
  title_es: string
  title_en: string
  kind: string
  status: string
  created_at: number
}
/** A row of `updates`. */
export interface UpdateRow {
  report: string
  seq: number
  data: Buffer
  username: string
  time: number
}
/** A row of `users`. */
export interface UserRow {
  username: string
  role: string
  actors: string[]
  password_hash: string
  created_at: number
  active: boolean
  must_change_password: boolean
}
/** A row of `audit`. */
export interface AuditRow {
  id: number
  time: number
  kind: string
  username: string
  ip: string
  report: string | null
  target: string | null
  detail: string
}
/** A row of `sessions`. */
export interface SessionRow {
  token_hash: string
  username: string
  created_at: number
  last_seen: number
}
/** A row of `versions` (`json` columns arrive parsed). */
export interface VersionRow {
  report: string
  id: number
  seq: number
  kind: string
  name: string | null
  reason: string | null
  created_at: number
  created_by: string
  authors: VersionAuthor[]
  hashes: Record<string, string>
}
/** A row of `block_states`. */
export interface BlockStateRow {
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

/** The report a row holds. */
export const toReport = (row: ReportRow): ReportRecord => ({
  id: row.id,
  title: { es: row.title_es, en: row.title_en },
  kind: row.kind as ReportKind,
  status: row.status as ReportStatus,
  createdAt: row.created_at,
})
/** The log entry a row holds. */
export const toUpdate = (row: UpdateRow): StoredUpdate => ({
  report: row.report,
  seq: row.seq,
  update: new Uint8Array(row.data),
  user: row.username,
  time: row.time,
})
/** The user a row holds. */
export const toUser = (row: UserRow): UserRecord => ({
  username: row.username,
  role: row.role as Role,
  actors: row.actors,
  passwordHash: row.password_hash,
  createdAt: row.created_at,
  active: row.active,
  mustChangePassword: row.must_change_password,
})
/** The audit entry a row holds. */
export const toAudit = (row: AuditRow): AuditRecord => ({
  id: row.id,
  time: row.time,
  kind: row.kind as AuditKind,
  user: row.username,
  ip: row.ip,
  ...(row.report !== null && { report: row.report }),
  ...(row.target !== null && { target: row.target }),
  detail: row.detail,
})
/** The session a row holds. */
export const toSession = (row: SessionRow): SessionRecord => ({
  tokenHash: row.token_hash,
  username: row.username,
  createdAt: row.created_at,
  lastSeen: row.last_seen,
})
/** The version a row holds. */
export const toVersion = (row: VersionRow): VersionRecord => ({
  report: row.report,
  id: row.id,
  seq: row.seq,
  kind: row.kind as VersionKind,
  name: row.name ?? undefined,
  ...(row.reason !== null && { reason: row.reason }),
  createdAt: row.created_at,
  createdBy: row.created_by,
  authors: row.authors,
  hashes: row.hashes,
})
/** The block pair's state a row holds. */
export const toBlockState = (row: BlockStateRow): BlockStateRecord => ({
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
