import { setTimeout as sleep } from 'node:timers/promises'
import { Router, type Request } from 'express'
import { authenticate, principalOf } from '../auth/authenticate.ts'
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from '../auth/passwords.ts'
import { openSession } from '../auth/sessions.ts'
import { publicUser } from '../auth/users.ts'
import { sessionCookieName, sessionMaxAgeMs } from '../config.ts'
import type { AppContext } from '../context.ts'
import { credentials } from '../../schema/api/users.ts'
import { HttpError, tooManyRequests } from '../errors.ts'
import { readBody } from './read-body.ts'
import { errorText, logEvent } from '../log.ts'

/** The client's address: Express derives it from X-Forwarded-For when `trust proxy` is set (`TRUST_PROXY`), else the socket's peer. */
function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown'
}

/** `POST /api/login`, `POST /api/logout`, `GET /api/me`. */
export function authRoutes(context: AppContext): Router {
  const { storage, throttle, collab, log, trustProxy } = context
  const router = Router()

  router.post('/api/login', async (req, res) => {
    const { username, password } = readBody(credentials, req.body)
    const ip = clientIp(req)
    const wait = throttle.waitMs(username, ip)
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000)
      throw tooManyRequests(`Too many failed sign-ins; try again in ${seconds} s.`, seconds)
    }
    const delay = throttle.delayMs(username)
    if (delay > 0) await sleep(delay)
    const user = await storage.getUser(username)
    // Verify against a dummy hash for unknown users too, so timing does not reveal which names exist.
    const ok = await verifyPassword(password, user?.passwordHash ?? dummyPasswordHash)
    if (!user || !ok) {
      throttle.fail(username, ip)
      throw new HttpError(401, 'bad-credentials', 'Wrong username or password.')
    }
    throttle.succeed(username, ip)
    if (needsRehash(user.passwordHash)) {
      // Hashes made with older parameters are upgraded now, the only time the password is known.
      try {
        await storage.updateUser(user.username, { passwordHash: await hashPassword(password) })
      } catch (error) {
        // The old hash still works: sign in anyway and try again next time.
        logEvent(log, {
          level: 'warn',
          event: 'rehash-failed',
          user: user.username,
          message: `upgrading the password hash failed: ${errorText(error)}`,
        })
      }
    }
    const { token } = await openSession(storage, user.username)
    // The cookie lives as long as the session can; the server ends it sooner when idle.
    res.cookie(sessionCookieName, token, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      maxAge: sessionMaxAgeMs,
      secure: trustProxy > 0 || req.secure,
    })
    res.json({ token, user: publicUser(user) })
  })

  router.post('/api/logout', authenticate(storage), async (_req, res) => {
    const { session } = principalOf(res)
    await storage.deleteSession(session.tokenHash)
    collab.closeSession(session.tokenHash, 'signed out')
    res.clearCookie(sessionCookieName, { path: '/', secure: trustProxy > 0 })
    res.json({ ok: true })
  })

  router.get('/api/me', authenticate(storage), (_req, res) => {
    res.json(publicUser(principalOf(res).user))
  })
  return router
}
