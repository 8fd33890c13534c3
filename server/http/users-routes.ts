import { Router } from 'express'
import { authenticate, principalOf, requireRole } from '../auth/authenticate.ts'
import { hashPassword } from '../auth/passwords.ts'
import { newUser, userPatch } from '../../schema/api/users.ts'
import { checkActors, publicUser } from '../auth/users.ts'
import type { AppContext } from '../context.ts'
import { conflict, notFound } from '../errors.ts'
import { readBody } from './read-body.ts'
import type { Role } from '../../schema/roles.ts'
import { StorageError, type UserPatch } from '../storage/storage.ts'

/** `GET/POST /api/users`, `PATCH/DELETE /api/users/:username` (admin only). */
export function usersRoutes({ storage, collab }: AppContext): Router {
  const router = Router()
  router.use('/api/users', authenticate(storage), requireRole('admin'))

  const admins = async (): Promise<number> => (await storage.listUsers()).filter((user) => user.role === 'admin').length

  router.get('/api/users', async (_req, res) => {
    res.json((await storage.listUsers()).map(publicUser))
  })

  router.post('/api/users', async (req, res) => {
    const { username, password, role, actors: asked } = readBody(newUser, req.body)
    const actors = checkActors(asked, role)
    try {
      await storage.createUser({
        username,
        role,
        actors,
        passwordHash: await hashPassword(password),
        createdAt: Date.now(),
      })
    } catch (error) {
      if (error instanceof StorageError && error.code === 'exists') throw conflict('user-exists', error.message)
      throw error
    }
    res.status(201).json({ username, role, actors })
  })

  router.patch('/api/users/:username', async (req, res) => {
    const body = readBody(userPatch, req.body)
    const username = req.params.username
    const current = await storage.getUser(username)
    if (current === undefined) throw notFound(`No user named "${username}".`)
    const role: Role = body.role ?? current.role
    const patch: { -readonly [K in keyof UserPatch]: UserPatch[K] } = {}
    if (body.role !== undefined) patch.role = role
    if (body.actors !== undefined || role !== current.role)
      patch.actors = checkActors(body.actors ?? (role === 'agency' ? current.actors : []), role)
    if (body.password !== undefined) patch.passwordHash = await hashPassword(body.password)
    if (current.role === 'admin' && role !== 'admin' && (await admins()) <= 1)
      throw conflict('last-admin', 'The last admin cannot lose the admin role.')
    const updated = await storage.updateUser(username, patch)
    const rightsChanged =
      updated.role !== current.role || JSON.stringify(updated.actors) !== JSON.stringify(current.actors)
    if (rightsChanged) collab.closeUser(username, 'your role or actors changed; reconnect')
    if (patch.passwordHash !== undefined) {
      // A new password ends every other session of the user (whoever stole one loses it) and their
      // sockets; an admin changing their own password keeps the session they are using.
      const { user, session } = principalOf(res)
      const keep = user.username === username ? session.tokenHash : undefined
      for (const hash of await storage.deleteSessionsOf(username, keep))
        collab.closeSession(hash, 'your password changed; sign in again')
    }
    res.json(publicUser(updated))
  })

  router.delete('/api/users/:username', async (req, res) => {
    const username = req.params.username
    const current = await storage.getUser(username)
    if (current === undefined) throw notFound(`No user named "${username}".`)
    if (current.role === 'admin' && (await admins()) <= 1)
      throw conflict('last-admin', 'The last admin cannot be deleted.')
    await storage.deleteUser(username)
    collab.closeUser(username, 'your account was deleted')
    res.status(204).end()
  })
  return router
}
