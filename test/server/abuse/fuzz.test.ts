import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as prng from 'lib0/prng'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { parseLogLine } from '../../../server/log.ts'
import { fetchReport, textOf } from '../../helpers/report-text.ts'
import { storeReports, testAdminPassword } from '../../helpers/server.ts'
import { connectClient, pause, typeInto, waitLimits, type TestClient } from '../clients.ts'
import { testReport } from '../fixtures.ts'
import { spawnChildServer, type ChildServer } from './child-server.ts'
import { malformedKinds, malformedMessage, type MalformedMessage } from './malformed-messages.ts'

const reportId = 'test-report'
/** Bad messages to send; FUZZ_MESSAGES overrides. */
const messageCount = Number(process.env.FUZZ_MESSAGES ?? 5000)
/** The fuzzing stops sending after this long even if not all messages went out. */
const fuzzDeadlineMs = 60_000
/** Raw sockets working at once (each sends one bad message, waits for its close, reconnects). */
const workers = 4
/** Allowed growth of the server's resident memory over the whole run. */
const rssGrowthBound = 150 * 1024 * 1024

let dataDir: string
let server: ChildServer
const clients: TestClient[] = []

async function api(path: string, token: string | undefined, body?: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  })
}

async function userToken(username: string, password: string, admin: string): Promise<string> {
  expect(
    (await api('/api/users', admin, { username, password, role: 'editor', mustChangePassword: false })).status,
  ).toBe(201)
  return ((await (await api('/api/login', undefined, { username, password })).json()) as { token: string }).token
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cotejo-fuzz-'))
  await storeReports(dataDir, [testReport(reportId)])
  server = await spawnChildServer(dataDir)
})

afterAll(async () => {
  for (const client of clients) client.destroy()
  await server?.stop()
  await rm(dataDir, { recursive: true, force: true })
})

/** Sends one bad message on a fresh socket; resolves with the close code (-1: not closed within 10 s). */
function sendOne(url: string, message: MalformedMessage, waitForSync: boolean): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url)
    const timer = setTimeout(() => {
      socket.terminate()
      resolve(-1)
    }, 10_000)
    socket.on('error', () => {})
    socket.on('close', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
    const send = () => socket.send(message.data)
    if (waitForSync) socket.once('message', send)
    else socket.once('open', send)
  })
}

