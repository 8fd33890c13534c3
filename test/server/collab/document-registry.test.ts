import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { AwarenessGuard } from '../../../server/collab/awareness-guard.ts'
import { DocumentRegistry } from '../../../server/collab/document-registry.ts'
import { GroupCommit } from '../../../server/collab/group-commit.ts'
import type { Peer } from '../../../server/collab/report-document.ts'
import { compactAfterUpdates } from '../../../server/config.ts'
import { SqliteStorage } from '../../../server/storage/sqlite/sqlite-storage.ts'
import type { NewUpdate } from '../../../server/storage/storage.ts'
import { storeReports } from '../../helpers/server.ts'
import { waitLimits } from '../clients.ts'
import { testReport } from '../fixtures.ts'

let dir: string
let storage: SqliteStorage
let commit: GroupCommit<NewUpdate, number>
let registry: DocumentRegistry
const idleMs = 50

function editor(): Peer & { sent: Uint8Array[] } {
  const sent: Uint8Array[] = []
  return {
    username: 'ed',
    permissions: { role: 'editor', actors: [] },
    awareness: new AwarenessGuard(),
    sent,
    send: (m) => sent.push(m),
    close() {},
    closed: false,
  }
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cotejo-registry-'))
  await storeReports(dir, [testReport('r')])
  storage = new SqliteStorage(dir)
  commit = new GroupCommit((batch) => storage.appendUpdates(batch))
  registry = new DocumentRegistry(storage, (update) => commit.enqueue(update), {
    idleMs,
    log: (line) => console.log(line),
    instance: 'test',
  })
})

afterEach(async () => {
  await registry.closeAll()
  await commit.flush()
  await storage.close()
  await rm(dir, { recursive: true, force: true })
})

describe('DocumentRegistry', () => {
  it('loads a report once for all holders and answers undefined for an unknown one', async () => {
    const [a, b] = await Promise.all([registry.acquire('r'), registry.acquire('r')])
    expect(a).toBe(b)
    expect(await registry.acquire('nope')).toBeUndefined()
    registry.release('r')
    registry.release('r')
  })

  it('stores updates in batches before applying them, unloads when idle, and writes a checkpoint after a long log', async () => {
    const document = (await registry.acquire('r'))!
    const peer = editor()
    document.join(peer)
    await storage.addVersion({
      report: 'r',
      seq: 100,
      kind: 'auto',
      name: undefined,
      createdAt: 1,
      createdBy: 'system',
      authors: [{ user: 'ed', sections: ['iom'] }],
      hashes: {},
    })
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(document.doc))
    const text = () => (client.getXmlFragment('es/iom').get(0) as Y.XmlElement).get(0) as Y.XmlText
    const count = compactAfterUpdates + 10
    client.on('update', (update: Uint8Array) => document.receive(peer, { kind: 'update', update, step2: false }))
    for (let i = 0; i < count; i++) text().insert(0, 'x')
    // Nothing is applied before its write: the live doc lags until the group commit resolves.
    expect(document.lastSeq).toBe(1)
    await document.settle()
    expect(document.lastSeq).toBe(count + 1)
    expect(commit.stats.writes).toBeLessThan(count)
    const expected = text().toString()
    document.leave(peer)
    registry.release('r')
    // The idle document is unloaded.
    await vi.waitFor(() => expect(registry.loaded()).toEqual([]), waitLimits())
    const log = await storage.loadLog('r')
    expect(log.checkpoint?.seq).toBe(count + 1)
    expect(log.updates).toEqual([])
    // Compacted up to the version only: the version's state and every later state stay rebuildable.
    await expect(storage.stateAt('r', 50)).rejects.toMatchObject({ code: 'compacted' })
    for (const seq of [100, 300, count + 1]) {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, await storage.stateAt('r', seq))
      expect(((doc.getXmlFragment('es/iom').get(0) as Y.XmlElement).get(0) as Y.XmlText).toString()).toBe(
        `${'x'.repeat(seq - 1)}Actividades de la OIM`,
      )
    }
    const reloaded = (await registry.acquire('r'))!
    expect(((reloaded.doc.getXmlFragment('es/iom').get(0) as Y.XmlElement).get(0) as Y.XmlText).toString()).toBe(
      expected,
    )
    registry.release('r')
    await vi.waitFor(() => expect(registry.loaded()).toEqual([]), waitLimits())
  })
})
