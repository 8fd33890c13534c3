import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyPassword } from '../../../server/auth/passwords.ts'
import { closeUnauthorized } from '../../../schema/close-codes.ts'
import { openStorage } from '../../../server/storage/open-storage.ts'
import { startTestServer, testAdminPassword, type TestServer } from '../../helpers/server.ts'
import { legacyHash } from '../auth/legacy-hash.ts'
import { closedWithin, connectClient, type TestClient } from '../clients.ts'
import { testReport } from '../fixtures.ts'

const reportId = 'test-report'
let dataDir: string
let server: TestServer
const clients: TestClient[] = []

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cotejo-accounts-'))
  // A user from before the parameters were stored in the hash: scrypt$32768$salt$key.
  const storage = await openStorage({ dataDir })
  await storage.createUser({
    username: 'olga',
    role: 'viewer',
    actors: [],
    passwordHash: legacyHash('olga-password'),
    createdAt: Date.now(),
  })
  await storage.close()
  // One trusted proxy: the tests play clients at different addresses through X-Forwarded-For.
  server = await startTestServer({ dataDir, reports: [testReport(reportId)], trustProxy: 1 })
  await server.createUser({ username: 'alice', password: 'alice-password', role: 'editor' })
})

afterAll(async () => {
  for (const client of clients) client.destroy()
  await server.close()
  await rm(dataDir, { recursive: true, force: true })
})

/** Signs in as `username` from client address `address` (through the trusted proxy). */
async function login(username: string, password: string, address: string): Promise<{ status: number; token?: string }> {
  const response = await fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ username, password }),
  })
  const body = (await response.json()) as { token?: string }
  return { status: response.status, ...(body.token !== undefined && { token: body.token }) }
}

const me = async (token: string): Promise<number> =>
  (await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status

function client(token: string): TestClient {
  const made = connectClient(server.wsUrl, reportId, token)
  clients.push(made)
  return made
}

async function storedHash(username: string): Promise<string> {
  const storage = await openStorage({ dataDir })
  try {
    return (await storage.getUser(username))!.passwordHash
  } finally {
    await storage.close()
  }
}

describe('guessing a password', () => {
  it('from one address does not lock the account’s owner out at another: 50 wrong passwords from A, then alice signs in from B at once', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 50; i++) statuses.push((await login('alice', `guess-${i}`, '203.0.113.66')).status)
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401])
    expect(statuses.slice(5)).toEqual(Array.from({ length: 45 }, () => 429))
    const fromHome = await login('alice', 'alice-password', '198.51.100.7')
    expect(fromHome.status).toBe(200)
    expect(await me(fromHome.token!)).toBe(200)
    // The guesser's address stays locked for alice, even with her password.
    expect((await login('alice', 'alice-password', '203.0.113.66')).status).toBe(429)
  }, 60_000)
})

describe('password hashes from before', () => {
  it('sign in, and are re-hashed at the current parameters on that sign-in', async () => {
    expect(await storedHash('olga')).toMatch(/^scrypt\$32768\$/)
    expect((await login('olga', 'olga-password', '192.0.2.10')).status).toBe(200)
    const upgraded = await storedHash('olga')
    expect(upgraded).toMatch(/^scrypt\$n=131072,r=8,p=1\$/)
    expect(await verifyPassword('olga-password', upgraded), 'the password verifies against the upgraded hash').toBe(
      true,
    )
    expect((await login('olga', 'olga-password', '192.0.2.10')).status).toBe(200)
    expect(await storedHash('olga')).toBe(upgraded)
  }, 30_000)
})

describe('changing a password', () => {
  it('ends every session of that user and closes their sockets with 4401', async () => {
    const admin = (await server.login('admin', testAdminPassword)).token
    await server.createUser({ username: 'bruno', password: 'bruno-password', role: 'editor' })
    const laptop = (await login('bruno', 'bruno-password', '192.0.2.20')).token!
    const phone = (await login('bruno', 'bruno-password', '192.0.2.21')).token!
    const socket = client(laptop)
    await socket.synced
    const patched = await fetch(`${server.url}/api/users/bruno`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ password: 'bruno-new-password' }),
    })
    expect(patched.status).toBe(200)
    expect(await closedWithin(socket)).toBe(closeUnauthorized)
    expect([await me(laptop), await me(phone), await me(admin)]).toEqual([401, 401, 200])
    expect((await login('bruno', 'bruno-new-password', '192.0.2.20')).status).toBe(200)
  }, 30_000)

  it('of one’s own keeps the session making the change and its sockets, and ends the others', async () => {
    const current = (await server.login('admin', testAdminPassword)).token
    const other = (await server.login('admin', testAdminPassword)).token
    const currentSocket = client(current)
    const otherSocket = client(other)
    await Promise.all([currentSocket.synced, otherSocket.synced])
    const patched = await fetch(`${server.url}/api/users/admin`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${current}` },
      body: JSON.stringify({ password: 'admin-new-password' }),
    })
    expect(patched.status).toBe(200)
    expect(await closedWithin(otherSocket)).toBe(closeUnauthorized)
    expect(await closedWithin(currentSocket, 500)).toBe(-1)
    expect([await me(current), await me(other)]).toEqual([200, 401])
  }, 30_000)
})
