import type { IncomingMessage } from 'node:http'
import { parse as parseCookie } from 'cookie'
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { sessionCookieName } from '../config.ts'
import { forbidden, passwordChangeRequired, unauthorized } from '../errors.ts'
import type { Role } from '../../schema/roles.ts'
import type { SessionRecord, Storage, UserRecord } from '../storage/storage.ts'
import { findSession } from './sessions.ts'

/** Who is making a request. */
export interface Principal {
  readonly user: UserRecord
  readonly session: SessionRecord
  /** The token presented (needed to end the session). */
  readonly token: string
}

/** The token a request names itself: `Authorization: Bearer`, else (when `allowQuery`) `?token=`; undefined when it names none. */
export function explicitToken(request: IncomingMessage, allowQuery = false): string | undefined {
  const authorization = request.headers.authorization
  if (authorization?.startsWith('Bearer ')) return authorization.slice('Bearer '.length).trim() || undefined
  if (allowQuery) {
    const token = new URL(request.url ?? '/', 'http://localhost').searchParams.get('token')
    if (token) return token
  }
  return undefined
}

/** The session cookie's token, or undefined. */
export function cookieToken(request: IncomingMessage): string | undefined {
  const cookies = request.headers.cookie ? parseCookie(request.headers.cookie) : {}
  return cookies[sessionCookieName] || undefined
}

/** The session token of an HTTP request: the bearer token, else the session cookie, else `?token=` when `allowQuery`. */
export function requestToken(request: IncomingMessage, allowQuery = false): string | undefined {
  return explicitToken(request) ?? cookieToken(request) ?? (allowQuery ? explicitToken(request, true) : undefined)
}

/**
 * The session token of a collaboration socket's handshake. From another site's page
 * (`crossSite`), only a token the handshake names itself (`Authorization: Bearer` or `?token=`):
 * the browser attaches the cookie to any page's WebSocket, so the cookie proves nothing about who
 * opened it. Otherwise the named token, else the cookie.
 */
export function socketToken(request: IncomingMessage, crossSite: boolean): string | undefined {
  return explicitToken(request, true) ?? (crossSite ? undefined : cookieToken(request))
}

/** The signed-in user behind `token`, or undefined (unknown, expired, or the user was deleted or deactivated). */
export async function principalFor(storage: Storage, token: string | undefined): Promise<Principal | undefined> {
  if (token === undefined || token.length > 200) return undefined
  const session = await findSession(storage, token)
  if (session === undefined) return undefined
  const user = await storage.getUser(session.username)
  // Deactivating ends the sessions too; this covers one opened while the deactivation was on its way.
  return user?.active ? { user, session, token } : undefined
}

/** The principal set by {@link authenticate}; throws 401 when absent. */
export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined
  if (principal === undefined) throw unauthorized()
  return principal
}

/** Options of {@link authenticate}. */
export interface AuthenticateOptions {
  /**
   * Let through a user who must change their password first (`GET /api/me`, `POST /api/logout`,
   * `POST /api/me/password`). Default false: such a request is 403 `password-change-required`.
   */
  readonly beforePasswordChange?: boolean
}

/**
 * Middleware: requires a valid session (cookie or bearer) and stores the principal in
 * `res.locals`. A user whose password was set by an admin (new, or reset) gets 403
 * `password-change-required` until they chose their own, unless `beforePasswordChange`.
 */
export function authenticate(storage: Storage, options: AuthenticateOptions = {}): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const principal = await principalFor(storage, requestToken(req))
    if (principal === undefined) throw unauthorized()
    if (principal.user.mustChangePassword && options.beforePasswordChange !== true) throw passwordChangeRequired()
    res.locals.principal = principal
    next()
  }
}

/** Middleware: requires one of `allowed` (after {@link authenticate}); 403 otherwise. */
export function requireRole(...allowed: Role[]): RequestHandler {
  return (_req, res, next) => {
    const { user } = principalOf(res)
    if (!allowed.includes(user.role))
      throw forbidden(`This needs the role ${allowed.join(' or ')}; you are ${user.role}.`)
    next()
  }
}
