import type { ErrorRequestHandler } from 'express'
import { logEvent } from './log.ts'

/** An error answered to an HTTP client: a status, a stable code and a message a person can act on. */
export class HttpError extends Error {
  /** The HTTP status to answer with. */
  readonly status: number
  /** A stable code for programs, such as `not-found`. */
  readonly code: string
  /** Extra headers to send with the answer (e.g. `Retry-After`). */
  readonly headers: Readonly<Record<string, string>>

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message)
    this.name = 'HttpError'
    this.status = status
    this.code = code
    this.headers = headers
  }
}

/** 400: the request itself is malformed. */
export const badRequest = (code: string, message: string): HttpError => new HttpError(400, code, message)
/** 401: not signed in, or the session ended. */
export const unauthorized = (message = 'Sign in first (POST /api/login).'): HttpError =>
  new HttpError(401, 'unauthorized', message)
/** 403: signed in, but the role does not allow this. */
export const forbidden = (message: string): HttpError => new HttpError(403, 'forbidden', message)
/** 403 `password-change-required`: the user's password was set by an admin; they choose their own first (`POST /api/me/password`). */
export const passwordChangeRequired = (): HttpError =>
  new HttpError(
    403,
    'password-change-required',
    'Choose a new password first (POST /api/me/password): yours was set by an administrator.',
  )
/** 404: no such thing. */
export const notFound = (message: string): HttpError => new HttpError(404, 'not-found', message)
/** 409: it already exists, or the change conflicts with the current state. */
export const conflict = (code: string, message: string): HttpError => new HttpError(409, code, message)
/** 413: the body is larger than the limit. */
export const tooLarge = (message: string): HttpError => new HttpError(413, 'too-large', message)
/** 422: the input is well-formed but cannot be used. */
export const unprocessable = (code: string, message: string): HttpError => new HttpError(422, code, message)
/** 429: too many attempts; retry after `retryAfterSeconds`. */
export const tooManyRequests = (message: string, retryAfterSeconds: number): HttpError =>
  new HttpError(429, 'too-many-requests', message, { 'Retry-After': String(retryAfterSeconds) })

/** The shape of every error answer. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string }
}

function fromBodyParser(error: unknown): HttpError | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const { type, code } = error as { type?: unknown; code?: unknown }
  if (type === 'entity.too.large' || code === 'LIMIT_FILE_SIZE' || code === 'LIMIT_FIELD_VALUE') {
    return tooLarge('The request body is larger than the server accepts.')
  }
  if (type === 'entity.parse.failed') return badRequest('bad-json', 'The request body is not valid JSON.')
  if (code === 'LIMIT_UNEXPECTED_FILE') return badRequest('bad-upload', 'Only the files "es" and "en" can be uploaded.')
  if (typeof code === 'string' && code.startsWith('LIMIT_'))
    return badRequest('bad-upload', `The upload was refused (${code}).`)
  if (type === 'encoding.unsupported' || type === 'charset.unsupported')
    return new HttpError(415, 'unsupported-encoding', 'The body encoding is not supported.')
  return undefined
}

/**
 * The last Express middleware: answers `{error:{code,message}}` with a fitting status, never a
 * stack trace. Unexpected errors are logged with `log` and answered 500.
 */
export function errorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const known = error instanceof HttpError ? error : fromBodyParser(error)
    if (known === undefined) {
      logEvent(log, { level: 'error', event: 'internal-error', code: 500, message: 'internal error', error })
    }
    const answer =
      known ?? new HttpError(500, 'internal', 'The server failed to handle this request; it has been logged.')
    if (res.headersSent) return
    res
      .status(answer.status)
      .set(answer.headers)
      .json({ error: { code: answer.code, message: answer.message } } satisfies ErrorBody)
  }
}
