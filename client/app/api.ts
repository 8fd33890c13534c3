import type * as z from 'zod/mini'
import { loginAnswer, userAnswer, type PublicUser } from '../../schema/api/users.ts'
import { reportList, type ReportSummary } from '../../schema/api/reports.ts'
import { errorMessage } from '../../schema/error-message.ts'

export type { ReportSummary }

/** The signed-in user as `GET /api/me` describes it. */
export type User = PublicUser

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

/**
 * `value` read with the contract's `schema` (`schema/api/`); throws `ApiError` with code
 * `bad_response`, naming `what`, when the server's answer is not in that shape.
 */
export function parseAnswer<T>(schema: z.ZodMiniType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value)
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new ApiError(
      0,
      'bad_response',
      `The server's ${what} is not in the expected shape (${issue?.path.join('.') || 'answer'}: ${issue?.message ?? 'invalid'})`,
    )
  }
  return result.data
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
    throw new ApiError(0, 'network', errorMessage(error))
  }
  const text = await response.text()
  let json: unknown = null
  if (text !== '') {
    try {
      json = JSON.parse(text)
    } catch {
      throw new ApiError(
        response.status,
        'bad_response',
        `The server answered ${response.status} with something that is not JSON`,
      )
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
  return parseAnswer(loginAnswer, await request('POST', '/api/login', { username, password }), 'sign-in answer').user
}

/** `GET /api/me`: the signed-in user, or null when there is no valid session (401). */
export async function me(): Promise<User | null> {
  try {
    return parseAnswer(userAnswer, await request('GET', '/api/me'), 'user')
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
  return parseAnswer(reportList, await request('GET', '/api/reports'), 'report list')
}
