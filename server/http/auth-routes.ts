import { setTimeout as sleep } from 'node:timers/promises'
import { Router } from 'express'
import { requestIp } from '../audit/audit-log.ts'
import { authenticate, principalOf } from '../auth/authenticate.ts'
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from '../auth/passwords.ts'
import { openSession } from '../auth/sessions.ts'
import { publicUser } from '../auth/users.ts'
import { sessionCookieName, sessionMaxAgeMs } from '../config.ts'
import type { AppContext } from '../context.ts'
import { credentials, passwordChange } from '../../schema/api/users.ts'
import { HttpError, tooManyRequests, unprocessable } from '../errors.ts'
import { readBody } from './read-body.ts'
import { logEvent } from '../log.ts'

/** `POST /api/login`, `POST /api/logout`, `GET /api/me`, `POST /api/me/password`. */
export function authRoutes(context: AppContext): Router {
  const { storage, throttle, collab, log, trustProxy, audit } = context
  const router = Router()

  router.post('/api/login', async (req, res) => {
    const { username, password } = readBody(credentials, req.body)
    const ip = requestIp(req)
    const wait = throttle.waitMs(username, ip)
    // Throttled attempts are not recorded: their password was never checked, and under a guessing
    // attack they would bury the failures that were.
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
      await audit.record({
        kind: 'sign-in-failed',
        user: username.slice(0, 200),
        ip,
        detail: user ? 'wrong password' : 'no such user',
      })
      throw new HttpError(401, 'bad-credentials', 'Wrong username or password.')
    }
    if (!user.active) {
      // Said only to whoever knows the password: others learn nothing about the account.
      await audit.record({ kind: 'sign-in-failed', user: username, ip, detail: 'account deactivated' })
      throw new HttpError(403, 'account-deactivated', 'This account was deactivated; ask an administrator.')
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
          message: `upgrading the password hash failed`,
          error,
        })
      }
    }
    const { token } = await openSession(storage, user.username)
    await audit.record({
      kind: 'sign-in',
      user: user.username,
      ip,
      detail: user.mustChangePassword ? 'signed in; must change the password' : 'signed in',
    })
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

  router.post('/api/logout', authenticate(storage, { beforePasswordChange: true }), async (_req, res) => {
    const { session } = principalOf(res)
    await storage.deleteSession(session.tokenHash)
    collab.closeSession(session.tokenHash, 'signed out')
    res.clearCookie(sessionCookieName, { path: '/', secure: trustProxy > 0 })
    res.json({ ok: true })
  })

  router.get('/api/me', authenticate(storage, { beforePasswordChange: true }), (_req, res) => {
    res.json(publicUser(principalOf(res).user))
  })

  router.post('/api/me/password', authenticate(storage, { beforePasswordChange: true }), async (req, res) => {
    const { current, next } = readBody(passwordChange, req.body)
    const { user, session } = principalOf(res)
    if (!(await verifyPassword(current, user.passwordHash)))
      throw unprocessable('bad-current', 'The current password is not right.')
    if (next === current) throw unprocessable('same-password', 'Choose a password different from the current one.')
    const updated = await storage.updateUser(user.username, {
      passwordHash: await hashPassword(next),
      mustChangePassword: false,
    })
    // As when an admin sets it: whoever else held a session of this account loses it.
    for (const hash of await storage.deleteSessionsOf(user.username, session.tokenHash))
      collab.closeSession(hash, 'your password changed; sign in again')
    await audit.record({ kind: 'password-changed', user: user.username, ip: requestIp(req), detail: 'own password' })
    res.json(publicUser(updated))
  })
  return router
}
