// Password hashing with scrypt from node:crypto.
//
// Why scrypt and not argon2id: the argon2 packages on npm are native addons that need a compiler
// or a prebuilt binary for each platform, which `npm start` on a fresh machine cannot count on;
// scrypt is built into Node (OpenSSL), runs off the event loop (`crypto.scrypt`), and is on
// OWASP's list of recommended password hashes with the parameters below.

import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { maxConcurrentHashes, scryptBlockSize, scryptCost, scryptParallelism } from '../config.ts'

const keyLength = 64
const saltBytes = 16

/** The scrypt parameters a hash was made with. */
export interface ScryptParameters {
  /** CPU and memory cost, a power of two. */
  readonly N: number
  /** Block size. */
  readonly r: number
  /** Parallelism. */
  readonly p: number
}

/** The parameters of new hashes (OWASP: N = 2^17, r = 8, p = 1). */
export const currentScryptParameters: ScryptParameters = { N: scryptCost, r: scryptBlockSize, p: scryptParallelism }

/** Parameters of hashes written before they were stored in the hash (`scrypt$N$salt$hash`): r and p were always 8 and 1. */
const legacyBlockSize = 8
const legacyParallelism = 1

/** Bounds on stored parameters, so that a damaged or planted hash cannot make a sign-in allocate gigabytes (2^20 * 8 * 128 = 1 GiB). */
const maxStoredCost = 1 << 20
const maxStoredBlockSize = 32
const maxStoredParallelism = 16

let running = 0
const waiting: Array<() => void> = []

/** Runs `work` when fewer than {@link maxConcurrentHashes} hashes are being computed. */
async function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  while (running >= maxConcurrentHashes) await new Promise<void>((resolve) => waiting.push(resolve))
  running++
  try {
    return await work()
  } finally {
    running--
    waiting.shift()?.()
  }
}

function scryptAsync(password: string, salt: Buffer, { N, r, p }: ScryptParameters): Promise<Buffer> {
  return oneAtATime(
    () =>
      new Promise((resolve, reject) => {
        // maxmem must cover 128 * N * r bytes (plus a little); twice that leaves room.
        scrypt(password, salt, keyLength, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
          error ? reject(error) : resolve(key),
        )
      }),
  )
}

interface ParsedHash {
  readonly parameters: ScryptParameters
  readonly salt: Buffer
  readonly key: Buffer
}

const isPowerOfTwo = (value: number): boolean => Number.isInteger(value) && value > 1 && (value & (value - 1)) === 0

function parseParameters(text: string): ScryptParameters | undefined {
  if (/^\d+$/.test(text)) return { N: Number(text), r: legacyBlockSize, p: legacyParallelism }
  const match = /^n=(\d+),r=(\d+),p=(\d+)$/.exec(text)
  return match ? { N: Number(match[1]), r: Number(match[2]), p: Number(match[3]) } : undefined
}

/** Reads `scrypt$n=N,r=R,p=P$salt$key` or the older `scrypt$N$salt$key`; undefined when it is neither or out of bounds. */
function parseHash(stored: string): ParsedHash | undefined {
  const [scheme, parameterText, saltText, keyText, ...rest] = stored.split('$')
  if (scheme !== 'scrypt' || parameterText === undefined || !saltText || !keyText || rest.length > 0) return undefined
  const parameters = parseParameters(parameterText)
  if (parameters === undefined) return undefined
  const { N, r, p } = parameters
  if (!isPowerOfTwo(N) || N > maxStoredCost || r < 1 || r > maxStoredBlockSize || p < 1 || p > maxStoredParallelism)
    return undefined
  return { parameters, salt: Buffer.from(saltText, 'base64url'), key: Buffer.from(keyText, 'base64url') }
}

/** Hashes a password with scrypt and a fresh random salt: `scrypt$n=N,r=R,p=P$salt$hash` (base64url), the parameters kept with it. */
export async function hashPassword(
  password: string,
  parameters: ScryptParameters = currentScryptParameters,
): Promise<string> {
  const salt = randomBytes(saltBytes)
  const key = await scryptAsync(password, salt, parameters)
  return `scrypt$n=${parameters.N},r=${parameters.r},p=${parameters.p}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

/** True when `password` matches `stored` (from {@link hashPassword}, or the older `scrypt$N$salt$hash`); compares in constant time; false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored)
  if (parsed === undefined) return false
  const key = await scryptAsync(password, parsed.salt, parsed.parameters)
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key)
}

/** True when `stored` was made with other parameters than {@link currentScryptParameters} (or is unreadable): re-hash it at the next sign-in. */
export function needsRehash(stored: string): boolean {
  const parameters = parseHash(stored)?.parameters
  return (
    parameters === undefined ||
    parameters.N !== currentScryptParameters.N ||
    parameters.r !== currentScryptParameters.r ||
    parameters.p !== currentScryptParameters.p
  )
}

/**
 * A well-formed hash of no password, at the current parameters: sign-in checks unknown usernames
 * against it, so that answering takes as long as for a real user and timing does not reveal which
 * names exist.
 */
export const dummyPasswordHash = `scrypt$n=${scryptCost},r=${scryptBlockSize},p=${scryptParallelism}$${Buffer.alloc(saltBytes).toString('base64url')}$${Buffer.alloc(keyLength).toString('base64url')}`

/** A random password for the first admin when none is configured: 18 bytes, base64url (24 characters). */
export function randomPassword(): string {
  return randomBytes(18).toString('base64url')
}
