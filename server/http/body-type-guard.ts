// The API reads JSON bodies (and multipart uploads for imports). A body of any other type used to
// be ignored, so the route ran with its defaults: a text/plain POST published a report. Refuse it.

import type { RequestHandler } from 'express'
import { HttpError } from '../errors.ts'

/** Routes that also take `multipart/form-data` (file uploads). */
const multipartPaths: ReadonlySet<string> = new Set(['/api/reports/import'])

/** 415 `unsupported-media-type`, saying what to send instead. */
export const unsupportedBody = (multipart: boolean): HttpError =>
  new HttpError(
    415,
    'unsupported-media-type',
    multipart
      ? 'Send the body as JSON (Content-Type: application/json) or as files (Content-Type: multipart/form-data).'
      : 'Send the body as JSON (Content-Type: application/json).',
  )

function mediaType(header: string | undefined): string | undefined {
  const type = header?.split(';')[0]?.trim().toLowerCase()
  return type ? type : undefined
}

function hasBody(headers: Readonly<Record<string, string | string[] | undefined>>): boolean {
  const length = headers['content-length']
  return headers['transfer-encoding'] !== undefined || (typeof length === 'string' && Number(length) > 0)
}

/**
 * Middleware for `/api`: a POST, PUT, PATCH or DELETE with a body, or with a `Content-Type`, must be
 * `application/json` (or `multipart/form-data` on imports); anything else is refused with 415
 * before any route runs. Requests without a body and without a type (most DELETEs) pass.
 */
export function bodyTypeGuard(): RequestHandler {
  return (req, _res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next()
    const type = mediaType(req.headers['content-type'])
    if (type === undefined && !hasBody(req.headers)) return next()
    const multipart = multipartPaths.has(req.originalUrl.split('?')[0] ?? '')
    if (type === 'application/json' || (multipart && type === 'multipart/form-data')) return next()
    throw unsupportedBody(multipart)
  }
}
