// How an HTTP request body is described once, for the server that checks it and the client that
// sends it (interface.md, "HTTP"). The schemas are zod's (`zod/mini`: the client bundle keeps
// only what it uses); each body names the error code and status a failing field answers, so the
// codes programs rely on (`bad-username`, `import-invalid-option`, …) stay stable.

import * as z from 'zod/mini'

/** The answer to a field that fails: its HTTP status and stable code. */
export interface FieldError {
  readonly status: 400 | 422
  readonly code: string
}

/** A request body: its schema, what to send (said when the body is not an object), and the error of each field. */
export interface BodyContract<T> {
  readonly schema: z.ZodMiniType<T>
  /** The whole expected shape, as a person would write it: `{section, block, mark}`. */
  readonly shape: string
  /** The error a failing top-level field answers; fields not listed answer 400 `bad-body`. */
  readonly fields?: Readonly<Record<string, FieldError>>
}

/** What was wrong with a body, as the server answers it. */
export interface BodyProblem extends FieldError {
  readonly message: string
}

/** Text checked by `checks`, with one message for a missing or non-text value and for every failed check. */
export function text(message: string, ...checks: z.core.$ZodCheck<string>[]): z.ZodMiniString<string> {
  return z.string({ error: message }).check(...checks)
}

/** The first problem of `body` against `contract`, or the parsed value. */
export function readBodyWith<T>(
  contract: BodyContract<T>,
  body: unknown,
): { readonly value: T } | { readonly problem: BodyProblem } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { problem: { status: 400, code: 'bad-body', message: `Send a JSON object ${contract.shape}.` } }
  }
  const result = contract.schema.safeParse(body)
  if (result.success) return { value: result.data }
  const issue = result.error.issues[0]!
  const field = typeof issue.path[0] === 'string' ? issue.path[0] : ''
  const error = contract.fields?.[field] ?? { status: 400, code: 'bad-body' }
  // A schema without a message of its own gives zod's generic one: name the field then.
  const message =
    issue.message === 'Invalid input'
      ? `${issue.path.join('.') || 'the body'} is not what ${contract.shape} expects.`
      : issue.message
  return { problem: { ...error, message } }
}
