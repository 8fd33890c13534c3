import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import { findSession, hashToken } from '../../../server/auth/sessions.ts'
import { closeTooMany } from '../../../schema/close-codes.ts'
import { noCollabLimits, SendBudget, TokenBucket } from '../../../server/collab/limits.ts'
import { sessionIdleMs } from '../../../server/config.ts'
import { parseLogLine } from '../../../server/log.ts'
import { SqliteStorage } from '../../../server/storage/sqlite/sqlite-storage.ts'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import {
  closedWithin,
  connectClient,
  firstParagraphText,
  pause,
  typeInto,
  waitLimits,
  type TestClient,
} from '../clients.ts'
import { testReport } from '../fixtures.ts'

const reportId = 'test-report'
const limits = {
  maxSocketsPerUser: 3,
  maxSocketsPerIp: 6,
  messagesPerSecond: 50,
  messageBurst: 100,
  bytesPerSecond: 64 * 1024,
  byteBurst: 160 * 1024,
}
let server: TestServer
const logLines: string[] = []
let alice: string
let bob: string
const clients: TestClient[] = []
const sockets: WebSocket[] = []

beforeAll(async () => {
  server = await startTestServer({
    reports: [testReport(reportId)],
    limits,
    maxMessageBytes: 64 * 1024,
    log: (line) => logLines.push(line),
  })
  alice = (await server.createUser({ username: 'alice', password: 'password-a', role: 'editor' })).token
  bob = (await server.createUser({ username: 'bob', password: 'password-b', role: 'editor' })).token
})

afterAll(async () => {
  for (const client of clients) client.destroy()
  for (const socket of sockets) socket.terminate()
  await server.close()
})

function client(token: string): TestClient {
  const made = connectClient(server.wsUrl, reportId, token)
  clients.push(made)
  return made
}

