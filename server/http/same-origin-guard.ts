// Cross-site request forgery: a page of another site can make the browser send a POST with the
// user's session cookie (a form, or fetch with a text/plain body). Every state-changing /api
// request not authenticated by a bearer token must therefore come from this site.

import type { RequestHandler } from 'express'
import { HttpError } from '../errors.ts'
import { requestSite } from './request-site.ts'

/** Methods that change state; GET and HEAD never do here. */
const stateChangingMethods: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** 403 `cross-site`: a state-changing request from another site's page. */
export const crossSiteRefused = (): HttpError =>
  new HttpError(
    403,
    'cross-site',
    'This request came from a page of another site; changes are accepted only from this site (or with an Authorization: Bearer token).',
  )

/**
 * Middleware for `/api`: refuses with 403 `cross-site` every POST, PUT, PATCH and DELETE that
 * does not carry `Authorization: Bearer` and comes from another site ({@link requestSite}).
 * Bearer requests pass: a page of another site cannot set that header without CORS, which this
 * server never allows. Sign-in is covered too, cookie or not, so that no page can sign its visitor
 * in to an account of the attacker's (login CSRF). Requests without `Sec-Fetch-Site` and `Origin`
 * pass: they do not come from a browser. `trustedHops` is `TRUST_PROXY` (0: none).
 */
export function sameOriginGuard(trustedHops: number): RequestHandler {
  return (req, _res, next) => {
    if (!stateChangingMethods.has(req.method)) return next()
    if (req.headers.authorization?.startsWith('Bearer ')) return next()
    if (requestSite(req, trustedHops) === 'cross-site') throw crossSiteRefused()
    next()
  }
}
