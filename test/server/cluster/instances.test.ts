// Two instances of the server on one PostgreSQL and one Redis, both real and private to this file:
// edits and presence cross between them; Redis or PostgreSQL going away and coming back.

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { startPostgres, type RunningPostgres } from '../../helpers/postgres.ts'
import { startRedis, type RunningRedis } from '../../helpers/redis.ts'
import { startTestServer, storedDoc, storeReports, testAdminPassword, type TestServer } from '../../helpers/server.ts'
import {
  connectClient,
  firstParagraphText,
  letAnythingArrive,
  typeInto,
  waitLimits,
  type TestClient,
} from '../clients.ts'
import { testReport } from '../fixtures.ts'

const reportId = 'test-report'
let postgres: RunningPostgres
let redis: RunningRedis
let databases = 0
const cleanups: Array<() => Promise<void> | void> = []

beforeAll(async () => {
  ;[postgres, redis] = await Promise.all([startPostgres(), startRedis()])
}, 60_000)

afterAll(async () => {
  await redis?.stop()
  await postgres?.dispose()
})

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A fresh database holding the test report. */
async function databaseWithReport(): Promise<string> {
  const url = await postgres.createDatabase(`instances_${++databases}`)
  await storeReports({ databaseUrl: url }, [testReport(reportId)])
  return url
}

async function instance(databaseUrl: string, redisUrl: string, name: string): Promise<TestServer> {
  const server = await startTestServer({ databaseUrl, redisUrl, instanceId: name })
  cleanups.push(() => server.close())
  return server
}

function client(server: TestServer, token: string): TestClient {
  const made = connectClient(server.wsUrl, reportId, token)
  cleanups.push(() => made.destroy())
  return made
}

async function readyz(
  server: TestServer,
): Promise<{ status: number; body: { checks?: { storage: string; redis: string } } }> {
  const response = await fetch(`${server.url}/readyz`)
  return { status: response.status, body: (await response.json()) as { checks?: { storage: string; redis: string } } }
}

/** /readyz of `server` once it answers `status`; fails with its last answer after 5 s (the instance notices Redis going or coming within ~2 s). */
function readyzOnce(server: TestServer, status: number): Promise<Awaited<ReturnType<typeof readyz>>> {
  return vi.waitFor(
    async () => {
      const answer = await readyz(server)
      expect(answer).toMatchObject({ status })
      return answer
    },
    { timeout: 5_000, interval: 50 },
  )
}

/** Milliseconds until `check` passes (tried every 2 ms); fails with its last failure after `limitMs`. */
async function timeUntil(check: () => void, limitMs = 5_000): Promise<number> {
  const start = performance.now()
  await vi.waitFor(check, { timeout: limitMs, interval: 2 })
  return performance.now() - start
}

