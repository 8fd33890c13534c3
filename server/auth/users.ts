import { badRequest } from '../errors.ts'
import { minPasswordLength, maxPasswordLength, type PublicUser } from '../../schema/api/users.ts'
import type { Role } from '../../schema/roles.ts'
import type { Storage, UserRecord } from '../storage/storage.ts'
import { hashPassword, randomPassword } from './passwords.ts'

/** The user as they see themselves (`/api/me`, `/api/login`): `mustChangePassword` only while it holds, so the documented shape stays. */
export function publicUser(user: UserRecord): PublicUser {
  return {
    username: user.username,
    role: user.role,
    actors: [...user.actors],
    ...(user.mustChangePassword && { mustChangePassword: true }),
  }
}

/** The user as admins see them (`/api/users`): also whether active, whether the password is to change, and since when. */
export function adminViewOf(user: UserRecord): PublicUser {
  return {
    username: user.username,
    role: user.role,
    actors: [...user.actors],
    active: user.active,
    mustChangePassword: user.mustChangePassword,
    createdAt: new Date(user.createdAt).toISOString(),
  }
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
