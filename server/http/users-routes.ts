import { Router } from 'express'
import { requestIp, type AuditEvent } from '../audit/audit-log.ts'
import { authenticate, principalOf, requireRole } from '../auth/authenticate.ts'
import { hashPassword } from '../auth/passwords.ts'
import { newUser, userPatch } from '../../schema/api/users.ts'
import { adminViewOf, checkActors } from '../auth/users.ts'
import type { AppContext } from '../context.ts'
import { conflict, notFound } from '../errors.ts'
import { readBody } from './read-body.ts'
import type { Role } from '../../schema/roles.ts'
import { StorageError, type UserPatch, type UserRecord } from '../storage/storage.ts'

const actorList = (actors: readonly string[]): string => (actors.length > 0 ? actors.join(', ') : 'none')

/** The audit entries of a change from `before` to `after` (besides a password reset, recorded by the route). */
function changeEntries(before: UserRecord, after: UserRecord): Omit<AuditEvent, 'user' | 'ip'>[] {
  const target = after.username
  const entries: Omit<AuditEvent, 'user' | 'ip'>[] = []
  if (before.role !== after.role)
    entries.push({ kind: 'role-changed', target, detail: `role ${before.role} → ${after.role}` })
  if (JSON.stringify(before.actors) !== JSON.stringify(after.actors))
    entries.push({
      kind: 'actors-changed',
      target,
      detail: `actors ${actorList(before.actors)} → ${actorList(after.actors)}`,
    })
  if (before.active && !after.active) entries.push({ kind: 'user-deactivated', target, detail: 'deactivated' })
  if (!before.active && after.active) entries.push({ kind: 'user-reactivated', target, detail: 'reactivated' })
  return entries
}

/** `GET/POST /api/users`, `PATCH/DELETE /api/users/:username` (admin only). */
export function usersRoutes({ storage, collab, audit }: AppContext): Router {
  const router = Router()
  router.use('/api/users', authenticate(storage), requireRole('admin'))

  // Deactivated admins cannot sign in, so they do not count: someone must be able to administer.
  const admins = async (): Promise<number> =>
    (await storage.listUsers()).filter((user) => user.role === 'admin' && user.active).length

  router.get('/api/users', async (_req, res) => {
    res.json((await storage.listUsers()).map(adminViewOf))
  })

  router.post('/api/users', async (req, res) => {
    const { username, password, role, actors: asked, mustChangePassword = true } = readBody(newUser, req.body)
    const actors = checkActors(asked, role)
    const { user } = principalOf(res)
    const record = {
      username,
      role,
      actors,
      passwordHash: await hashPassword(password),
      createdAt: Date.now(),
      active: true,
      mustChangePassword,
    }
    try {
      await storage.createUser(record)
    } catch (error) {
      if (error instanceof StorageError && error.code === 'exists') throw conflict('user-exists', error.message)
      throw error
    }
    await audit.record({
      kind: 'user-created',
      user: user.username,
      ip: requestIp(req),
      target: username,
      detail: `created as ${role}${role === 'agency' ? ` for ${actorList(actors)}` : ''}`,
    })
    res.status(201).json(adminViewOf(record))
  })

  router.patch('/api/users/:username', async (req, res) => {
    const body = readBody(userPatch, req.body)
    const username = req.params.username
    const current = await storage.getUser(username)
    if (current === undefined) throw notFound(`No user named "${username}".`)
    const { user, session } = principalOf(res)
    const own = user.username === username
    if (own && body.active === false) throw conflict('own-account', 'You cannot deactivate your own account.')
    const role: Role = body.role ?? current.role
    const patch: { -readonly [K in keyof UserPatch]: UserPatch[K] } = {}
    if (body.role !== undefined) patch.role = role
    if (body.actors !== undefined || role !== current.role)
      patch.actors = checkActors(body.actors ?? (role === 'agency' ? current.actors : []), role)
    if (body.password !== undefined) {
      patch.passwordHash = await hashPassword(body.password)
      // A password an admin chose for someone else is theirs to replace at the next sign-in.
      patch.mustChangePassword = body.mustChangePassword ?? !own
    } else if (body.mustChangePassword !== undefined) patch.mustChangePassword = body.mustChangePassword
    if (body.active !== undefined) patch.active = body.active
    const losesAdmin = current.role === 'admin' && current.active && (role !== 'admin' || body.active === false)
    if (losesAdmin && (await admins()) <= 1)
      throw conflict('last-admin', 'The last active admin cannot lose the admin role or be deactivated.')
    const updated = await storage.updateUser(username, patch)
    const rightsChanged =
      updated.role !== current.role || JSON.stringify(updated.actors) !== JSON.stringify(current.actors)
    if (updated.active === false && current.active) {
      // Deactivated: every session ends, and its sockets with them.
      await storage.deleteSessionsOf(username)
      collab.closeUser(username, 'your account was deactivated')
    } else if (rightsChanged) collab.closeUser(username, 'your role or actors changed; reconnect')
    if (patch.passwordHash !== undefined) {
      // A new password ends every other session of the user (whoever stole one loses it) and their
      // sockets; an admin changing their own password keeps the session they are using.
      const keep = own ? session.tokenHash : undefined
      for (const hash of await storage.deleteSessionsOf(username, keep))
        collab.closeSession(hash, 'your password changed; sign in again')
    }
    const ip = requestIp(req)
    for (const entry of changeEntries(current, updated)) await audit.record({ ...entry, user: user.username, ip })
    if (patch.passwordHash !== undefined)
      await audit.record({
        kind: own ? 'password-changed' : 'password-reset',
        user: user.username,
        ip,
        target: username,
        detail: updated.mustChangePassword ? 'password set; to be changed at next sign-in' : 'password set',
      })
    res.json(adminViewOf(updated))
  })

  router.delete('/api/users/:username', async (req, res) => {
    const username = req.params.username
    const current = await storage.getUser(username)
    if (current === undefined) throw notFound(`No user named "${username}".`)
    if (current.role === 'admin' && current.active && (await admins()) <= 1)
      throw conflict('last-admin', 'The last admin cannot be deleted.')
    await storage.deleteUser(username)
    collab.closeUser(username, 'your account was deleted')
    await audit.record({
      kind: 'user-deleted',
      user: principalOf(res).user.username,
      ip: requestIp(req),
      target: username,
      detail: `deleted (was ${current.role})`,
    })
    res.status(204).end()
  })
  return router
}