/** Opens a raw socket and resolves once the server's first message (sync step 1) arrived, or with the close code. */
function rawSocket(token: string): Promise<{ socket: WebSocket; closed: Promise<number>; refused?: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${server.wsUrl}/${reportId}?token=${token}`)
    sockets.push(socket)
    const closed = new Promise<number>((resolveClose) => socket.on('close', (code) => resolveClose(code)))
    socket.on('error', reject)
    socket.once('message', () => resolve({ socket, closed }))
    void closed.then((code) => resolve({ socket, closed, refused: code }))
  })
}

function awarenessMessage(clientId: number, clock: number, state: unknown): Uint8Array {
  const entries = encoding.createEncoder()
  encoding.writeVarUint(entries, 1)
  encoding.writeVarUint(entries, clientId)
  encoding.writeVarUint(entries, clock)
  encoding.writeVarString(entries, JSON.stringify(state))
  const message = encoding.createEncoder()
  encoding.writeVarUint(message, 1)
  encoding.writeVarUint8Array(message, encoding.toUint8Array(entries))
  return encoding.toUint8Array(message)
}

const syncStep1 = new Uint8Array([0, 0, 1, 0])

describe('token buckets', () => {
  it('allow the burst at once, then only the rate, and refill with time', () => {
    const bucket = new TokenBucket(10, 20, 0)
    expect(Array.from({ length: 25 }, () => bucket.take(1, 0)).filter(Boolean)).toHaveLength(20)
    // 1 token at 50 ms, 1 at 100 ms, 5 at 1 s, 20 at 10 s, 1 more at 10 s.
    expect([
      bucket.take(1, 50),
      bucket.take(1, 100),
      bucket.take(5, 1000),
      bucket.take(20, 10_000),
      bucket.take(1, 10_000),
    ]).toEqual([false, true, true, true, false])
  })

  it('count bytes apart from messages, and never refuse when unlimited', () => {
    const budget = new SendBudget({ ...noCollabLimits, bytesPerSecond: 1000, byteBurst: 1000 }, 0)
    expect(budget.spend(600, 0)).toBeUndefined()
    expect(budget.spend(600, 0)).toMatch(/bytes/)
    expect(budget.spend(600, 1000)).toBeUndefined()
    const unlimited = new SendBudget(noCollabLimits, 0)
    for (let i = 0; i < 10_000; i++) expect(unlimited.spend(1 << 20, 0)).toBeUndefined()
  })
})

describe('connection floods', () => {
  it("refuses a user's sockets above the limit with 4429 while the earlier ones keep working", async () => {
    const open = [client(alice), client(alice), client(alice)]
    await Promise.all(open.map((each) => each.synced))
    const extra = client(alice)
    expect(await closedWithin(extra)).toBe(closeTooMany)
    typeInto(open[0]!.doc, 'es/background', 'AÚN ')
    // The earlier sockets still edit.
    await vi.waitFor(
      () =>
        expect(open.map((each) => firstParagraphText(each.doc, 'es/background').slice(0, 'AÚN '.length))).toEqual(
          open.map(() => 'AÚN '),
        ),
      waitLimits(),
    )
    expect(open.flatMap((each) => each.closeCodes)).toEqual([])
    const refused = logLines
      .map(parseLogLine)
      .filter((record) => record.event === 'connection-refused' && record.code === closeTooMany)
    expect(refused.map((record) => record.user)).toContain('alice')

    // Closing one frees its place.
    open.pop()!.destroy()
    // Nothing tells a client when the server has seen its socket close: give it a moment.
    await pause(100)
    const again = client(alice)
    await again.synced
    expect(await closedWithin(again, 300)).toBe(-1)
  })

  it('refuses sockets from one address above the limit with 4429, whoever signs in', async () => {
    // alice holds 3 sockets from 127.0.0.1; the address allows 6 in all.
    const first = await rawSocket(bob)
    const second = await rawSocket(bob)
    const third = await rawSocket(bob)
    expect([first.refused, second.refused, third.refused]).toEqual([undefined, undefined, undefined])
    const fourth = await rawSocket(bob)
    expect(fourth.refused).toBe(closeTooMany)
    first.socket.close()
    await first.closed
    // The client saw the close; give the server a moment to see it too.
    await pause(50)
    const replacement = await rawSocket(bob)
    expect(replacement.refused).toBeUndefined()
    for (const each of [second, third, replacement]) each.socket.close()
    await Promise.all([second.closed, third.closed, replacement.closed])
  })
})

describe('message floods', () => {
  it('closes a connection sending more messages than its budget with 4429', async () => {
    const { socket, closed } = await rawSocket(bob)
    for (let i = 0; i < 400; i++) socket.send(syncStep1)
    expect(await closedWithin({ closed }, 5000)).toBe(closeTooMany)
  })

  it('closes a connection sending more bytes per second than its budget with 4429', async () => {
    const { socket, closed } = await rawSocket(bob)
    const clientId = 987_654
    // Each message is valid (a presence state of 3.5 KB, under the presence limit of 4 KiB), and 60 of
    // them stay under the message burst of 100; only the bytes, 210 KB at once against a burst of 160 KB, are too many.
    for (let clock = 1; clock <= 60; clock++) socket.send(awarenessMessage(clientId, clock, { pad: 'x'.repeat(3500) }))
    expect(await closedWithin({ closed }, 5000)).toBe(closeTooMany)
  })

  it('lets a connection that stays within the budget keep sending', async () => {
    const { socket, closed } = await rawSocket(bob)
    // 150 messages at about 40 per second: over the burst of 100 in total, under the rate.
    for (let i = 0; i < 150; i++) {
      socket.send(syncStep1)
      if (i % 10 === 9) await pause(250)
    }
    expect(await closedWithin({ closed }, 300)).toBe(-1)
    socket.close()
    await closed
  })
})

describe('sign-in abuse and sessions', () => {
  it('hands out session tokens of 32 random bytes, stored only as their hash', async () => {
    const storage = new SqliteStorage(server.dataDir)
    try {
      const tokens = [await server.login('bob', 'password-b'), await server.login('bob', 'password-b')].map(
        (session) => session.token,
      )
      expect(tokens[0]).not.toBe(tokens[1])
      for (const token of tokens) {
        expect(Buffer.from(token, 'base64url').byteLength).toBeGreaterThanOrEqual(32)
        expect(await storage.getSession(hashToken(token))).toBeDefined()
        expect(await storage.getSession(token)).toBeUndefined()
      }
    } finally {
      await storage.close()
    }
  }, 20_000)

  it('ends a session idle for longer than the limit: it stops authenticating', async () => {
    const { token: idle } = await server.login('bob', 'password-b')
    const { token: active } = await server.login('bob', 'password-b')
    const storage = new SqliteStorage(server.dataDir)
    try {
      // The clock is injected: just inside the limit the session lives, just past it it ends.
      expect(await findSession(storage, active, Date.now() + sessionIdleMs - 60_000)).toBeDefined()
      expect(await findSession(storage, idle, Date.now() + sessionIdleMs + 60_000)).toBeUndefined()
    } finally {
      await storage.close()
    }
    expect((await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${idle}` } })).status).toBe(401)
    expect((await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${active}` } })).status).toBe(200)
    const socket = connectClient(server.wsUrl, reportId, idle)
    clients.push(socket)
    expect(await closedWithin(socket)).toBe(4401)
  }, 20_000)

  // Last: it locks sign-ins from this address for the rest of the file.
  it('slows guessing across many usernames from one address with 429', async () => {
    const post = (username: string) =>
      fetch(`${server.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'wrong-password' }),
      })
    // 20 failures per address are allowed (each name only fails once, below the per-name limit).
    for (let i = 0; i < 20; i++) expect((await post(`nobody-${i}`)).status).toBe(401)
    const locked = await post('nobody-20')
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})