describe('two instances on PostgreSQL and Redis', () => {
  it('carries edits both ways within a second, and presence, between clients of different instances', async () => {
    const databaseUrl = await databaseWithReport()
    const a = await instance(databaseUrl, redis.url, 'instance-a')
    const b = await instance(databaseUrl, redis.url, 'instance-b')
    const token = (await a.login('admin', testAdminPassword)).token
    const onA = client(a, token)
    const onB = client(b, token)
    await Promise.all([onA.synced, onB.synced])
    expect(await readyz(a)).toMatchObject({ status: 200, body: { checks: { storage: 'ok', redis: 'ok' } } })

    const times: number[] = []
    for (let i = 0; i < 10; i++) {
      const [from, to, name] = i % 2 === 0 ? [onA, onB, 'A'] : [onB, onA, 'B']
      typeInto(from.doc, 'es/iom', `${name}${i} `)
      // Edit i from `name` crosses.
      times.push(
        await timeUntil(() => expect(firstParagraphText(to.doc, 'es/iom')).toMatch(new RegExp(`^${name}${i} `)), 1_000),
      )
    }
    console.log(
      `two instances: 10 edits crossed (5 each way), slowest ${Math.max(...times).toFixed(1)} ms, median ${times.sort((x, y) => x - y)[5]!.toFixed(1)} ms`,
    )
    expect(firstParagraphText(onA.doc, 'es/iom')).toBe(firstParagraphText(onB.doc, 'es/iom'))

    // The server shows the signed-in name (admin), whatever the client writes; the colour is the client's.
    onA.provider.awareness.setLocalStateField('user', { name: 'ana', color: '#abcdef' })
    const coloursOnB = () =>
      [...onB.provider.awareness.getStates().values()].map(
        (state) => (state['user'] as { color?: string } | undefined)?.color,
      )
    // Presence of the client on A reaches the client on B.
    await vi.waitFor(() => expect(coloursOnB()).toContain('#abcdef'), waitLimits(2_000))
    expect(
      [...onB.provider.awareness.getStates().values()]
        .map((state) => state['user'] as { name?: string; color?: string } | undefined)
        .find((user) => user?.color === '#abcdef')?.name,
    ).toBe('admin')
    onA.destroy()
    // The client on A left, and B sees it go.
    await vi.waitFor(() => expect(coloursOnB()).not.toContain('#abcdef'), waitLimits(5_000))

    // A third client, on B, finds everything in storage and in B's copy.
    const late = client(b, token)
    await late.synced
    expect(firstParagraphText(late.doc, 'es/iom')).toBe(firstParagraphText(onB.doc, 'es/iom'))
  })

  it('keeps serving each instance’s own clients while Redis is down, and converges when it returns', async () => {
    const databaseUrl = await databaseWithReport()
    const a = await instance(databaseUrl, redis.url, 'instance-a')
    const b = await instance(databaseUrl, redis.url, 'instance-b')
    const token = (await a.login('admin', testAdminPassword)).token
    const [onA, alsoOnA, onB] = [client(a, token), client(a, token), client(b, token)]
    await Promise.all([onA.synced, alsoOnA.synced, onB.synced])

    await redis.stop()
    expect(await readyzOnce(a, 503)).toMatchObject({
      status: 503,
      body: { checks: { storage: 'ok', redis: 'unavailable' } },
    })

    for (let i = 0; i < 20; i++) {
      typeInto(onA.doc, 'es/iom', `a${i} `)
      typeInto(onB.doc, 'es/ilo', `b${i} `)
    }
    // Each instance serves its own clients as before: the other client of A sees A's edits at once.
    await vi.waitFor(() => expect(firstParagraphText(alsoOnA.doc, 'es/iom')).toMatch(/^a19 /), waitLimits(2_000))

    await redis.start()
    // Both instances converge after Redis returned.
    await vi.waitFor(() => {
      expect(firstParagraphText(onA.doc, 'es/ilo')).toMatch(/^b19 /)
      expect(firstParagraphText(onB.doc, 'es/iom')).toMatch(/^a19 /)
    }, waitLimits(10_000))
    expect(firstParagraphText(onA.doc, 'es/iom')).toBe(firstParagraphText(onB.doc, 'es/iom'))
    expect(firstParagraphText(onA.doc, 'es/ilo')).toBe(firstParagraphText(onB.doc, 'es/ilo'))
    expect(await readyzOnce(a, 200)).toMatchObject({ status: 200, body: { checks: { redis: 'ok' } } })

    // Live relaying works again: a new edit crosses within a second.
    typeInto(onB.doc, 'es/iom', 'again ')
    await timeUntil(() => expect(firstParagraphText(onA.doc, 'es/iom')).toMatch(/^again /), 1_000)
  })
})

describe('PostgreSQL going away', () => {
  it('stops acknowledging edits (nobody else sees them, the client keeps them) and recovers by itself when it returns', async () => {
    const databaseUrl = await databaseWithReport()
    const logs: string[] = []
    const server = await startTestServer({ databaseUrl, log: (line) => logs.push(line) })
    cleanups.push(() => server.close())
    const token = (await server.login('admin', testAdminPassword)).token
    const writer = client(server, token)
    const watcher = client(server, token)
    await Promise.all([writer.synced, watcher.synced])
    typeInto(writer.doc, 'es/iom', 'before ')
    // An edit goes through before the outage.
    await vi.waitFor(() => expect(firstParagraphText(watcher.doc, 'es/iom')).toMatch(/^before /), waitLimits())

    await postgres.stop()
    const closes = writer.closeCodes.length
    for (let i = 0; i < 10; i++) typeInto(writer.doc, 'es/iom', `during${i} `)
    // The server cannot store them: it closes the connection (1011) instead of acknowledging them.
    // The writer is told its edits could not be stored.
    await vi.waitFor(() => expect(writer.closeCodes.length).toBeGreaterThan(closes), waitLimits(10_000))
    expect(writer.closeCodes.slice(closes)).toContain(1011)
    expect((await readyz(server)).status).toBe(503)
    await letAnythingArrive(1_000)
    // Nothing unstored reached anyone; the writer keeps its edits.
    expect(firstParagraphText(watcher.doc, 'es/iom')).not.toContain('during')
    expect(firstParagraphText(writer.doc, 'es/iom')).toContain('during9 ')

    await postgres.start()
    // After PostgreSQL returned, the writer's edits are stored and relayed.
    await vi.waitFor(() => expect(firstParagraphText(watcher.doc, 'es/iom')).toMatch(/^during9 /), waitLimits(20_000))
    expect((await readyz(server)).status).toBe(200)
    const stored = await storedDoc({ databaseUrl }, reportId)
    expect(firstParagraphText(stored, 'es/iom')).toBe(firstParagraphText(writer.doc, 'es/iom'))
    console.log(
      `PostgreSQL outage: 10 edits typed while it was down, 10 stored after it returned, lost 0; the writer's connection closed with ${writer.closeCodes.slice(closes).join(', ')}`,
    )
  }, 60_000)
})

