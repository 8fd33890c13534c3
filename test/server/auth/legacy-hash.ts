// Password hashes as the server wrote them before the scrypt parameters were stored in the hash. Not a test file.

import { randomBytes, scryptSync } from 'node:crypto'

/** A hash in the older format `scrypt$N$salt$key` (r = 8, p = 1 implied), by default at the older cost 2^15. */
export function legacyHash(password: string, N = 1 << 15): string {
  const salt = randomBytes(16)
  const key = scryptSync(password, salt, 64, { N, r: 8, p: 1, maxmem: 256 * N * 8 })
  return `scrypt$${N}$${salt.toString('base64url')}$${key.toString('base64url')}`
}
