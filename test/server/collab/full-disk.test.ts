// A full disk: the SQLite database on a small tmpfs of its own, filled by a client typing long
// paragraphs. The server must stop acknowledging (close 1011) without a half-written update in
// the log, and take the client's edits once there is room again.

import { execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { databaseFileName } from '../../../server/storage/sqlite/sqlite-storage.ts'
import { startTestServer, storeReports, testAdminPassword, type TestServer } from '../../helpers/server.ts'
import { connectClient, pause, typeInto, waitLimits, type TestClient } from '../clients.ts'
import { testReport } from '../fixtures.ts'

const reportId = 'test-report'
const cleanups: Array<() => Promise<unknown> | unknown> = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Mounts a tmpfs of `size` at a new temp dir (the tests run as root, as CI does). */
async function smallDisk(size: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cotejo-full-disk-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' })
  } catch (error) {
    throw new Error(
      `mounting a ${size} tmpfs at ${dir} failed (the test needs root, as in CI): ${(error as Error).message}`,
    )
  }
  cleanups.push(async () => {
    execFileSync('umount', ['-l', dir])
    await rm(dir, { recursive: true, force: true })
  })
  return dir
}

function client(server: TestServer, token: string): TestClient {
  const made = connectClient(server.wsUrl, reportId, token)
  cleanups.push(() => made.destroy())
  return made
}

/** The `n`-th long paragraph typed: a marker word and 8 KB of filler. */
const paragraph = (n: number): string => `P${n}:${'x'.repeat(8_000)} `

function markersIn(text: string): Set<string> {
  return new Set(text.match(/P\d+:/g) ?? [])
}

function bodyText(doc: Y.Doc): string {
  return doc.getXmlFragment('es/iom').toString()
}

describe('a full disk', () => {
  it('never leaves a half-written update in the log, and stores the client’s edits once there is room', async () => {
    const dataDir = await smallDisk('3m')
    await storeReports(dataDir, [testReport(reportId)])
    const first = await startTestServer({ dataDir })
    let firstClosed = false
    cleanups.push(() => (firstClosed ? undefined : first.close().catch(() => {})))
    const token = (await first.login('admin', testAdminPassword)).token
    const writer = client(first, token)
    const watcher = client(first, token)
    await Promise.all([writer.synced, watcher.synced])

    // Type until the server says it cannot store (1011); bounded at 2,000 paragraphs (16 MB).
    let typed = 0
    while (!writer.closeCodes.includes(1011) && typed < 2_000) {
      typeInto(writer.doc, 'es/iom', paragraph(typed++))
      await pause(5)
    }
    expect(writer.closeCodes).toContain(1011)
    const receivedBeforeFull = markersIn(bodyText(watcher.doc))
    writer.provider.disconnect()
    watcher.provider.disconnect()
    firstClosed = true
    await first.close().catch(() => {})

    // Every entry in the log is whole: the database is intact and every update decodes and applies.
    const db = new BetterSqlite3(join(dataDir, databaseFileName), { readonly: true })
    let entries: Array<{ seq: number; data: Buffer }>
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      entries = db.prepare('SELECT seq, data FROM updates WHERE report = ? ORDER BY seq').all(reportId) as Array<{
        seq: number
        data: Buffer
      }>
    } finally {
      db.close()
    }
    expect(entries.map((entry) => entry.seq)).toEqual(entries.map((_, i) => i + 1))
    const stored = new Y.Doc()
    for (const entry of entries) Y.applyUpdate(stored, new Uint8Array(entry.data))
    const storedBeforeRoom = markersIn(bodyText(stored))
    // Nothing was shown to another client that is not stored.
    expect([...receivedBeforeFull].filter((marker) => !storedBeforeRoom.has(marker))).toEqual([])

    // Room again: the writer's edits, kept by its client, are stored when it reconnects.
    execFileSync('mount', ['-o', 'remount,size=64m', dataDir])
    const second = await startTestServer({ dataDir })
    cleanups.push(() => second.close())
    const again = connectClient(second.wsUrl, reportId, token, writer.doc)
    cleanups.push(() => again.provider.destroy())
    const reader = client(second, token)
    await Promise.all([again.synced, reader.synced])
    // Every typed paragraph was stored once there was room.
    await vi.waitFor(() => expect(markersIn(bodyText(reader.doc)).size).toBe(typed), waitLimits(30_000))
    console.log(
      `full disk (3 MB tmpfs): ${typed} paragraphs of 8 KB typed, ${storedBeforeRoom.size} stored before the disk was full, ${entries.length} whole log entries, 0 half-written; all ${typed} stored once there was room, lost 0`,
    )
  }, 120_000)
})