describe('fuzzing the collaboration socket', () => {
  it('survives thousands of malformed messages: each closed with 44xx, editors converge and lose nothing, memory stays bounded', async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000)
    console.log(`fuzz: seed ${seed} (replay with FUZZ_SEED=${seed})`)
    const random = prng.create(seed)

    const admin = (
      (await (await api('/api/login', undefined, { username: 'admin', password: testAdminPassword })).json()) as {
        token: string
      }
    ).token
    const [tokenA, tokenB, fuzzer] = [
      await userToken('editor-a', 'password-a', admin),
      await userToken('editor-b', 'password-b', admin),
      await userToken('fuzzer', 'password-f', admin),
    ]
    const wsBase = `${server.url.replace(/^http/, 'ws')}/collab`
    const a = connectClient(wsBase, reportId, tokenA)
    const b = connectClient(wsBase, reportId, tokenB)
    clients.push(a, b)
    await Promise.all([a.synced, b.synced])
    const rssBefore = await server.rss()
    let rssPeak = rssBefore

    // Two stock clients edit the same paragraph the whole time, each word numbered.
    const typed: string[] = []
    let editing = true
    const editor = async (client: TestClient, prefix: string) => {
      for (let i = 0; editing; i++) {
        const word = `${prefix}${i} `
        typeInto(client.doc, 'es/background', word)
        typed.push(word)
        await pause(25)
      }
    }
    const editing$ = Promise.all([editor(a, 'a'), editor(b, 'b')])

    const sampler = setInterval(() => {
      void server.rss().then(
        (rss) => (rssPeak = Math.max(rssPeak, rss)),
        () => {},
      )
    }, 250)
    let healthChecks = 0
    const health = setInterval(() => {
      void fetch(`${server.url}/healthz`).then((response) => {
        expect(response.status).toBe(200)
        healthChecks++
      })
    }, 1000)

    const started = Date.now()
    const closes = new Map<number, number>()
    const byKind = new Map<string, Map<number, number>>()
    const plan = Array.from({ length: messageCount }, () =>
      malformedMessage(random, prng.oneOf(random, [...malformedKinds]), [a.doc.clientID, b.doc.clientID]),
    )
    const waits = plan.map(() => prng.bool(random))
    let next = 0
    const worker = async () => {
      while (next < plan.length && Date.now() - started < fuzzDeadlineMs) {
        const index = next++
        const message = plan[index]!
        const code = await sendOne(`${wsBase}/${reportId}?token=${fuzzer}`, message, waits[index]!)
        closes.set(code, (closes.get(code) ?? 0) + 1)
        const kind = byKind.get(message.kind) ?? new Map<number, number>()
        kind.set(code, (kind.get(code) ?? 0) + 1)
        byKind.set(message.kind, kind)
      }
    }
    await Promise.all(Array.from({ length: workers }, worker))
    const fuzzMs = Date.now() - started
    const tried = [...closes.values()].reduce((sum, count) => sum + count, 0)
    editing = false
    await editing$
    clearInterval(sampler)
    clearInterval(health)

    // The editors converge on one state, and the server holds every word they typed.
    const state = (doc: Y.Doc) => ({
      vector: Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(doc))),
      background: doc.getXmlFragment('es/background').toString(),
    })
    await vi.waitFor(() => expect(state(a.doc)).toEqual(state(b.doc)), waitLimits(20_000))
    const report = await fetchReport(server.url, tokenA, reportId)
    const stored = textOf(report.sections.find((section) => section.id === 'background')!.es)
    const storedWords = new Set(stored.match(/[ab]\d+ /g) ?? [])
    const lost = typed.filter((word) => !storedWords.has(word))
    const rssAfter = await server.rss()
    rssPeak = Math.max(rssPeak, rssAfter)
    const healthz = await fetch(`${server.url}/healthz`)

    // The server logged each refusal as one JSON line with the same code the client saw.
    const expected44xx = [...closes]
      .filter(([code]) => code >= 4400 && code < 4500)
      .reduce((sum, [, count]) => sum + count, 0)
    const logged = () =>
      server.lines
        .map(parseLogLine)
        .filter(
          (record) =>
            (record.event === 'connection-closed' || record.event === 'connection-refused') &&
            record.code !== undefined &&
            record.code >= 4400 &&
            record.code < 4500 &&
            record.user === 'fuzzer',
        )
    await vi.waitFor(() => expect(logged().length).toBeGreaterThanOrEqual(expected44xx), waitLimits())

    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
    console.log(
      [
        `fuzz: ${tried} malformed messages tried in ${fuzzMs} ms (${workers} sockets at a time), seed ${seed}`,
        `closes by code: ${JSON.stringify(Object.fromEntries([...closes].sort()))}`,
        ...[...byKind].sort().map(([kind, codes]) => `  ${kind}: ${JSON.stringify(Object.fromEntries(codes))}`),
        `editors typed ${typed.length} words, updates lost: ${lost.length}; /healthz checked ${healthChecks + 1} times: ${healthz.status}`,
        `server RSS: before ${mb(rssBefore)}, peak ${mb(rssPeak)}, after ${mb(rssAfter)} (growth at peak ${mb(rssPeak - rssBefore)}, bound ${mb(rssGrowthBound)})`,
        `log lines: ${server.lines.length}, all JSON; refusals logged for the fuzzer: ${logged().length}`,
      ].join('\n'),
    )

    // On a heavily loaded machine the deadline may cut the run short; it must still have done real work.
    if (tried < messageCount)
      console.log(
        `fuzz: the ${fuzzDeadlineMs / 1000} s deadline stopped the run after ${tried} of ${messageCount} messages`,
      )
    expect(tried).toBeGreaterThanOrEqual(Math.min(messageCount, 2000))
    expect(Object.fromEntries([...closes].filter(([code]) => code < 4400 || code >= 4500))).toEqual({})
    expect(expected44xx).toBe(tried)
    expect(healthz.status).toBe(200)
    expect(typed.length).toBeGreaterThan(20)
    expect(lost).toEqual([])
    expect([...a.closeCodes, ...b.closeCodes]).toEqual([])
    expect(logged().length).toBe(expected44xx)
    expect(rssPeak - rssBefore).toBeLessThan(rssGrowthBound)
    expect(server.stderr()).toBe('')

    // It still stops cleanly on SIGTERM, and says so in its log.
    expect(await server.stop()).toBe(0)
    expect(server.lines.map(parseLogLine).map((record) => record.event)).toEqual(
      expect.arrayContaining(['start', 'stop', 'stopped']),
    )
  }, 180_000)
})
