import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { metaKey } from '../../../schema/ydoc.ts'
import { maxPublishReasonLength } from '../../../schema/api/versions.ts'
import { connectClient, waitLimits, type TestClient } from '../clients.ts'
import { startTestServer, testAdminPassword, type TestServer } from '../../helpers/server.ts'
import { apiFor, versionsReport, type Api, type ApiVersion } from './versions-fixtures.ts'
import { blockText, setBlockText } from './y-edits.ts'

// Publishing asks for every section approved in both languages, or for a written reason that is
// kept with the published version (issue 15, "The review dashboard").

const reportId = 'publish-report'
const sections = ['background', 'iom', 'ilo'] as const
type PublishedVersion = ApiVersion & { reason?: string }

describe('Publishing asks for sign-off or a reason', () => {
  let server: TestServer
  let editor: Api
  let client: TestClient

  beforeEach(async () => {
    server = await startTestServer({ reports: [versionsReport(reportId)] })
    const session = await server.login('admin', testAdminPassword)
    editor = apiFor(server, session)
    client = connectClient(server.wsUrl, reportId, session.token)
    await client.synced
  })

  afterEach(async () => {
    client.destroy()
    await server.close()
  })

  const publish = (body: object) => editor.call<PublishedVersion>('POST', `/api/reports/${reportId}/publish`, body)
  const versions = () => editor.get<PublishedVersion[]>(`/api/reports/${reportId}/versions`)
  const approve = async (section: string, lang: 'es' | 'en') => {
    const answer = await editor.call('POST', `/api/reports/${reportId}/sections/${section}/review`, {
      lang,
      action: 'approve',
    })
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  }
  const status = async () =>
    (await editor.get<Array<{ id: string; status: string }>>('/api/reports')).find((report) => report.id === reportId)
      ?.status

  it('refuses to publish unapproved bodies without a reason, naming them, and publishes nothing', async () => {
    await approve('iom', 'es')
    await approve('iom', 'en')
    const answer = await publish({})
    expect(answer.status).toBe(409)
    const { code, message } = (answer.body as unknown as { error: { code: string; message: string } }).error
    expect(code).toBe('not-approved')
    expect(message).toContain('4 section bodies are not approved')
    for (const root of ['es/background', 'en/background', 'es/ilo', 'en/ilo']) expect(message).toContain(root)
    expect(message).not.toContain('es/iom')
    expect((await versions()).some((version) => version.kind === 'published')).toBe(false)
    expect(await status()).not.toBe('published')
  })

  it('publishes with a reason, keeps the reason with the version, and lists it', async () => {
    const reason = '  Plazo del Consejo Permanente: la OIT firma después.  '
    const answer = await publish({ reason })
    expect(answer.status).toBe(201)
    expect(answer.body).toMatchObject({ kind: 'published', reason: reason.trim() })
    const listed = (await versions()).find((version) => version.id === answer.body.id)
    expect(listed).toMatchObject({ kind: 'published', reason: reason.trim() })
    expect(await status()).toBe('published')
    await vi.waitFor(() => expect(client.doc.getMap(metaKey).get('status')).toBe('published'), waitLimits())
  })

  it('refuses a reason that is empty, blank, too long or not text with 422 bad-reason', async () => {
    for (const reason of ['', '   \n', 'x'.repeat(maxPublishReasonLength + 1), 42, null, ['why']]) {
      const answer = await publish({ reason })
      expect(answer.status, JSON.stringify(reason)).toBe(422)
      expect(JSON.stringify(answer.body)).toContain('bad-reason')
    }
    expect((await versions()).some((version) => version.kind === 'published')).toBe(false)
  })

  it('publishes without a reason once every body is approved, and keeps no reason then', async () => {
    for (const section of sections) for (const lang of ['es', 'en'] as const) await approve(section, lang)
    const answer = await publish({ reason: 'not needed' })
    expect(answer.status).toBe(201)
    expect(answer.body.reason).toBeUndefined()
    const again = await publish({})
    expect(again.status).toBe(201)
    expect((await versions()).filter((version) => version.kind === 'published')).toHaveLength(2)
  })

  it('counts an old version as unapproved where it differs from what was approved since', async () => {
    setBlockText(client.doc, 'es/iom', 'iom-intro', 'Borrador antiguo')
    await vi.waitFor(
      async () => expect(JSON.stringify(await editor.get(`/api/reports/${reportId}`))).toContain('Borrador antiguo'),
      waitLimits(),
    )
    const old = (await editor.call<ApiVersion>('POST', `/api/reports/${reportId}/versions`, { name: 'Antiguo' })).body
    setBlockText(client.doc, 'es/iom', 'iom-intro', 'Texto aprobado')
    await vi.waitFor(
      async () => expect(JSON.stringify(await editor.get(`/api/reports/${reportId}`))).toContain('Texto aprobado'),
      waitLimits(),
    )
    for (const section of sections) for (const lang of ['es', 'en'] as const) await approve(section, lang)
    expect(blockText(client.doc, 'es/iom', 'iom-intro').toString()).toBe('Texto aprobado')

    const refused = await publish({ version: old.id })
    expect(refused.status).toBe(409)
    const message = (refused.body as unknown as { error: { message: string } }).error.message
    expect(message).toContain('1 section body is not approved (es/iom)')
    const withReason = await publish({ version: old.id, reason: 'La versión antigua es la que votó el Consejo' })
    expect(withReason.status).toBe(201)
    expect(withReason.body).toMatchObject({ seq: old.seq, reason: 'La versión antigua es la que votó el Consejo' })
    expect((await publish({})).status).toBe(201)
  })
})
