// Catching up from storage, without a bus: two live documents of one report on one store, as two
// instances whose Redis messages were all lost. The one that missed everything reads it back —
// updates, or the checkpoint when compaction merged them — applies each seq once, and ends exact.

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readLogAfter } from '../../../server/collab/document-registry.ts'
import { ReportDocument, type StoredChange } from '../../../server/collab/report-document.ts'
import { SqliteStorage } from '../../../server/storage/sqlite/sqlite-storage.ts'
import { storeReports } from '../../helpers/server.ts'
import { firstParagraphText, typeInto } from '../clients.ts'
import { testReport } from '../fixtures.ts'

describe('catching up from storage', () => {
  let dir: string
  let storage: SqliteStorage

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cotejo-catch-up-'))
    await storeReports(dir, [testReport('r')])
    storage = new SqliteStorage(dir)
  })

  afterEach(async () => {
    await storage.close()
    await rm(dir, { recursive: true, force: true })
  })

  const open = async (stored: StoredChange[][] = []): Promise<ReportDocument> =>
    new ReportDocument('r', await storage.loadLog('r'), {
      commit: async (update) => (await storage.appendUpdates([update]))[0]!,
      onFailure: (_document, error) => {
        throw error
      },
      onStored: (_document, changes) => stored.push([...changes]),
      readLogAfter: (after) => readLogAfter(storage, 'r', after),
    })

  /** Types into `document` as a client would, through the pipeline; resolves once stored and applied. */
  const typeThrough = async (document: ReportDocument, text: string): Promise<void> => {
    await document.applyServerChange('ana', (doc) => typeInto(doc, 'es/iom', text))
  }

  it('reads back what another instance stored, counting each seq once, out of order or twice', async () => {
    const a = await open()
    const seen: StoredChange[][] = []
    const b = await open(seen)
    for (let i = 0; i < 5; i++) await typeThrough(a, `a${i} `)
    expect(firstParagraphText(b.doc, 'es/iom')).toBe('Actividades de la OIM')

    // A relayed update that skips a seq is applied at once, but B is not exact until the gap fills.
    const later = await storage.updatesBetween('r', 4, 6)
    b.applyStoredElsewhere([{ seq: later[1]!.seq, user: 'ana', update: later[1]!.update }])
    expect({ exact: b.exact, lastSeq: b.lastSeq }).toEqual({ exact: false, lastSeq: 1 })
    await b.catchUp()
    expect({ exact: b.exact, lastSeq: b.lastSeq }).toEqual({ exact: true, lastSeq: 6 })
    expect(firstParagraphText(b.doc, 'es/iom')).toBe(firstParagraphText(a.doc, 'es/iom'))
    // Each seq reached the hooks once, whatever the order and the repetition.
    b.applyStoredElsewhere(later.map(({ seq, user, update }) => ({ seq, user, update })))
    expect(
      seen
        .flat()
        .map((change) => change.seq)
        .sort((x, y) => x - y),
    ).toEqual([2, 3, 4, 5, 6])
    expect(b.updatesSinceCheckpoint).toBe(1 + 5)
    a.destroy()
    b.destroy()
  })

  it('applies the checkpoint when compaction merged updates it never saw', async () => {
    const a = await open()
    const b = await open()
    for (let i = 0; i < 6; i++) await typeThrough(a, `a${i} `)
    await storage.putCheckpoint({ report: 'r', seq: a.lastSeq, state: Y.encodeStateAsUpdate(a.doc) })
    const result = await storage.compact('r', 5)
    expect(result.merged).toBe(5)
    await typeThrough(a, 'after ')

    await b.catchUp()
    expect({ exact: b.exact, lastSeq: b.lastSeq }).toEqual({ exact: true, lastSeq: a.lastSeq })
    expect(firstParagraphText(b.doc, 'es/iom')).toBe(firstParagraphText(a.doc, 'es/iom'))
    // B's own next change lands after everything, for both.
    await typeThrough(b, 'from-b ')
    await a.catchUp()
    expect(firstParagraphText(a.doc, 'es/iom')).toBe(firstParagraphText(b.doc, 'es/iom'))
    expect(firstParagraphText(a.doc, 'es/iom')).toMatch(/^from-b after a5 /)
    a.destroy()
    b.destroy()
  })
})
