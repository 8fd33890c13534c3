// One of two instances (separate processes, one PostgreSQL, one Redis) killed with `kill -9` while
// four clients type: its clients reconnect (one to it when it is back, one to the other instance),
// and every edit any client had received, or typed, is in the report afterwards.

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type * as Y from 'yjs'
import { freePort } from '../../helpers/ports.ts'
import { startPostgres, type RunningPostgres } from '../../helpers/postgres.ts'
import { startRedis, type RunningRedis } from '../../helpers/redis.ts'
import { storedDoc, storeReports, testAdminPassword } from '../../helpers/server.ts'
import { spawnChildServer, type ChildServer } from '../abuse/child-server.ts'
import { connectClient, firstParagraphText, pause, typeInto, waitLimits, type TestClient } from '../clients.ts'
import { testReport } from '../fixtures.ts'

const reportId = 'test-report'
let postgres: RunningPostgres
let redis: RunningRedis
let dataDir: string
const cleanups: Array<() => unknown> = []

beforeAll(async () => {
  ;[postgres, redis] = await Promise.all([startPostgres(), startRedis()])
  dataDir = await mkdtemp(join(tmpdir(), 'cotejo-kill-'))
}, 60_000)

afterAll(async () => {
  await redis?.stop()
  await postgres?.dispose()
  await rm(dataDir, { recursive: true, force: true })
})

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function client(server: ChildServer, token: string, doc?: Y.Doc): TestClient {
  const made = connectClient(`${server.url.replace(/^http/, 'ws')}/collab`, reportId, token, doc)
  cleanups.push(() => made.destroy())
  return made
}

/** The words (edit tokens) in the first paragraph of every section body of `doc`. */
function tokensOf(doc: Y.Doc): Set<string> {
  const words = ['es/background', 'es/iom', 'es/ilo'].flatMap((name) => firstParagraphText(doc, name).split(' '))
  return new Set(words.filter((word) => /^[abf]\d+$/.test(word)))
}

describe('an instance killed with kill -9 under load', () => {
  it('loses nothing any client had received or typed; its clients reconnect to it or to the other instance', async () => {
    const databaseUrl = await postgres.createDatabase('kill_instance')
    await storeReports({ databaseUrl }, [testReport(reportId)])

    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url }
    const portA = await freePort()
    let a = await spawnChildServer(dataDir, { env, port: portA })
    cleanups.push(() => a.stop())
    const b = await spawnChildServer(dataDir, { env })
    cleanups.push(() => b.stop())
    const login = await fetch(`${a.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: testAdminPassword }),
    })
    const { token } = (await login.json()) as { token: string }

    const writerA = client(a, token)
    let failoverA = client(a, token)
    const writerB = client(b, token)
    const observerB = client(b, token)
    await Promise.all([writerA.synced, failoverA.synced, writerB.synced, observerB.synced])

    let typing = true
    let typed = 0
    const typeLoop = async (): Promise<void> => {
      for (let i = 0; typing; i++) {
        typeInto(writerA.doc, 'es/iom', `a${i} `)
        typeInto(writerB.doc, 'es/ilo', `b${i} `)
        typeInto(failoverA.doc, 'es/background', `f${i} `)
        typed += 3
        await pause(15)
      }
    }
    const loop = typeLoop()
    // They type for 1.5 s before the crash, A is away for a second, and they type a second more after it is back.
    await pause(1_500)

    a.child.kill('SIGKILL')
    // What every client had received (or typed) at the moment of the crash.
    const receivedAtKill = new Set([writerA, failoverA, writerB, observerB].flatMap((c) => [...tokensOf(c.doc)]))
    const killedAt = Date.now()
    await new Promise((resolve) => a.child.once('exit', resolve))

    // One client of A fails over to B at once, with its document (and its edits not yet stored).
    const failoverDoc = failoverA.doc
    failoverA.provider.destroy()
    failoverA = client(b, token, failoverDoc)
    await pause(1_000)
    a = await spawnChildServer(dataDir, { env, port: portA })
    const restartedMs = Date.now() - killedAt
    await pause(1_000)
    typing = false
    await loop

    const everyToken = new Set([writerA, failoverA, writerB, observerB].flatMap((c) => [...tokensOf(c.doc)]))
    const clients = { writerA, failoverA, writerB, observerB }
    try {
      // The four clients converge after the restart.
      await vi.waitFor(() => {
        const texts = Object.fromEntries(
          Object.entries(clients).map(([name, c]) => [
            name,
            ['es/background', 'es/iom', 'es/ilo'].map((root) => firstParagraphText(c.doc, root)).join('|'),
          ]),
        )
        expect(texts).toEqual(Object.fromEntries(Object.keys(clients).map((name) => [name, texts['writerA']])))
      }, waitLimits(30_000))
    } catch (error) {
      // Say who is behind, and how each connection stands, before failing.
      for (const [name, c] of Object.entries(clients))
        console.log(
          `${name}: ${tokensOf(c.doc).size} edits, connected ${c.provider.wsconnected}, synced ${c.provider.synced}, closes ${c.closeCodes.join(',') || 'none'}`,
        )
      console.log(
        `instance A log (last 15):\n${a.lines.slice(-15).join('\n')}\ninstance B log (last 15):\n${b.lines.slice(-15).join('\n')}`,
      )
      throw error
    }

    // The truth: a fresh read of the log.
    const stored = await storedDoc({ databaseUrl }, reportId)
    const storedTokens = tokensOf(stored)
    const lostReceived = [...receivedAtKill].filter((token) => !storedTokens.has(token))
    const lostTyped = [...everyToken].filter((token) => !storedTokens.has(token))
    console.log(
      `kill -9 of one of two instances: ${typed} edits typed by 3 writers, ${receivedAtKill.size} held by some client at the crash, ${storedTokens.size} stored; lost ${lostReceived.length + lostTyped.length}; instance back ${restartedMs} ms after the kill`,
    )
    expect(lostReceived).toEqual([])
    expect(lostTyped).toEqual([])
    expect(storedTokens.size).toBe(everyToken.size)
  }, 120_000)
})
