// The storage contract as a suite: run it against every implementation (SQLite now, PostgreSQL later).

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { StorageError, type ReportRecord, type Storage } from '../../../server/storage/storage.ts'

/** Makes a fresh, empty storage, and removes it after the test. */
export interface StorageFactory {
  /** A new empty storage. */
  create(): Promise<Storage>
  /** Frees what `create` made (called after `close`). */
  dispose(): Promise<void>
}

const report = (id: string): ReportRecord => ({
  id,
  title: { es: 'Informe', en: 'Report' },
  kind: 'annual-report',
  status: 'draft',
  createdAt: 1,
})

/** Text of root `t` after applying `state`. */
function textOf(state: Uint8Array): string {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  return doc.getText('t').toString()
}

/** Runs the storage contract against `factory`. */
export function storageSuite(name: string, factory: StorageFactory): void {
  describe(`${name} storage`, () => {
    let storage: Storage
    let doc: Y.Doc
    let initial: Uint8Array

    /** Appends one update typing `text` at the end of root `t`; resolves with its seq. */
    const type = async (text: string, user = 'alice'): Promise<number> => {
      const vector = Y.encodeStateVector(doc)
      doc.getText('t').insert(doc.getText('t').length, text)
      const [seq] = await storage.appendUpdates([
        { report: 'r', update: Y.encodeStateAsUpdate(doc, vector), user, time: Date.now() },
      ])
      return seq!
    }

    beforeEach(async () => {
      storage = await factory.create()
      doc = new Y.Doc()
      doc.getText('t').insert(0, 'init ')
      initial = Y.encodeStateAsUpdate(doc)
      await storage.createReport(report('r'), initial, 'system')
    })

    afterEach(async () => {
      await storage.close()
      await factory.dispose()
    })

    it('stores the initial content as log entry 1 by system and refuses a taken id', async () => {
      const log = await storage.loadLog('r')
      expect(log.lastSeq).toBe(1)
      expect(log.updates.map((entry) => [entry.seq, entry.user])).toEqual([[1, 'system']])
      await expect(storage.createReport(report('r'), initial, 'system')).rejects.toMatchObject({ code: 'exists' })
      expect(await storage.listReports()).toEqual([report('r')])
    })

    it('appends a batch in one call with consecutive seqs, across reports', async () => {
      await storage.createReport(report('s'), initial, 'system')
      const update = Y.encodeStateAsUpdate(doc)
      const seqs = await storage.appendUpdates([
        { report: 'r', update, user: 'a', time: 1 },
        { report: 's', update, user: 'b', time: 2 },
        { report: 'r', update, user: 'c', time: 3 },
      ])
      expect(seqs).toEqual([2, 2, 3])
      expect((await storage.loadLog('r')).updates.map((entry) => entry.user)).toEqual(['system', 'a', 'c'])
    })

    it('appends nothing of a batch when one entry fails', async () => {
      await expect(
        storage.appendUpdates([
          { report: 'r', update: initial, user: 'a', time: 1 },
          { report: 'missing', update: initial, user: 'b', time: 2 },
        ]),
      ).rejects.toBeInstanceOf(Error)
      expect((await storage.loadLog('r')).lastSeq).toBe(1)
    })

    it('rebuilds the state at any seq from the log', async () => {
      const a = await type('a ')
      const b = await type('b ')
      expect(textOf(await storage.stateAt('r', 1))).toBe('init ')
      expect(textOf(await storage.stateAt('r', a))).toBe('init a ')
      expect(textOf(await storage.stateAt('r', b))).toBe('init a b ')
      await expect(storage.stateAt('r', b + 1)).rejects.toMatchObject({ code: 'not-found' })
    })

    it('gives the checkpoint at or before a seq and the updates after it up to that seq', async () => {
      const a = await type('a ')
      await storage.putCheckpoint({ report: 'r', seq: a, state: await storage.stateAt('r', a) })
      const b = await type('b ')
      await type('c ')
      const log = await storage.logAt('r', b)
      expect([log.checkpoint?.seq, log.updates.map((entry) => entry.seq), log.lastSeq]).toEqual([a, [b], b])
      expect(textOf(Y.mergeUpdates([log.checkpoint!.state, ...log.updates.map((entry) => entry.update)]))).toBe(
        'init a b ',
      )
      expect((await storage.logAt('r', 1)).checkpoint).toBeUndefined()
      await expect(storage.logAt('r', 99)).rejects.toMatchObject({ code: 'not-found' })
    })

    it('loads from the latest checkpoint plus the updates after it', async () => {
      const a = await type('a ')
      await storage.putCheckpoint({ report: 'r', seq: a, state: await storage.stateAt('r', a) })
      await type('b ')
      const log = await storage.loadLog('r')
      expect(log.checkpoint?.seq).toBe(a)
      expect(log.updates.map((entry) => entry.seq)).toEqual([a + 1])
      expect(textOf(Y.mergeUpdates([log.checkpoint!.state, ...log.updates.map((entry) => entry.update)]))).toBe(
        'init a b ',
      )
    })

    it('compacts without losing any version state, and keeps later updates', async () => {
      const texts = new Map<number, string>()
      for (let i = 0; i < 12; i++) texts.set(await type(`${i} `), doc.getText('t').toString())
      const versionSeqs = [3, 7, 10]
      for (const seq of versionSeqs) {
        await storage.addVersion({
          report: 'r',
          seq,
          kind: 'named',
          name: `at ${seq}`,
          createdAt: seq,
          createdBy: 'alice',
          authors: [{ user: 'alice', sections: ['*'] }],
          hashes: {},
        })
      }
      const result = await storage.compact('r', 11)
      expect(result.checkpoints).toEqual([3, 7, 10, 11])
      expect(result.merged).toBe(11)
      for (const seq of versionSeqs) expect(textOf(await storage.stateAt('r', seq))).toBe(texts.get(seq))
      expect(textOf(await storage.stateAt('r', 13))).toBe(texts.get(13))
      await expect(storage.stateAt('r', 5)).rejects.toSatisfy(
        (error) => error instanceof StorageError && error.code === 'compacted',
      )
      const log = await storage.loadLog('r')
      expect(log.checkpoint?.seq).toBe(11)
      expect(log.updates.map((entry) => entry.seq)).toEqual([12, 13])
      // Appending continues after the compacted seqs, and a second compaction keeps the older versions.
      const next = await type('after ')
      expect(next).toBe(14)
      await storage.compact('r')
      for (const seq of versionSeqs) expect(textOf(await storage.stateAt('r', seq))).toBe(texts.get(seq))
      expect(textOf(await storage.stateAt('r', 14))).toBe(doc.getText('t').toString())
      expect((await storage.listVersions('r')).map((version) => [version.id, version.seq])).toEqual([
        [3, 10],
        [2, 7],
        [1, 3],
      ])
    })

    it('numbers versions per report, keeps their authors and hashes, and refuses a second automatic version at one seq', async () => {
      await storage.createReport(report('s'), initial, 'system')
      const seq = await type('a ')
      const base = {
        seq,
        name: undefined,
        createdAt: 5,
        createdBy: 'system',
        authors: [{ user: 'alice', sections: ['iom', '*'] }],
        hashes: { iom: 'h1' },
      }
      const first = await storage.addVersion({ ...base, report: 'r', kind: 'auto' })
      expect(first).toEqual({ ...base, report: 'r', kind: 'auto', id: 1 })
      expect((await storage.addVersion({ ...base, report: 's', seq: 1, kind: 'auto' })).id).toBe(1)
      await expect(storage.addVersion({ ...base, report: 'r', kind: 'auto' })).rejects.toMatchObject({ code: 'exists' })
      const named = await storage.addVersion({ ...base, report: 'r', kind: 'named', name: 'Draft', createdBy: 'ed' })
      expect(named.id).toBe(2)
      expect(await storage.getVersion('r', 2)).toEqual(named)
      expect(await storage.getVersion('r', 9)).toBeUndefined()
      expect((await storage.listVersions('r')).map((version) => version.id)).toEqual([2, 1])
      const reason = 'Publicado sin la firma de la OIM: plazo del Consejo'
      const published = await storage.addVersion({ ...base, report: 'r', kind: 'published', reason, createdBy: 'ed' })
      expect(await storage.getVersion('r', published.id)).toEqual({ ...published, reason })
      expect((await storage.listVersions('r'))[0]).toEqual({ ...published, reason })
      await expect(storage.addVersion({ ...base, report: 'missing', kind: 'named' })).rejects.toMatchObject({
        code: 'not-found',
      })
    })

    it('sets a report’s status', async () => {
      await storage.setReportStatus('r', 'published')
      expect((await storage.getReport('r'))?.status).toBe('published')
      await expect(storage.setReportStatus('missing', 'published')).rejects.toMatchObject({ code: 'not-found' })
    })

    it('records block changes per side, keeping the latest seq, and marks pairs in step', async () => {
      expect(await storage.listBlockStates('r')).toEqual([])
      await storage.recordBlockChanges('r', [
        { section: 'iom', block: 'b1', language: 'es', seq: 4 },
        { section: 'iom', block: 'b1', language: 'en', seq: 3 },
        { section: 'ilo', block: 'b2', language: 'en', seq: 5 },
      ])
      await storage.recordBlockChanges('r', [{ section: 'iom', block: 'b1', language: 'es', seq: 2 }])
      const marked = await storage.markBlock('r', 'iom', 'b1', 'translated', 'tina', 6, 100)
      expect(marked).toEqual({
        report: 'r',
        section: 'iom',
        block: 'b1',
        esChangedAt: 4,
        enChangedAt: 3,
        inStepAt: 6,
        mark: 'translated',
        markedBy: 'tina',
        markedAt: 100,
      })
      await storage.recordBlockChanges('r', [{ section: 'iom', block: 'b1', language: 'en', seq: 7 }])
      const fresh = await storage.markBlock('r', 'ilo', 'b9', 'reviewed', 'ed', 8, 200)
      expect(fresh).toMatchObject({ esChangedAt: 0, enChangedAt: 0, inStepAt: 8, mark: 'reviewed' })
      const states = await storage.listBlockStates('r')
      expect(
        states.map((state) => [
          state.section,
          state.block,
          state.esChangedAt,
          state.enChangedAt,
          state.inStepAt,
          state.mark ?? null,
        ]),
      ).toEqual([
        ['ilo', 'b2', 0, 5, 0, null],
        ['ilo', 'b9', 0, 0, 8, 'reviewed'],
        ['iom', 'b1', 4, 7, 6, 'translated'],
      ])
    })

    it('keeps users and sessions, and deletes a user’s sessions with it', async () => {
      await storage.createUser({ username: 'ana', role: 'agency', actors: ['iom'], passwordHash: 'h', createdAt: 1 })
      await expect(
        storage.createUser({ username: 'ana', role: 'viewer', actors: [], passwordHash: 'h', createdAt: 1 }),
      ).rejects.toMatchObject({ code: 'exists' })
      expect(await storage.updateUser('ana', { actors: ['iom', 'ilo'] })).toMatchObject({
        role: 'agency',
        actors: ['iom', 'ilo'],
      })
      await storage.createSession({ tokenHash: 'x', username: 'ana', createdAt: 1, lastSeen: 1 })
      await storage.touchSession('x', 5)
      expect(await storage.getSession('x')).toMatchObject({ username: 'ana', lastSeen: 5 })
      expect(await storage.deleteSessionsIdleSince(2)).toBe(0)
      await storage.deleteUser('ana')
      expect(await storage.getSession('x')).toBeUndefined()
      await expect(storage.deleteUser('ana')).rejects.toMatchObject({ code: 'not-found' })
    })

    it('ends every session of a user but the one it is told to keep', async () => {
      await storage.createUser({ username: 'ana', role: 'viewer', actors: [], passwordHash: 'h', createdAt: 1 })
      await storage.createUser({ username: 'bea', role: 'viewer', actors: [], passwordHash: 'h', createdAt: 1 })
      for (const [tokenHash, username] of [
        ['a1', 'ana'],
        ['a2', 'ana'],
        ['a3', 'ana'],
        ['b1', 'bea'],
      ] as const) {
        await storage.createSession({ tokenHash, username, createdAt: 1, lastSeen: 1 })
      }
      expect((await storage.deleteSessionsOf('ana', 'a2')).sort()).toEqual(['a1', 'a3'])
      expect(await storage.getSession('a2')).toMatchObject({ username: 'ana', createdAt: 1 })
      expect(await storage.getSession('a1')).toBeUndefined()
      expect(await storage.deleteSessionsOf('ana')).toEqual(['a2'])
      expect(await storage.getSession('b1')).toBeDefined()
    })

    it('gives a lease to one holder at a time until it expires or is given up', async () => {
      // One takes it, two cannot, one renews it, two takes another report's.
      expect([
        await storage.acquireLease('report:r', 'one', 300),
        await storage.acquireLease('report:r', 'two', 300),
        await storage.acquireLease('report:r', 'one', 300),
        await storage.acquireLease('report:other', 'two', 300),
      ]).toEqual([true, false, true, true])
      // Concurrent attempts: exactly one wins.
      const race = await Promise.all(
        ['a', 'b', 'c', 'd'].map((holder) => storage.acquireLease('report:race', holder, 10_000)),
      )
      expect(race.filter(Boolean)).toHaveLength(1)
      await storage.releaseLease('report:r', 'two')
      expect(
        await storage.acquireLease('report:r', 'two', 300),
        'giving up a lease one does not hold changes nothing',
      ).toBe(false)
      await storage.releaseLease('report:r', 'one')
      expect(await storage.acquireLease('report:r', 'two', 150), 'a lease given up goes to the next holder').toBe(true)
      await new Promise((resolve) => setTimeout(resolve, 250))
      expect(await storage.acquireLease('report:r', 'one', 300), 'an expired lease goes to the next holder').toBe(true)
    })
  })
}
