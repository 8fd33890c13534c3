// What the administration page asks the server (`/api/users`, `/api/reports/:id/actors`,
// `/api/audit`), read with the contracts of `schema/api/`.

import { actorAnswer, actorList, type ActorJSON } from '../../schema/api/actors.ts'
import { auditPage, type AuditKind, type AuditPageJSON } from '../../schema/api/audit.ts'
import { userAnswer, userList, type PublicUser } from '../../schema/api/users.ts'
import type { Role } from '../../schema/roles.ts'
import { ApiError, parseAnswer, request } from '../app/api.ts'
import { isMessageKey, t } from '../i18n/locale.ts'

export type { ActorJSON, AuditPageJSON, PublicUser }

/** A new account: the user changes `password` at first sign-in. */
export interface NewAccount {
  readonly username: string
  readonly password: string
  readonly role: Role
  readonly actors: readonly string[]
}

/** A change to an account; absent fields stay. */
export interface AccountChange {
  readonly role?: Role
  readonly actors?: readonly string[]
  readonly password?: string
  readonly active?: boolean
}

/** The audit filters as the page holds them: empty text means "any". */
export interface AuditFilters {
  readonly kind: AuditKind | ''
  readonly user: string
  readonly report: string
  /** `YYYY-MM-DD`, from the start of that day (UTC). */
  readonly from: string
  /** `YYYY-MM-DD`, to the end of that day (UTC). */
  readonly to: string
}

/** `GET /api/users`. Throws `ApiError`. */
export async function listUsers(): Promise<PublicUser[]> {
  return parseAnswer(userList, await request('GET', '/api/users'), 'user list')
}

/** `POST /api/users`. Throws `ApiError` (409 `user-exists`, 400 with the field). */
export async function createUser(account: NewAccount): Promise<PublicUser> {
  const body = { ...account, actors: account.role === 'agency' ? account.actors : [] }
  return parseAnswer(userAnswer, await request('POST', '/api/users', body), 'new user')
}

/** `PATCH /api/users/:username`. Throws `ApiError` (409 `last-admin`, `own-account`). */
export async function changeUser(username: string, change: AccountChange): Promise<PublicUser> {
  return parseAnswer(
    userAnswer,
    await request('PATCH', `/api/users/${encodeURIComponent(username)}`, change),
    'changed user',
  )
}

function actorsPath(reportId: string): string {
  return `/api/reports/${encodeURIComponent(reportId)}/actors`
}

/** `GET /api/reports/:id/actors`. Throws `ApiError`. */
export async function listActors(reportId: string): Promise<ActorJSON[]> {
  return parseAnswer(actorList, await request('GET', actorsPath(reportId)), 'actor list')
}

/** `POST /api/reports/:id/actors`. Throws `ApiError` (409 `actor-exists`, 422 with the field). */
export async function addActor(reportId: string, actor: ActorJSON): Promise<ActorJSON> {
  return parseAnswer(actorAnswer, await request('POST', actorsPath(reportId), actor), 'new actor')
}

/** `PATCH /api/reports/:id/actors/:actor`: new names and acronyms. Throws `ApiError`. */
export async function changeActor(
  reportId: string,
  actorId: string,
  change: Pick<ActorJSON, 'name' | 'acronym'>,
): Promise<ActorJSON> {
  return parseAnswer(
    actorAnswer,
    await request('PATCH', `${actorsPath(reportId)}/${encodeURIComponent(actorId)}`, change),
    'changed actor',
  )
}

/** The query string of `filters` (and `extra`), without empty ones. */
export function auditQueryString(filters: AuditFilters, extra: Readonly<Record<string, string>> = {}): string {
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries({ ...filters, ...extra })) if (value !== '') query.set(name, value)
  const text = query.toString()
  return text === '' ? '' : `?${text}`
}

/** `GET /api/audit`: one page, newest first; `before` is the previous page's `next`. Throws `ApiError`. */
export async function auditEntries(filters: AuditFilters, before?: number): Promise<AuditPageJSON> {
  const extra: Record<string, string> = before === undefined ? {} : { before: String(before) }
  return parseAnswer(auditPage, await request('GET', `/api/audit${auditQueryString(filters, extra)}`), 'audit log')
}

/** The address of the CSV export of every entry matching `filters`. */
export function auditCsvPath(filters: AuditFilters): string {
  return `/api/audit${auditQueryString(filters, { format: 'csv' })}`
}

/** What went wrong, in words of the interface language: the known codes translated, others as the server said them. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return t('actionFailed', { message: String(error) })
  if (error.status === 0 && error.code === 'network') return t('networkError')
  const key = `err_${error.code}`
  return t('actionFailed', { message: isMessageKey(key) ? t(key) : error.message })
}
