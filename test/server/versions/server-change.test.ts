import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { AwarenessGuard } from '../../../server/collab/awareness-guard.ts'
import { ReportDocument, type Peer, type StoredChange } from '../../../server/collab/report-document.ts'
import { SqliteStorage } from '../../../server/storage/sqlite/sqlite-storage.ts'
import type { NewUpdate } from '../../../server/storage/storage.ts'
import { storeReports } from '../../helpers/server.ts'
import { testReport } from '../fixtures.ts'

function viewerPeer(): Peer & { sent: Uint8Array[] } {
  const sent: Uint8Array[] = []
  return {
    username: 'vi',
    permissions: { role: 'viewer', actors: [] },
    awareness: new AwarenessGuard(),
    sent,
    send: (m) => sent.push(m),
    close() {},
    closed: false,
  }
}

describe('Changes the server makes (restore, publish)', () => {
  let dir: string
  let storage: SqliteStorage

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cotejo-server-change-'))
    await storeReports(dir, [testReport('r')])
    storage = new SqliteStorage(dir)
  })

  afterEach(async () => {
    await storage.close()
    await rm(dir, { recursive: true, force: true })
  })

  const open = async (
    commit: (update: NewUpdate) => Promise<number>,
    stored: StoredChange[][] = [],
    failures: unknown[] = [],
  ) =>
    new ReportDocument('r', await storage.loadLog('r'), {
      commit,
      onFailure: (_document, error) => failures.push(error),
      onStored: (_document, changes) => stored.push([...changes]),
    })

  it('stores the change as the asking user, then applies it and sends it to every connection', async () => {
    const stored: StoredChange[][] = []
    const document = await open(async (update) => (await storage.appendUpdates([update]))[0]!, stored)
    const peer = viewerPeer()
    document.join(peer)
    peer.sent.length = 0
    const seq = await document.applyServerChange('ed', (doc) => doc.getMap('meta').set('status', 'published'))
    expect(seq).toBe(2)
    expect(document.doc.getMap('meta').get('status')).toBe('published')
    expect(document.lastSeq).toBe(2)
    expect(peer.sent).toHaveLength(1)
    expect(stored.map((batch) => batch.map(({ seq: s, user }) => [s, user]))).toEqual([[[2, 'ed']]])
    const log = await storage.loadLog('r')
    expect(log.updates.map((entry) => [entry.seq, entry.user])).toEqual([
      [1, 'system'],
      [2, 'ed'],
    ])
    const rebuilt = new Y.Doc()
    for (const entry of log.updates) Y.applyUpdate(rebuilt, entry.update)
    expect(rebuilt.getMap('meta').get('status')).toBe('published')
    document.destroy()
  })

  it('stores nothing for a change that changes nothing', async () => {
    const commits: NewUpdate[] = []
    const document = await open(async (update) => {
      commits.push(update)
      return 2
    })
    expect(await document.applyServerChange('ed', (doc) => doc.getMap('meta').get('status'))).toBeUndefined()
    expect(commits).toEqual([])
    document.destroy()
  })

  it('rejects, without applying, when the write fails', async () => {
    const failures: unknown[] = []
    const document = await open(
      async () => {
        throw new Error('disk full')
      },
      [],
      failures,
    )
    await expect(
      document.applyServerChange('ed', (doc) => doc.getMap('meta').set('status', 'published')),
    ).rejects.toThrow('disk full')
    expect(document.doc.getMap('meta').get('status')).toBe('draft')
    expect({ failed: document.failed, failures: failures.map(String) }).toEqual({
      failed: true,
      failures: [expect.any(String)],
    })
    await expect(document.applyServerChange('ed', (doc) => doc.getMap('meta').set('status', 'x'))).rejects.toThrow(
      /failed to store/,
    )
    document.destroy()
  })
})
