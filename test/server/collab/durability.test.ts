import type { ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startTestServer, storeReports, testAdminPassword } from '../../helpers/server.ts'
import { spawnChildServer, type ChildServer } from '../abuse/child-server.ts'
import { connectClient, firstParagraphText, typeInto, waitLimits, type TestClient } from '../clients.ts'
import { testReport } from '../fixtures.ts'

const reportId = 'test-report'
const cleanups: Array<() => Promise<void> | void> = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cotejo-durability-'))
  cleanups.push(() => rm(dir, { recursive: true, force: true }))
  return dir
}

async function login(url: string): Promise<string> {
  const response = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: testAdminPassword }),
  })
  return ((await response.json()) as { token: string }).token
}

function client(wsUrl: string, token: string): TestClient {
  const made = connectClient(wsUrl, reportId, token)
  cleanups.push(() => made.destroy())
  return made
}

/** `server/main.ts` in a child process (so that kill -9 hits the server itself), killed after the test; with its start time. */
async function spawnServer(dataDir: string): Promise<ChildServer & { startMs: number }> {
  const started = Date.now()
  const server = await spawnChildServer(dataDir)
  cleanups.push(() => {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL')
  })
  return Object.assign(server, { startMs: Date.now() - started })
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode })
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
}

const edits = Array.from({ length: 30 }, (_, i) => `E${i} `)
const expectedText = (base: string) => [...edits].reverse().join('') + base

describe('durability', () => {
  it('keeps every edit across a clean restart', async () => {
    const dataDir = await tempDir()
    const first = await startTestServer({ dataDir, reports: [testReport(reportId)] })
    const token = await login(first.url)
    const writer = client(first.wsUrl, token)
    const watcher = client(first.wsUrl, token)
    await Promise.all([writer.synced, watcher.synced])
    for (const edit of edits) typeInto(writer.doc, 'es/iom', edit)
    // The watcher received every edit.
    await vi.waitFor(
      () => expect(firstParagraphText(watcher.doc, 'es/iom')).toBe(expectedText('Actividades de la OIM')),
      waitLimits(),
    )
    await first.close()
    writer.destroy()
    watcher.destroy()
    const second = await startTestServer({ dataDir })
    cleanups.push(() => second.close())
    const reader = client(second.wsUrl, await login(second.url))
    await reader.synced
    expect(firstParagraphText(reader.doc, 'es/iom')).toBe(expectedText('Actividades de la OIM'))
  })

  it('keeps every edit another client received across kill -9, and recovers with no manual step', async () => {
    const dataDir = await tempDir()
    await storeReports(dataDir, [testReport(reportId)])
    const first = await spawnServer(dataDir)
    const wsUrl = `${first.url.replace(/^http/, 'ws')}/collab`
    const token = await login(first.url)
    const writer = client(wsUrl, token)
    const watcher = client(wsUrl, token)
    await Promise.all([writer.synced, watcher.synced])
    for (const edit of edits) typeInto(writer.doc, 'en/ilo', edit)
    const expected = expectedText('ILO activities')
    // The watcher received every edit.
    await vi.waitFor(() => expect(firstParagraphText(watcher.doc, 'en/ilo')).toBe(expected), waitLimits())
    first.child.kill('SIGKILL')
    expect((await exited(first.child)).signal).toBe('SIGKILL')
    writer.destroy()
    watcher.destroy()

    const second = await spawnServer(dataDir)
    console.log(`restart after kill -9: listening after ${second.startMs} ms (process start included)`)
    const reader = client(`${second.url.replace(/^http/, 'ws')}/collab`, await login(second.url))
    const loadStart = Date.now()
    await reader.synced
    console.log(`first sync after restart: ${Date.now() - loadStart} ms`)
    expect(firstParagraphText(reader.doc, 'en/ilo')).toBe(expected)
    second.child.kill('SIGTERM')
    expect((await exited(second.child)).code).toBe(0)
  })

  it('stores and broadcasts 2,000 rapid small updates through group commit without refusing any', async () => {
    const server = await startTestServer({ reports: [testReport(reportId)] })
    cleanups.push(() => server.close())
    const token = await login(server.url)
    const writer = client(server.wsUrl, token)
    const watcher = client(server.wsUrl, token)
    await Promise.all([writer.synced, watcher.synced])
    const count = 2000
    const start = Date.now()
    const text = () =>
      (writer.doc.getXmlFragment('es/background').get(0) as import('yjs').XmlElement).get(0) as import('yjs').XmlText
    for (let i = 0; i < count; i++) text().insert(0, 'x')
    // The watcher received every update.
    await vi.waitFor(
      () => expect(firstParagraphText(watcher.doc, 'es/background')).toHaveLength('Texto inicial'.length + count),
      waitLimits(60_000),
    )
    const ms = Date.now() - start
    console.log(
      `group commit: ${count} updates stored and broadcast in ${ms} ms (${Math.round((count / ms) * 1000)} updates/s)`,
    )
    expect(writer.closeCodes).toEqual([])
  })
})
