// `/api/login`, `/api/me` and `/api/users` (interface.md, "HTTP").

import * as z from 'zod/mini'
import { slugPattern } from '../check.ts'
import { roles } from '../roles.ts'
import { text, type BodyContract } from './contract.ts'

/** Usernames: 2–64 characters, lowercase letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
export const usernamePattern = /^[a-z0-9][a-z0-9._-]{1,63}$/
/** Shortest password accepted. */
export const minPasswordLength = 8
/** Longest password accepted (scrypt takes any length; this bounds the work a request can ask for). */
export const maxPasswordLength = 1024

const usernameMessage = 'username must be 2–64 characters: lowercase letters, digits, ".", "_" or "-".'
const passwordMessage = `password must be a string of ${minPasswordLength} to ${maxPasswordLength} characters.`
const roleMessage = `role must be one of ${roles.join(', ')}.`
const actorsMessage = 'actors must be a list of actor ids (lowercase slugs such as "iom").'

const username = text(usernameMessage, z.regex(usernamePattern, usernameMessage))
const password = text(
  passwordMessage,
  z.minLength(minPasswordLength, passwordMessage),
  z.maxLength(maxPasswordLength, passwordMessage),
)
const role = z.enum(roles, { error: roleMessage })
const actors = z.array(text(actorsMessage, z.maxLength(64, actorsMessage), z.regex(slugPattern, actorsMessage)), {
  error: actorsMessage,
})

const activeMessage = 'active must be true or false.'
const mustChangeMessage = 'mustChangePassword must be true or false.'
const active = z.boolean({ error: activeMessage })
const mustChangePassword = z.boolean({ error: mustChangeMessage })

const userFields = {
  username: { status: 400, code: 'bad-username' },
  password: { status: 400, code: 'bad-password' },
  role: { status: 400, code: 'bad-role' },
  actors: { status: 400, code: 'bad-actors' },
  active: { status: 422, code: 'bad-active' },
  mustChangePassword: { status: 422, code: 'bad-must-change-password' },
} as const

const loginMessage = 'Send JSON {"username": "…", "password": "…"}.'

/** `POST /api/login`. */
export const credentials: BodyContract<{ username: string; password: string }> = {
  schema: z.object({
    username: text(loginMessage, z.maxLength(200, loginMessage)),
    password: text(loginMessage, z.maxLength(maxPasswordLength, loginMessage)),
  }),
  shape: '{username, password}',
  fields: { username: { status: 400, code: 'bad-login' }, password: { status: 400, code: 'bad-login' } },
}

/**
 * `POST /api/users`. Whether the role may hold actors is the route's to check. The new user must
 * change the password at first sign-in unless `mustChangePassword` is false (for scripts and
 * tests making accounts they use themselves).
 */
export const newUser: BodyContract<{
  username: string
  password: string
  role: z.infer<typeof role>
  actors?: string[] | undefined
  mustChangePassword?: boolean | undefined
}> = {
  schema: z.object({
    username,
    password,
    role,
    actors: z.optional(actors),
    mustChangePassword: z.optional(mustChangePassword),
  }),
  shape: '{username, password, role, actors?, mustChangePassword?}',
  fields: userFields,
}

/**
 * `PATCH /api/users/:username`: any of role, actors, password (a reset: the user must change it
 * at next sign-in, unless `mustChangePassword` is false or admins set their own), active
 * (false: deactivated, every session ends).
 */
export const userPatch: BodyContract<{
  role?: z.infer<typeof role> | undefined
  actors?: string[] | undefined
  password?: string | undefined
  active?: boolean | undefined
  mustChangePassword?: boolean | undefined
}> = {
  schema: z.object({
    role: z.optional(role),
    actors: z.optional(actors),
    password: z.optional(password),
    active: z.optional(active),
    mustChangePassword: z.optional(mustChangePassword),
  }),
  shape: '{role?, actors?, password?, active?, mustChangePassword?}',
  fields: userFields,
}

const currentMessage = 'current must be your current password.'
const nextMessage = `next must be a string of ${minPasswordLength} to ${maxPasswordLength} characters.`

/** `POST /api/me/password`: the user's own password, `current` then `next`. */
export const passwordChange: BodyContract<{ current: string; next: string }> = {
  schema: z.object({
    current: text(currentMessage, z.maxLength(maxPasswordLength, currentMessage)),
    next: text(nextMessage, z.minLength(minPasswordLength, nextMessage), z.maxLength(maxPasswordLength, nextMessage)),
  }),
  shape: '{current, next}',
  fields: { current: { status: 422, code: 'bad-current' }, next: { status: 422, code: 'bad-password' } },
}

/** A user as `GET /api/me`, `POST /api/login` (under `user`) and `/api/users` answer it. */
export const userAnswer = z.object({
  username: z.string(),
  role: z.enum(roles),
  /** Actor ids an agency user may edit; empty for other roles. */
  actors: z.array(z.string()),
  /** False once deactivated (only admins see such accounts, in `/api/users`). */
  active: z.optional(z.boolean()),
  /** True until the user chose their own password: nothing but `/api/me/password` works meanwhile. */
  mustChangePassword: z.optional(z.boolean()),
  /** When the account was made (ISO 8601), in `/api/users`. */
  createdAt: z.optional(z.string()),
})

/** `GET /api/users`. */
export const userList = z.array(userAnswer)

/** A user as the API shows it (never the password hash). */
export type PublicUser = z.infer<typeof userAnswer>

/** `POST /api/login`'s answer. */
export const loginAnswer = z.object({ user: userAnswer })
