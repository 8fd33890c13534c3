import { Router, type Request } from 'express'
import { authenticate, principalOf } from '../auth/authenticate.ts'
import { verifyPassword } from '../auth/passwords.ts'
import { openSession } from '../auth/sessions.ts'
import { publicUser } from '../auth/users.ts'
import { sessionCookieName, sessionIdleMs } from '../config.ts'
import type { AppContext } from '../context.ts'
import { badRequest, HttpError, tooManyRequests } from '../errors.ts'

function clientIp(req: Request): string {
  return req.socket.remoteAddress ?? 'unknown'
}

/** `POST /api/login`, `POST /api/logout`, `GET /api/me`. */
export function authRoutes(context: AppContext): Router {
  const { storage, throttle, collab } = context
  const router = Router()

  router.post('/api/login', async (req, res) => {
    const body: unknown = req.body
    const { username, password } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
    if (typeof username !== 'string' || typeof password !== 'string' || username.length > 200 || password.length > 1024) {
      throw badRequest('bad-login', 'Send JSON {"username": "…", "password": "…"}.')
    }
    const ip = clientIp(req)
    const wait = throttle.waitMs(username, ip)
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000)
      throw tooManyRequests(`Too many failed sign-ins; try again in ${seconds} s.`, seconds)
    }
    const user = await storage.getUser(username)
    // Verify against a dummy hash for unknown users too, so timing does not reveal which names exist.
    const ok = await verifyPassword(password, user?.passwordHash ?? 'scrypt$32768$AAAAAAAAAAAAAAAAAAAAAA$AAAA')
    if (!user || !ok) {
      throttle.fail(username, ip)
      throw new HttpError(401, 'bad-credentials', 'Wrong username or password.')
    }
    throttle.succeed(username)
    const { token } = await openSession(storage, user.username)
    res.cookie(sessionCookieName, token, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: sessionIdleMs, secure: req.secure })
    res.json({ token, user: publicUser(user) })
  })

  router.post('/api/logout', authenticate(storage), async (_req, res) => {
    const { session } = principalOf(res)
    await storage.deleteSession(session.tokenHash)
    collab.closeSession(session.tokenHash, 'signed out')
    res.clearCookie(sessionCookieName, { path: '/' })
    res.json({ ok: true })
  })

  router.get('/api/me', authenticate(storage), (_req, res) => {
    res.json(publicUser(principalOf(res).user))
  })
  return router
}
