import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findSession, hashToken, openSession } from '../../../server/auth/sessions.ts'
import { sessionIdleMs, sessionMaxAgeMs } from '../../../server/config.ts'
import { SqliteStorage } from '../../../server/storage/sqlite/sqlite-storage.ts'

let dir: string
let storage: SqliteStorage

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cotejo-sessions-'))
  storage = new SqliteStorage(dir)
  await storage.createUser({ username: 'ana', role: 'viewer', actors: [], passwordHash: 'h', createdAt: 0 })
})

afterAll(async () => {
  await storage.close()
  await rm(dir, { recursive: true, force: true })
})

const day = 24 * 60 * 60 * 1000

describe('sessions', () => {
  it('last 30 days from sign-in at most, however often they are used', async () => {
    expect(sessionMaxAgeMs).toBe(30 * day)
    const start = Date.UTC(2026, 0, 1)
    const { token } = await openSession(storage, 'ana', start)
    // Used every day: never idle, yet it ends once it is older than the limit.
    let now = start
    for (; now - start <= sessionMaxAgeMs; now += day) expect(await findSession(storage, token, now)).toBeDefined()
    expect(await findSession(storage, token, start + sessionMaxAgeMs + 1)).toBeUndefined()
    // And it is gone from the store, not only refused.
    expect(await storage.getSession(hashToken(token))).toBeUndefined()
  })

  it('still end after a week without use, well within their lifetime', async () => {
    const start = Date.UTC(2026, 1, 1)
    const { token } = await openSession(storage, 'ana', start)
    expect(await findSession(storage, token, start + sessionIdleMs - 1000)).toBeDefined()
    expect(await findSession(storage, token, start + 2 * sessionIdleMs)).toBeUndefined()
  })
})
