import { describe, expect, it } from 'vitest'
import {
  currentScryptParameters,
  dummyPasswordHash,
  hashPassword,
  needsRehash,
  verifyPassword,
} from '../../../server/auth/passwords.ts'
import { legacyHash } from './legacy-hash.ts'

describe('password hashes', () => {
  it('are made at OWASP’s scrypt parameters (N = 2^17, r = 8, p = 1), which they carry', async () => {
    expect(currentScryptParameters).toEqual({ N: 1 << 17, r: 8, p: 1 })
    const hash = await hashPassword('correct horse')
    expect(hash).toMatch(/^scrypt\$n=131072,r=8,p=1\$[\w-]{22}\$[\w-]{86}$/)
    expect({
      right: await verifyPassword('correct horse', hash),
      wrong: await verifyPassword('correct horse!', hash),
      rehash: needsRehash(hash),
    }).toEqual({
      right: true,
      wrong: false,
      rehash: false,
    })
  })

  it('verify with the parameters stored in them, so other parameters still sign in and ask to be re-hashed', async () => {
    const cheap = await hashPassword('pw-12345', { N: 1 << 10, r: 4, p: 2 })
    expect(cheap).toMatch(/^scrypt\$n=1024,r=4,p=2\$/)
    expect({ verified: await verifyPassword('pw-12345', cheap), rehash: needsRehash(cheap) }).toEqual({
      verified: true,
      rehash: true,
    })
  })

  it('still verify the older scrypt$N$salt$key format, which asks to be re-hashed', async () => {
    const old = legacyHash('old-password')
    expect({
      right: await verifyPassword('old-password', old),
      wrong: await verifyPassword('other-password', old),
      rehash: needsRehash(old),
    }).toEqual({
      right: true,
      wrong: false,
      rehash: true,
    })
  })

  it('refuse malformed hashes and parameters that would take gigabytes, without computing anything', async () => {
    for (const bad of [
      '',
      'plain',
      'bcrypt$10$x$y',
      'scrypt$1000$AAAA$AAAA',
      'scrypt$n=2097152,r=8,p=1$AAAA$AAAA',
      'scrypt$n=1024,r=999,p=1$AAAA$AAAA',
      'scrypt$n=1024,r=8,p=1$$AAAA',
      'scrypt$1024$AAAA$AAAA$extra',
    ]) {
      expect({ hash: bad, verified: await verifyPassword('x', bad), rehash: needsRehash(bad) }).toEqual({
        hash: bad,
        verified: false,
        rehash: true,
      })
    }
  })

  it('check unknown users against a dummy hash at the current parameters, which no password matches', async () => {
    expect({ rehash: needsRehash(dummyPasswordHash), verified: await verifyPassword('', dummyPasswordHash) }).toEqual({
      rehash: false,
      verified: false,
    })
  })

  it('do not block the event loop while hashing', async () => {
    let ticks = 0
    const timer = setInterval(() => ticks++, 10)
    try {
      await hashPassword('pw-12345')
    } finally {
      clearInterval(timer)
    }
    // About 0.5 s of hashing at 2^17: the timer kept firing meanwhile.
    expect(ticks).toBeGreaterThan(5)
  })
})
