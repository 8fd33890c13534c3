import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import type { Report } from '../../../schema/report.ts'
import { yDocToReport } from '../../../schema/ydoc.ts'
import { SqliteStorage } from '../../../server/storage/sqlite/sqlite-storage.ts'
import { connectClient, waitLimits, type TestClient } from '../clients.ts'
import { startTestServer, testAdminPassword, type TestServer } from '../../helpers/server.ts'
import { apiFor, versionsReport, type Api, type ApiVersion } from './versions-fixtures.ts'

const reportId = 'versions-report'

/** Mulberry32: a small seeded generator, so a failure can be replayed from the printed seed. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function texts(node: Y.XmlFragment | Y.XmlElement, into: Y.XmlText[] = []): Y.XmlText[] {
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) into.push(child)
    else if (child instanceof Y.XmlElement) texts(child, into)
  }
  return into
}

const words = ['informe', 'OEA', 'acción', 'año', '2012', 'niñez', 'migración', 'trabajo', 'plan', '60.000']

/** One random edit: insert or delete words in a random text of a random section body. */
function randomEdit(doc: Y.Doc, next: () => number): void {
  const names = [...doc.share.keys()].filter((name) => /^(es|en)\//.test(name))
  const name = names[Math.floor(next() * names.length)]!
  const all = texts(doc.getXmlFragment(name)).filter((text) => text.length > 0)
  const text = all[Math.floor(next() * all.length)]!
  const at = Math.floor(next() * (text.length + 1))
  if (next() < 0.3 && text.length > 3) text.delete(Math.min(at, text.length - 2), 2)
  else text.insert(at, ` ${words[Math.floor(next() * words.length)]}`, next() < 0.2 ? { strong: {} } : {})
}

describe('Rebuilding versions', () => {
  let server: TestServer
  let admin: Api
  let client: TestClient

  beforeEach(async () => {
    server = await startTestServer({ reports: [versionsReport(reportId)] })
    const session = await server.login('admin', testAdminPassword)
    admin = apiFor(server, session)
    client = connectClient(server.wsUrl, reportId, session.token)
    await client.synced
  })

  afterEach(async () => {
    client.destroy()
    await server.close()
  })

  it('gives back every version exactly as the document was when it was made, after seeded random edits', async () => {
    const seed = Number(process.env.VERSIONS_SEED ?? Date.now() % 1_000_000)
    console.log(`rebuild test seed: ${seed} (rerun with VERSIONS_SEED=${seed})`)
    const next = random(seed)
    const recorded: Array<{ version: ApiVersion; report: Report }> = []
    for (let round = 0; round < 6; round++) {
      const edits = 5 + Math.floor(next() * 20)
      for (let i = 0; i < edits; i++) randomEdit(client.doc, next)
      const expected = yDocToReport(client.doc, reportId)
      // The server has everything once its live report equals the client's (apart from each
      // section's sign-off, \`review\`, which the server adds to the report it answers).
      const live = JSON.parse(
        JSON.stringify({ id: expected.id, meta: expected.meta, actors: expected.actors, sections: expected.sections }),
      ) as unknown
      await vi.waitFor(async () => {
        const answer = await admin.get<{ sections: Array<Record<string, unknown>> }>(`/api/reports/${reportId}`)
        expect({ ...answer, sections: answer.sections.map(({ review: _review, ...section }) => section) }).toEqual(live)
      }, waitLimits())
      const made = await admin.call<ApiVersion>('POST', `/api/reports/${reportId}/versions`, { name: `Round ${round}` })
      expect(made.status).toBe(201)
      recorded.push({ version: made.body, report: expected })
    }
    expect(new Set(recorded.map(({ report }) => JSON.stringify(report))).size).toBe(recorded.length)
    for (const { version, report } of recorded) {
      const rebuilt = await admin.get<Report & { version: ApiVersion }>(
        `/api/reports/${reportId}/versions/${version.id}`,
      )
      expect(rebuilt.version).toEqual(version)
      const { version: _version, ...content } = rebuilt
      expect(content).toEqual({ id: report.id, meta: report.meta, actors: report.actors, sections: report.sections })
    }
    // The log alone, without any checkpoint, holds the same states: versions are names for log positions.
    const storage = new SqliteStorage(server.dataDir)
    try {
      for (const { version, report } of recorded) {
        const doc = new Y.Doc()
        for (const entry of await storage.updatesBetween(reportId, 0, version.seq)) Y.applyUpdate(doc, entry.update)
        expect(yDocToReport(doc, reportId)).toEqual(report)
        doc.destroy()
      }
    } finally {
      await storage.close()
    }
  })
})
