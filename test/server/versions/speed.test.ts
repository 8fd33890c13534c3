// Measured figures (printed): rebuilding any seq of the annual report after 10,000 logged
// updates, and diffing two versions of it that differ in every section.

import { mkdtemp, rm } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { diffReports } from '../../../schema/diff/report-diff.ts'
import { importReport } from '../../../schema/import/import-report.ts'
import type { Report } from '../../../schema/report.ts'
import { yDocToReport } from '../../../schema/ydoc.ts'
import { SqliteStorage } from '../../../server/storage/sqlite-storage.ts'
import { reportAtSeq } from '../../../server/versions/report-at.ts'
import { checkpointEveryUpdates } from '../../../server/versions/version-keeper.ts'
import { connectClient, type TestClient } from '../clients.ts'
import { startTestServer, testAdminPassword, type TestServer } from '../../helpers/server.ts'
import { apiFor, eventually, type Api, type ApiVersion } from './versions-fixtures.ts'

const reportId = 'annual-report-2011-2012'
const seeds = new URL('../../../server/seeds/', import.meta.url)
const loggedUpdates = 10_000

function annualReport(): Report {
  return importReport({ id: reportId, es: readFileSync(new URL('annual-report-2011-2012.es.txt', seeds)), en: readFileSync(new URL('annual-report-2011-2012.en.txt', seeds)) }).report
}

/** Every non-empty text of a fragment, in document order. */
function texts(node: Y.XmlFragment | Y.XmlElement, into: Y.XmlText[] = []): Y.XmlText[] {
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) into.push(child)
    else if (child instanceof Y.XmlElement) texts(child, into)
  }
  return into
}

const percentile = (values: number[], p: number): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!

describe('Speed of versions on the annual report', () => {
  let dataDir: string
  let server: TestServer
  let api: Api
  let client: TestClient

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cotejo-speed-'))
    server = await startTestServer({ dataDir, reports: [annualReport()] })
    const session = await server.login('admin', testAdminPassword)
    api = apiFor(server, session)
    client = connectClient(server.wsUrl, reportId, session.token)
    await client.synced
  }, 60_000)

  afterAll(async () => {
    client.destroy()
    await server.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  it(`rebuilds any of ${loggedUpdates.toLocaleString('en')} logged updates from the nearest checkpoint in well under a second`, async () => {
    const names = [...client.doc.share.keys()].filter((name) => /^(es|en)\//.test(name))
    const targets = names.map((name) => texts(client.doc.getXmlFragment(name)).find((text) => text.length > 0)!).filter(Boolean)
    for (let i = 0; i < loggedUpdates; i++) {
      const text = targets[i % targets.length]!
      text.insert(Math.min(3, text.length), 'x')
      if (i % 500 === 499) await new Promise((resolve) => setTimeout(resolve, 0))
    }
    const storage = new SqliteStorage(dataDir)
    try {
      await eventually(async () => (await storage.loadLog(reportId).then(() => storage.updatesBetween(reportId, loggedUpdates, loggedUpdates + 1))).length === 1, 'all updates stored', 60_000)
      const expected = yDocToReport(client.doc, reportId)
      const lastSeq = loggedUpdates + 1
      expect(await reportAtSeq(storage, reportId, lastSeq)).toEqual(expected)
      const seqs = Array.from({ length: 20 }, (_, i) => 2 + Math.floor(((i + 0.5) / 20) * (lastSeq - 2)))
      const state: number[] = []
      const rebuild: number[] = []
      for (const seq of seqs) {
        let start = performance.now()
        const log = await storage.logAt(reportId, seq)
        const doc = new Y.Doc()
        doc.transact(() => {
          Y.applyUpdate(doc, log.checkpoint!.state)
          for (const entry of log.updates) Y.applyUpdate(doc, entry.update)
        })
        state.push(performance.now() - start)
        doc.destroy()
        start = performance.now()
        await reportAtSeq(storage, reportId, seq)
        rebuild.push(performance.now() - start)
      }
      console.log(
        `rebuild of the annual report at 20 seqs among ${lastSeq} (checkpoint every ${checkpointEveryUpdates}): ` +
          `Y.Doc state (nearest checkpoint + ≤ ${checkpointEveryUpdates - 1} updates) median ${percentile(state, 0.5).toFixed(1)} ms, max ${Math.max(...state).toFixed(1)} ms; ` +
          `whole report JSON median ${percentile(rebuild, 0.5).toFixed(1)} ms, max ${Math.max(...rebuild).toFixed(1)} ms`,
      )
      // The target is 100 ms; the bound leaves room for the shared test machine.
      expect(percentile(state, 0.5)).toBeLessThan(250)
    } finally {
      await storage.close()
    }
  }, 120_000)

  it('diffs two versions that differ in every section', async () => {
    const from = (await api.call<ApiVersion>('POST', `/api/reports/${reportId}/versions`, { name: 'Before' })).body
    client.doc.transact(() => {
      for (const name of [...client.doc.share.keys()].filter((n) => /^(es|en)\//.test(n))) {
        for (const text of texts(client.doc.getXmlFragment(name)).filter((t) => t.length > 10).filter((_, i) => i % 3 === 0)) text.insert(5, ' cambio ')
      }
    })
    const expected = yDocToReport(client.doc, reportId)
    await eventually(async () => JSON.stringify((await api.get<Report>(`/api/reports/${reportId}`)).sections) === JSON.stringify(expected.sections), 'edits stored', 30_000)
    const to = (await api.call<ApiVersion>('POST', `/api/reports/${reportId}/versions`, { name: 'After' })).body
    const times: number[] = []
    let sections = 0
    for (let i = 0; i < 5; i++) {
      const start = performance.now()
      const diff = await api.get<{ sections: unknown[] }>(`/api/reports/${reportId}/diff?from=${from.id}&to=${to.id}`)
      times.push(performance.now() - start)
      sections = diff.sections.length
    }
    const storage = new SqliteStorage(dataDir)
    let pure: number
    try {
      const [before, after] = [await reportAtSeq(storage, reportId, from.seq), await reportAtSeq(storage, reportId, to.seq)]
      const start = performance.now()
      diffReports(before, after)
      pure = performance.now() - start
    } finally {
      await storage.close()
    }
    console.log(`diff of the annual report, ${sections} of ${expected.sections.length} sections changed: GET /diff median ${percentile(times, 0.5).toFixed(0)} ms (both rebuilds + diff + JSON), diffReports alone ${pure.toFixed(0)} ms`)
    expect(sections).toBe(expected.sections.length)
  }, 120_000)
})
