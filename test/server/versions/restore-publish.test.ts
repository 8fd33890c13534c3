import { strFromU8, unzipSync } from 'fflate'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { metaKey } from '../../../schema/ydoc.ts'
import { databaseFileName } from '../../../server/storage/sqlite/sqlite-storage.ts'
import { connectClient, waitLimits, type TestClient } from '../clients.ts'
import { startTestServer, testAdminPassword, type TestServer } from '../../helpers/server.ts'
import { apiFor, versionsReport, type Api, type ApiVersion } from './versions-fixtures.ts'
import { blockText, setBlockText } from './y-edits.ts'

const reportId = 'versions-report'

/** The log as stored: [seq, first bytes hex] per entry, read straight from the database file. */
function storedLog(dataDir: string): Array<[number, string]> {
  const db = new BetterSqlite3(join(dataDir, databaseFileName), { readonly: true })
  try {
    return (
      db.prepare('SELECT seq, hex(data) AS data FROM updates WHERE report = ? ORDER BY seq').all(reportId) as Array<{
        seq: number
        data: string
      }>
    ).map(({ seq, data }) => [seq, data])
  } finally {
    db.close()
  }
}

describe('Restore, publish and export of versions', () => {
  let server: TestServer
  let admin: Api
  let editorClient: TestClient
  let otherClient: TestClient

  beforeEach(async () => {
    server = await startTestServer({ reports: [versionsReport(reportId)] })
    const session = await server.login('admin', testAdminPassword)
    admin = apiFor(server, session)
    const other = await server.createUser({ username: 'tina', password: 'translator-password', role: 'translator' })
    editorClient = connectClient(server.wsUrl, reportId, session.token)
    otherClient = connectClient(server.wsUrl, reportId, other.token)
    await Promise.all([editorClient.synced, otherClient.synced])
  })

  afterEach(async () => {
    editorClient.destroy()
    otherClient.destroy()
    await server.close()
  })

  const name = async (label: string): Promise<ApiVersion> =>
    (await admin.call<ApiVersion>('POST', `/api/reports/${reportId}/versions`, { name: label })).body
  const seen = (client: TestClient, fragment: string, block: string, text: string) =>
    vi.waitFor(() => expect(blockText(client.doc, fragment, block).toString()).toBe(text), waitLimits())

  it('restores an old version as a new change every client receives, after an automatic version, without rewriting the log', async () => {
    setBlockText(editorClient.doc, 'es/iom', 'iom-intro', 'Texto aprobado')
    await seen(otherClient, 'es/iom', 'iom-intro', 'Texto aprobado')
    const approved = await name('Aprobado')
    setBlockText(editorClient.doc, 'es/iom', 'iom-intro', 'Texto con errores')
    setBlockText(editorClient.doc, 'en/ilo', 'ilo-c0', 'Broken mandate')
    await seen(otherClient, 'en/ilo', 'ilo-c0', 'Broken mandate')
    // The edits are stored.
    await vi.waitFor(
      async () => expect(JSON.stringify(await admin.get(`/api/reports/${reportId}`))).toContain('Broken mandate'),
      waitLimits(),
    )
    const logBefore = storedLog(server.dataDir)

    const answer = await admin.call<{ version: ApiVersion; before: ApiVersion }>(
      'POST',
      `/api/reports/${reportId}/restore`,
      { version: approved.id },
    )
    expect(answer.status).toBe(201)
    const { version, before } = answer.body
    expect(before).toMatchObject({ kind: 'auto', createdBy: 'system', seq: logBefore.at(-1)![0] })
    expect(version).toMatchObject({
      kind: 'restore',
      createdBy: 'admin',
      authors: [{ user: 'admin', sections: expect.arrayContaining(['iom', 'ilo']) }],
    })
    expect(version.seq).toBeGreaterThan(before.seq)

    // The other client sees the old text at once, through the normal broadcast.
    await seen(otherClient, 'es/iom', 'iom-intro', 'Texto aprobado')
    await seen(otherClient, 'en/ilo', 'ilo-c0', 'ILO mandate')
    await seen(editorClient, 'es/iom', 'iom-intro', 'Texto aprobado')
    const history = await admin.get<ApiVersion[]>(`/api/reports/${reportId}/versions`)
    expect(history.slice(0, 3).map((v) => v.kind)).toEqual(['restore', 'auto', 'named'])
    const restored = await admin.get<{ sections: unknown }>(`/api/reports/${reportId}/versions/${version.id}`)
    const original = await admin.get<{ sections: unknown }>(`/api/reports/${reportId}/versions/${approved.id}`)
    expect(restored.sections).toEqual(original.sections)
    // The version before the restore still holds the broken text: history was not rewritten.
    expect(JSON.stringify(await admin.get(`/api/reports/${reportId}/versions/${before.id}`))).toContain(
      'Broken mandate',
    )
    const logAfter = storedLog(server.dataDir)
    expect(logAfter.slice(0, logBefore.length)).toEqual(logBefore)
    expect(logAfter.length).toBeGreaterThan(logBefore.length)

    // Editing goes on from the restored state.
    setBlockText(otherClient.doc, 'en/iom', 'iom-intro', 'IOM activities after restore')
    await seen(editorClient, 'en/iom', 'iom-intro', 'IOM activities after restore')

    const translator = apiFor(server, await server.login('tina', 'translator-password'))
    expect((await translator.call('POST', `/api/reports/${reportId}/restore`, { version: approved.id })).status).toBe(
      403,
    )
    expect((await admin.call('POST', `/api/reports/${reportId}/restore`, { version: 99 })).status).toBe(404)
    expect((await admin.call('POST', `/api/reports/${reportId}/restore`, {})).status).toBe(400)
  })

  it('publishes a version: a frozen pointer, the report listed and marked published', async () => {
    const draft = await name('Draft')
    setBlockText(editorClient.doc, 'es/background', 'b1', 'Texto posterior')
    await seen(otherClient, 'es/background', 'b1', 'Texto posterior')
    const answer = await admin.call<ApiVersion>('POST', `/api/reports/${reportId}/publish`, {
      version: draft.id,
      reason: 'Draft for the meeting',
    })
    expect(answer.status).toBe(201)
    expect(answer.body).toMatchObject({ kind: 'published', seq: draft.seq, createdBy: 'admin' })
    const listed = await admin.get<Array<{ id: string; status: string }>>('/api/reports')
    expect(listed.find((report) => report.id === reportId)?.status).toBe('published')
    await vi.waitFor(() => expect(otherClient.doc.getMap(metaKey).get('status')).toBe('published'), waitLimits())
    const frozen = await admin.get<{ sections: Array<{ id: string; es: unknown }> }>(
      `/api/reports/${reportId}/versions/${answer.body.id}`,
    )
    expect(JSON.stringify(frozen.sections)).toContain('Texto inicial')
    expect(JSON.stringify(frozen.sections)).not.toContain('Texto posterior')

    const current = await admin.call<ApiVersion>('POST', `/api/reports/${reportId}/publish`, { reason: 'Now' })
    expect(current.status).toBe(201)
    expect(current.body.seq).toBeGreaterThan(draft.seq)
    const translator = apiFor(server, await server.login('tina', 'translator-password'))
    expect((await translator.call('POST', `/api/reports/${reportId}/publish`, {})).status).toBe(403)
  })

  it('exports a version as DOCX holding that version’s text, and as HTML', async () => {
    setBlockText(editorClient.doc, 'es/iom', 'iom-c3', 'Plan de la versión uno')
    await seen(otherClient, 'es/iom', 'iom-c3', 'Plan de la versión uno')
    const one = await name('One')
    setBlockText(editorClient.doc, 'es/iom', 'iom-c3', 'Plan de la versión dos')
    await seen(otherClient, 'es/iom', 'iom-c3', 'Plan de la versión dos')
    // The second text is stored.
    await vi.waitFor(
      async () => expect(JSON.stringify(await admin.get(`/api/reports/${reportId}`))).toContain('versión dos'),
      waitLimits(),
    )

    const response = await fetch(`${server.url}/api/reports/${reportId}/export?format=docx&lang=es&version=${one.id}`, {
      headers: { authorization: `Bearer ${(await server.login('admin', testAdminPassword)).token}` },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?versions-report-v\d+\.es\.docx"?$/,
    )
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()))
    const xml = strFromU8(files['word/document.xml']!)
    expect(xml).toContain('Plan de la versión uno')
    expect(xml).not.toContain('versión dos')

    const html = await admin.call<string>(
      'GET',
      `/api/reports/${reportId}/export?format=html&lang=both&version=${one.id}`,
    )
    expect(html.body).toContain('Plan de la versión uno')
    expect(html.body).toContain('IOM activities')
    const now = await admin.call<string>('GET', `/api/reports/${reportId}/export?format=html&lang=es`)
    expect(now.body).toContain('Plan de la versión dos')
    expect((await admin.call('GET', `/api/reports/${reportId}/export?format=docx&version=55`)).status).toBe(404)
    expect((await admin.call('GET', `/api/reports/${reportId}/export?format=pdf`)).status).toBe(400)
  })
})