describe('versions with two instances', () => {
  /** The automatic versions an instance's log says it made. */
  const autoVersionsIn = (lines: readonly string[]): string[] =>
    lines
      .filter((line) => line.includes('"event":"version"') && line.includes('auto version'))
      .map((line) => (JSON.parse(line) as { message: string }).message)

  it('are made by one instance only, the lease holder, and by the other once the holder is gone', async () => {
    const databaseUrl = await databaseWithReport()
    const logsA: string[] = []
    const logsB: string[] = []
    const a = await startTestServer({
      databaseUrl,
      redisUrl: redis.url,
      instanceId: 'instance-a',
      versionPauseMs: 300,
      log: (line) => logsA.push(line),
    })
    let aClosed = false
    cleanups.push(() => (aClosed ? undefined : a.close()))
    const b = await startTestServer({
      databaseUrl,
      redisUrl: redis.url,
      instanceId: 'instance-b',
      versionPauseMs: 300,
      log: (line) => logsB.push(line),
    })
    cleanups.push(() => b.close())
    const token = (await a.login('admin', testAdminPassword)).token
    const onA = client(a, token)
    await onA.synced
    // A loaded the report first: it holds the lease and made the base version.
    await vi.waitFor(() => expect(autoVersionsIn(logsA)).toHaveLength(1), waitLimits())
    const onB = client(b, token)
    await onB.synced

    // Edits on both sides, then a pause: one automatic version, by A, whatever instance stored the edits.
    for (let round = 0; round < 3; round++) {
      typeInto(onA.doc, 'es/iom', `a${round} `)
      typeInto(onB.doc, 'es/ilo', `b${round} `)
      // The round's edits cross, then A makes the version after it.
      await vi.waitFor(() => {
        expect(firstParagraphText(onA.doc, 'es/ilo')).toMatch(new RegExp(`^b${round} `))
        expect(firstParagraphText(onB.doc, 'es/iom')).toMatch(new RegExp(`^a${round} `))
      }, waitLimits())
      await vi.waitFor(() => expect(autoVersionsIn(logsA)).toHaveLength(round + 2), waitLimits(5_000))
    }
    const listed = async (): Promise<Array<{ id: number; seq: number; kind: string }>> => {
      const response = await fetch(`${b.url}/api/reports/${reportId}/versions`, {
        headers: { authorization: `Bearer ${token}` },
      })
      return (await response.json()) as Array<{ id: number; seq: number; kind: string }>
    }
    const autos = (await listed()).filter((version) => version.kind === 'auto')
    expect(autos).toHaveLength(4)
    expect(new Set(autos.map((version) => version.seq)).size).toBe(4)
    expect(autoVersionsIn(logsB)).toEqual([])

    // A goes away: B takes the lease over and makes the next version.
    onA.destroy()
    aClosed = true
    await a.close()
    typeInto(onB.doc, 'es/ilo', 'after ')
    // B stored the edit.
    await vi.waitFor(() => expect(firstParagraphText(onB.doc, 'es/ilo')).toMatch(/^after /), waitLimits())
    const start = Date.now()
    // B makes a version within 20 s of A leaving.
    await vi.waitFor(
      async () => {
        const now = (await listed()).filter((version) => version.kind === 'auto')
        // [automatic versions listed, made by B], and the versions listed when that fails.
        expect([now.length, autoVersionsIn(logsB).length], `versions: ${JSON.stringify(now)}`).toEqual([5, 1])
      },
      { timeout: 20_000, interval: 200 },
    )
    console.log(
      `versions with two instances: 4 automatic versions made by the lease holder only, 0 twice; the other instance made the next ${Date.now() - start} ms after the holder left`,
    )
  }, 60_000)
})
