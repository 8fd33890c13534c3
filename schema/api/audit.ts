// The audit log (interface.md, "Pages": `/admin`): who did what, when, from where.
// `GET /api/audit?kind=&user=&report=&from=&to=&before=&limit=&format=csv` (admin only).

import * as z from 'zod/mini'
import { text, type BodyContract } from './contract.ts'

/**
 * What an entry records: signing in (and failing to), imports, changes to accounts and their
 * rights, restores, publishes, changes to the actors registry, and collaboration changes the
 * server refused (4403).
 */
export const auditKinds = [
  'sign-in',
  'sign-in-failed',
  'import',
  'user-created',
  'role-changed',
  'actors-changed',
  'user-deactivated',
  'user-reactivated',
  'password-reset',
  'password-changed',
  'user-deleted',
  'restore',
  'publish',
  'actor-added',
  'actor-changed',
  'change-refused',
] as const

/** A kind of audit entry. */
export type AuditKind = (typeof auditKinds)[number]

/** True when `value` is an audit kind. */
export function isAuditKind(value: unknown): value is AuditKind {
  return typeof value === 'string' && (auditKinds as readonly string[]).includes(value)
}

/** Most entries one page holds (`limit`); the default is {@link defaultAuditPage}. */
export const maxAuditPage = 500
/** Entries per page when `limit` is not given. */
export const defaultAuditPage = 50

/** An entry as the API answers it. */
export const auditEntryAnswer = z.object({
  /** Increasing in the order entries were written: the `before` of the next page. */
  id: z.number(),
  /** ISO 8601. */
  time: z.string(),
  kind: z.enum(auditKinds),
  /** Who acted: the signed-in user, or the username tried at a failed sign-in. */
  user: z.string(),
  /** The client's address as the server determines it (`TRUST_PROXY`). */
  ip: z.string(),
  report: z.optional(z.string()),
  /** The account or actor acted on, when it is not `user`. */
  target: z.optional(z.string()),
  /** A short description, in English. */
  detail: z.string(),
})

/** An audit entry as the API answers it. */
export type AuditEntryJSON = z.infer<typeof auditEntryAnswer>

/** `GET /api/audit`: newest first; `next` is the `before` of the next page, absent on the last. */
export const auditPage = z.object({
  entries: z.array(auditEntryAnswer),
  next: z.optional(z.number()),
})

/** A page of the audit log. */
export type AuditPageJSON = z.infer<typeof auditPage>

/** The columns of the CSV export, in order. */
export const auditCsvColumns = ['id', 'time', 'kind', 'user', 'ip', 'report', 'target', 'detail'] as const

const kindMessage = `kind must be one or more of ${auditKinds.join(', ')}, separated by commas.`
const timeMessage = 'from and to must be dates (2026-12-04, 2026-12-04T17:00:00Z) or milliseconds since 1970.'
const limitMessage = `limit must be a whole number from 1 to ${maxAuditPage}.`
const beforeMessage = 'before must be an entry id (the next value of the previous page).'
const nameMessage = 'user and report must be at most 200 characters.'

/** A time as `from`/`to` take it, in milliseconds; NaN when it is not one. */
export function parseAuditTime(value: string): number {
  return /^\d+$/.test(value) ? Number(value) : Date.parse(value)
}

const time = text(
  timeMessage,
  z.refine((value) => Number.isFinite(parseAuditTime(value)), timeMessage),
)
const whole = (message: string, max: number) =>
  text(
    message,
    z.regex(/^[1-9]\d{0,15}$/, message),
    z.refine((value) => Number(value) <= max, message),
  )

/** The query of `GET /api/audit`, as its parameters arrive (text); every one optional. */
export const auditQuery: BodyContract<{
  kind?: string | undefined
  user?: string | undefined
  report?: string | undefined
  from?: string | undefined
  to?: string | undefined
  before?: string | undefined
  limit?: string | undefined
  format?: 'json' | 'csv' | undefined
}> = {
  schema: z.object({
    kind: z.optional(
      text(
        kindMessage,
        z.refine((value) => value.split(',').every((kind) => isAuditKind(kind.trim())), kindMessage),
      ),
    ),
    user: z.optional(text(nameMessage, z.maxLength(200, nameMessage))),
    report: z.optional(text(nameMessage, z.maxLength(200, nameMessage))),
    from: z.optional(time),
    to: z.optional(time),
    before: z.optional(whole(beforeMessage, Number.MAX_SAFE_INTEGER)),
    limit: z.optional(whole(limitMessage, maxAuditPage)),
    format: z.optional(z.enum(['json', 'csv'], { error: 'format must be "csv", or omitted for JSON.' })),
  }),
  shape: '?kind=&user=&report=&from=&to=&before=&limit=&format=csv',
  fields: {
    kind: { status: 400, code: 'bad-kind' },
    user: { status: 400, code: 'bad-user' },
    report: { status: 400, code: 'bad-report' },
    from: { status: 400, code: 'bad-time' },
    to: { status: 400, code: 'bad-time' },
    before: { status: 400, code: 'bad-before' },
    limit: { status: 400, code: 'bad-limit' },
    format: { status: 400, code: 'bad-format' },
  },
}
