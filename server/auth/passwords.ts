import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { scryptCost } from '../config.ts'

const keyLength = 64
const saltBytes = 16

function scryptAsync(password: string, salt: Buffer, cost: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must cover 128 * N * r bytes; r = 8.
    scrypt(password, salt, keyLength, { N: cost, r: 8, p: 1, maxmem: 256 * cost * 8 }, (error, key) => (error ? reject(error) : resolve(key)))
  })
}

/** Hashes a password with scrypt and a fresh random salt: `scrypt$N$salt$hash` (base64url). */
export async function hashPassword(password: string, cost: number = scryptCost): Promise<string> {
  const salt = randomBytes(saltBytes)
  const key = await scryptAsync(password, salt, cost)
  return `scrypt$${cost}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

/** True when `password` matches `stored` (from {@link hashPassword}); compares in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, costText, saltText, keyText] = stored.split('$')
  const cost = Number(costText)
  if (scheme !== 'scrypt' || !Number.isInteger(cost) || saltText === undefined || keyText === undefined) return false
  const expected = Buffer.from(keyText, 'base64url')
  const key = await scryptAsync(password, Buffer.from(saltText, 'base64url'), cost)
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/** A random password for the first admin when none is configured: 18 bytes, base64url (24 characters). */
export function randomPassword(): string {
  return randomBytes(18).toString('base64url')
}
