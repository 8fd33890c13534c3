import type { Bilingual } from '../../schema/languages.ts'
import type { ReportKind, ReportStatus } from '../../schema/report.ts'

/** The roles a user can have (interface.md, `/api/users`). */
export type Role = 'admin' | 'editor' | 'translator' | 'agency' | 'viewer'

/** The signed-in user as `GET /api/me` describes it. */
export interface User {
  readonly username: string
  readonly role: Role
  /** Actor ids an agency user may edit; empty for other roles. */
  readonly actors: readonly string[]
}

/** One entry of `GET /api/reports`. */
export interface ReportSummary {
  readonly id: string
  readonly title: Bilingual
  readonly kind: ReportKind
  readonly status: ReportStatus
}

/** An error answered by the API (`{error:{code,message}}`), or a network failure (`status` 0). */
export class ApiError extends Error {
  /** Build from the HTTP status, the server's stable code and its message. */
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

const roles: readonly Role[] = ['admin', 'editor', 'translator', 'agency', 'viewer']

/** Validate a user object from the server; throws `ApiError` with code `bad_response` when it is not one. */
export function parseUser(value: unknown): User {
  const v = value as { username?: unknown; role?: unknown; actors?: unknown } | null
  if (!v || typeof v.username !== 'string' || !roles.includes(v.role as Role)) {
    throw new ApiError(0, 'bad_response', 'The server sent a user without a username or a known role')
  }
  const actors = Array.isArray(v.actors) ? v.actors.filter((a): a is string => typeof a === 'string') : []
  return { username: v.username, role: v.role as Role, actors }
}

/** Send a JSON request to the API; answers the parsed JSON or throws `ApiError` (status 0 for network failures). */
export async function request(method: string, path: string, body?: unknown): Promise<unknown> {
  let response: Response
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      // No headers without a body: `GET /api/me` must be the very request index.html preloads.
      ...(body === undefined ? {} : { headers: { accept: 'application/json', 'content-type': 'application/json' } }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error))
  }
  const text = await response.text()
  let json: unknown = null
  if (text !== '') {
    try {
      json = JSON.parse(text)
    } catch {
      throw new ApiError(response.status, 'bad_response', `The server answered ${response.status} with something that is not JSON`)
    }
  }
  if (!response.ok) {
    const error = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error
    throw new ApiError(
      response.status,
      typeof error?.code === 'string' ? error.code : `http_${response.status}`,
      typeof error?.message === 'string' ? error.message : response.statusText,
    )
  }
  return json
}

/** `POST /api/login`: signs in (the server sets the session cookie) and returns the user. */
export async function login(username: string, password: string): Promise<User> {
  const answer = (await request('POST', '/api/login', { username, password })) as { user?: unknown } | null
  return parseUser(answer?.user)
}

/** `GET /api/me`: the signed-in user, or null when there is no valid session (401). */
export async function me(): Promise<User | null> {
  try {
    return parseUser(await request('GET', '/api/me'))
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null
    throw error
  }
}

/** `POST /api/logout`: ends the session. */
export async function logout(): Promise<void> {
  await request('POST', '/api/logout')
}

/** `GET /api/reports`: the reports the user can open. */
export async function listReports(): Promise<ReportSummary[]> {
  const answer = await request('GET', '/api/reports')
  if (!Array.isArray(answer)) throw new ApiError(0, 'bad_response', 'The report list is not an array')
  return answer.filter((r): r is ReportSummary => typeof (r as ReportSummary | null)?.id === 'string')
}
