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

const userFields = {
  username: { status: 400, code: 'bad-username' },
  password: { status: 400, code: 'bad-password' },
  role: { status: 400, code: 'bad-role' },
  actors: { status: 400, code: 'bad-actors' },
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

/** `POST /api/users`. Whether the role may hold actors is the route's to check. */
export const newUser: BodyContract<{
  username: string
  password: string
  role: z.infer<typeof role>
  actors?: string[] | undefined
}> = {
  schema: z.object({ username, password, role, actors: z.optional(actors) }),
  shape: '{username, password, role, actors?}',
  fields: userFields,
}

/** `PATCH /api/users/:username`: any of role, actors, password. */
export const userPatch: BodyContract<{
  role?: z.infer<typeof role> | undefined
  actors?: string[] | undefined
  password?: string | undefined
}> = {
  schema: z.object({ role: z.optional(role), actors: z.optional(actors), password: z.optional(password) }),
  shape: '{role?, actors?, password?}',
  fields: userFields,
}

/** A user as `GET /api/me`, `POST /api/login` (under `user`) and `/api/users` answer it. */
export const userAnswer = z.object({
  username: z.string(),
  role: z.enum(roles),
  /** Actor ids an agency user may edit; empty for other roles. */
  actors: z.array(z.string()),
})

/** A user as the API shows it (never the password hash). */
export type PublicUser = z.infer<typeof userAnswer>

/** `POST /api/login`'s answer. */
export const loginAnswer = z.object({ user: userAnswer })
