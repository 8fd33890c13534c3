// The environment of `npm start`, read in one place (interface.md › Environment; README ›
// Limits and security settings): every variable is checked here, and a value that cannot be used
// stops the server before it starts, with a message naming the variable.

import { resolve } from 'node:path'
import type { ServerOptions } from './app.ts'
import {
  defaultByteBurst,
  defaultBytesPerSecond,
  defaultCollabLimits,
  defaultMaxSocketsPerIp,
  defaultMaxSocketsPerUser,
  defaultMaxStructsPerUpdate,
  defaultMessageBurst,
  defaultMessagesPerSecond,
  type CollabLimits,
} from './collab/limits.ts'
import { defaultMaxMessageBytes } from './config.ts'

/** A variable of the environment holds a value the server cannot use. */
export class EnvironmentError extends Error {
  /** The variable, such as `LIMIT_SOCKETS_PER_USER`. */
  readonly variable: string
  constructor(variable: string, message: string) {
    super(message)
    this.name = 'EnvironmentError'
    this.variable = variable
  }
}

/** One operator-settable limit: its variable, where it goes, its default and what it does (the README's table). */
export interface LimitVariable {
  /** The environment variable. */
  readonly name: string
  /** The field it sets: one of the collaboration limits, or the largest message. */
  readonly field: keyof CollabLimits | 'maxMessageBytes'
  /** The value when the variable is unset or empty. */
  readonly defaultValue: number
  /** What it does, in one sentence. */
  readonly meaning: string
}

/** Every limit an operator can set, with its default. */
export const limitVariables: readonly LimitVariable[] = [
  {
    name: 'LIMIT_SOCKETS_PER_USER',
    field: 'maxSocketsPerUser',
    defaultValue: defaultMaxSocketsPerUser,
    meaning: 'open collaboration sockets one user may hold; the next is refused with 4429',
  },
  {
    name: 'LIMIT_SOCKETS_PER_ADDRESS',
    field: 'maxSocketsPerIp',
    defaultValue: defaultMaxSocketsPerIp,
    meaning:
      'open collaboration sockets one client address may hold (an office behind one NAT needs more); the next is refused with 4429',
  },
  {
    name: 'LIMIT_MESSAGES_PER_SECOND',
    field: 'messagesPerSecond',
    defaultValue: defaultMessagesPerSecond,
    meaning: 'messages per second one socket may send on average; faster closes it with 4429',
  },
  {
    name: 'LIMIT_MESSAGE_BURST',
    field: 'messageBurst',
    defaultValue: defaultMessageBurst,
    meaning: 'messages one socket may send at once above that average',
  },
  {
    name: 'LIMIT_BYTES_PER_SECOND',
    field: 'bytesPerSecond',
    defaultValue: defaultBytesPerSecond,
    meaning: 'bytes per second one socket may send on average; faster closes it with 4429',
  },
  {
    name: 'LIMIT_BYTE_BURST',
    field: 'byteBurst',
    defaultValue: defaultByteBurst,
    meaning: 'bytes one socket may send at once above that average',
  },
  {
    name: 'LIMIT_MESSAGE_BYTES',
    field: 'maxMessageBytes',
    defaultValue: defaultMaxMessageBytes,
    meaning: 'largest message a socket may send; a larger one closes it with 4413',
  },
  {
    name: 'LIMIT_STRUCTS_PER_UPDATE',
    field: 'maxStructsPerUpdate',
    defaultValue: defaultMaxStructsPerUpdate,
    meaning:
      'most structs and deletions one update may hold; more closes the socket with 4413 and nothing of it is kept',
  },
]

type Environment = Readonly<Record<string, string | undefined>>

/** The value of `name`, undefined when unset or empty (an empty `FOO=` in a compose file means "unset"). */
function valueNamed(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim()
  return value === undefined || value === '' ? undefined : value
}

/** A whole number of at least `min` from `name`, or `fallback` when unset; throws {@link EnvironmentError} otherwise. */
function wholeNumber(
  env: Environment,
  name: string,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const text = valueNamed(env, name)
  if (text === undefined) return fallback
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range =
      max === Number.MAX_SAFE_INTEGER ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`
    throw new EnvironmentError(name, `${name} must be ${range}, not "${env[name]}".`)
  }
  return value
}

/** The limits of the environment (defaults where unset). Throws {@link EnvironmentError} naming the first variable that is not a whole number of at least 1. */
export function limitsFromEnvironment(env: Environment): {
  readonly limits: CollabLimits
  readonly maxMessageBytes: number
} {
  const limits: { -readonly [K in keyof CollabLimits]: CollabLimits[K] } = { ...defaultCollabLimits }
  let maxMessageBytes = defaultMaxMessageBytes
  for (const { name, field, defaultValue } of limitVariables) {
    // 0 would refuse every socket or message: surely a mistake, so at least 1.
    const value = wholeNumber(env, name, defaultValue, 1)
    if (field === 'maxMessageBytes') maxMessageBytes = value
    else limits[field] = value
  }
  return { limits, maxMessageBytes }
}

/** `TRUST_PROXY`: proxy hops to trust, 0 when unset. Throws {@link EnvironmentError} unless a whole number (Express's other forms, `true` or address lists, are not accepted: a hop count cannot be spoofed by a client adding headers). */
export function trustProxyFromEnvironment(env: Environment): number {
  return wholeNumber(env, 'TRUST_PROXY', 0, 0)
}

/** The options of `startServer` that the environment gives (`PORT`, `HOST`, `DATA_DIR`, …, `TRUST_PROXY`, the `LIMIT_*` variables). Throws {@link EnvironmentError} naming a variable whose value cannot be used. */
export function serverOptionsFromEnvironment(env: Environment): ServerOptions {
  const databaseUrl = valueNamed(env, 'DATABASE_URL')
  const redisUrl = valueNamed(env, 'REDIS_URL')
  const adminPassword = env.ADMIN_PASSWORD || undefined
  const trustProxy = trustProxyFromEnvironment(env)
  return {
    port: wholeNumber(env, 'PORT', 8080, 0, 65535),
    host: valueNamed(env, 'HOST') ?? '127.0.0.1',
    dataDir: resolve(valueNamed(env, 'DATA_DIR') ?? './data'),
    ...(databaseUrl !== undefined && { databaseUrl }),
    ...(redisUrl !== undefined && { redisUrl }),
    ...(adminPassword !== undefined && { adminPassword }),
    seed: env.SEED !== '0',
    ...(trustProxy > 0 && { trustProxy }),
    ...limitsFromEnvironment(env),
  }
}
