import { isSlug } from '../../schema/check.ts'
import { badRequest } from '../errors.ts'
import { roles, type Role, type Storage, type UserRecord } from '../storage/storage.ts'
import { hashPassword, randomPassword } from './passwords.ts'

/** Usernames: 2–64 characters, lowercase letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
export const usernamePattern = /^[a-z0-9][a-z0-9._-]{1,63}$/

/** Shortest password accepted. */
export const minPasswordLength = 8

/** What the API shows of a user (never the hash). */
export interface PublicUser {
  readonly username: string
  readonly role: Role
  readonly actors: readonly string[]
}

/** The public view of a user. */
export function publicUser(user: UserRecord): PublicUser {
  return { username: user.username, role: user.role, actors: [...user.actors] }
}

/** True when `value` is a role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value)
}

/** Checks a username; throws 400 `bad-username`. */
export function checkUsername(value: unknown): string {
  if (typeof value !== 'string' || !usernamePattern.test(value)) {
    throw badRequest('bad-username', 'username must be 2–64 characters: lowercase letters, digits, ".", "_" or "-".')
  }
  return value
}

/** Checks a password; throws 400 `bad-password`. */
export function checkPassword(value: unknown): string {
  if (typeof value !== 'string' || value.length < minPasswordLength || value.length > 1024) {
    throw badRequest('bad-password', `password must be a string of ${minPasswordLength} to 1024 characters.`)
  }
  return value
}

/** Checks a role; throws 400 `bad-role`. */
export function checkRole(value: unknown): Role {
  if (!isRole(value)) throw badRequest('bad-role', `role must be one of ${roles.join(', ')}.`)
  return value
}

/** Checks an actor list; throws 400 `bad-actors`. Only agency users hold actors. */
export function checkActors(value: unknown, role: Role): string[] {
  if (value === undefined) return []
  if (!Array.isArray(value) || !value.every(isSlug)) throw badRequest('bad-actors', 'actors must be a list of actor ids (lowercase slugs such as "iom").')
  if (role !== 'agency' && value.length > 0) throw badRequest('bad-actors', 'only agency users hold actors.')
  return [...new Set(value as string[])]
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
  if (password !== undefined) checkPassword(password)
  await storage.createUser({ username: 'admin', role: 'admin', actors: [], passwordHash: await hashPassword(chosen), createdAt: Date.now() })
  return password === undefined ? { created: true, generatedPassword: chosen } : { created: true }
}
