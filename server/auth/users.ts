import { badRequest } from '../errors.ts'
import { minPasswordLength, maxPasswordLength, type PublicUser } from '../../schema/api/users.ts'
import type { Role } from '../../schema/roles.ts'
import type { Storage, UserRecord } from '../storage/storage.ts'
import { hashPassword, randomPassword } from './passwords.ts'

/** The public view of a user. */
export function publicUser(user: UserRecord): PublicUser {
  return { username: user.username, role: user.role, actors: [...user.actors] }
}

/** The actors a user of `role` holds; throws 400 `bad-actors` when a role other than agency is given any. */
export function checkActors(actors: readonly string[] | undefined, role: Role): string[] {
  if (actors === undefined) return []
  if (role !== 'agency' && actors.length > 0) throw badRequest('bad-actors', 'only agency users hold actors.')
  return [...new Set(actors)]
}

/** What {@link ensureAdmin} did. */
export interface AdminSetup {
  /** True when the admin was created now. */
  readonly created: boolean
  /** The generated password, when one was generated (print it once). */
  readonly generatedPassword?: string
}

/** Creates the `admin` user on first start, with `password` or a random one. */
export async function ensureAdmin(storage: Storage, password?: string): Promise<AdminSetup> {
  if (await storage.getUser('admin')) return { created: false }
  const chosen = password ?? randomPassword()
  if (password !== undefined && (password.length < minPasswordLength || password.length > maxPasswordLength)) {
    throw new RangeError(`ADMIN_PASSWORD must be ${minPasswordLength} to ${maxPasswordLength} characters.`)
  }
  await storage.createUser({
    username: 'admin',
    role: 'admin',
    actors: [],
    passwordHash: await hashPassword(chosen),
    createdAt: Date.now(),
  })
  return password === undefined ? { created: true, generatedPassword: chosen } : { created: true }
}
