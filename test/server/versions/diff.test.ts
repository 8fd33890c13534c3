import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SectionDiff } from '../../../schema/diff/report-diff.ts'
import { connectClient, waitLimits, type TestClient } from '../clients.ts'
import { startTestServer, testAdminPassword, type TestServer } from '../../helpers/server.ts'
import { apiFor, versionsReport, type Api, type ApiVersion } from './versions-fixtures.ts'
import { blockText, setBlockText } from './y-edits.ts'

const reportId = 'versions-report'

interface DiffAnswer {
  from: ApiVersion
  to: ApiVersion | { id: 'current' }
  sections: SectionDiff[]
}

describe('Diffs between versions', () => {
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

  const name = async (label: string): Promise<ApiVersion> =>
    (await admin.call<ApiVersion>('POST', `/api/reports/${reportId}/versions`, { name: label })).body
  const stored = (fragment: string, block: string, text: string) =>
    vi.waitFor(async () => {
      const report = await admin.get<{ sections: Array<{ id: string; es: unknown; en: unknown }> }>(
        `/api/reports/${reportId}`,
      )
      expect(JSON.stringify(report)).toContain(JSON.stringify(text).slice(1, -1))
      expect(blockText(client.doc, fragment, block).toString()).toBe(text)
    }, waitLimits())

  it('shows a cell changed in one language only as es-only, between two versions and against now', async () => {
    const before = await name('Before')
    setBlockText(client.doc, 'es/iom', 'iom-c2', 'Ejecutadas: 60.000 personas atendidas')
    await stored('es/iom', 'iom-c2', 'Ejecutadas: 60.000 personas atendidas')
    const after = await name('After')

    const diff = await admin.get<DiffAnswer>(`/api/reports/${reportId}/diff?from=${before.id}&to=${after.id}`)
    expect(diff.from).toEqual(before)
    expect(diff.to).toEqual(after)
    expect(diff.sections).toHaveLength(1)
    const [section] = diff.sections
    expect(section).toMatchObject({
      id: 'iom',
      kind: 'actor',
      actor: 'iom',
      change: 'changed',
      translation: 'es-only',
      es: { changed: true },
      en: { changed: false },
    })
    expect(section!.pairs).toEqual([
      expect.objectContaining({
        id: 'iom-c2',
        es: expect.objectContaining({ change: 'changed', column: 'executed', row: 'iom-row' }),
      }),
    ])
    expect(section!.pairs[0]!.en).toBeUndefined()
    expect(section!.es.blocks[0]!.words).toEqual([
      { op: 'equal', text: 'Ejecutadas' },
      { op: 'insert', text: ': 60.000 personas atendidas' },
    ])

    setBlockText(client.doc, 'en/background', 'b1', 'Initial text, revised')
    await stored('en/background', 'b1', 'Initial text, revised')
    const now = await admin.get<DiffAnswer>(`/api/reports/${reportId}/diff?from=${after.id}&to=current`)
    expect(now.to).toEqual({ id: 'current' })
    expect(now.sections.map((s) => [s.id, s.translation])).toEqual([['background', 'en-only']])
    const back = await admin.get<DiffAnswer>(`/api/reports/${reportId}/diff?from=${after.id}&to=${before.id}`)
    expect(back.sections[0]!.es.blocks[0]!.words).toEqual([
      { op: 'equal', text: 'Ejecutadas' },
      { op: 'delete', text: ': 60.000 personas atendidas' },
    ])
  })

  it('renders a side-by-side HTML page with everything typed escaped and unchanged sections left out', async () => {
    const before = await name('Before')
    setBlockText(client.doc, 'es/ilo', 'ilo-c1', 'Programa <script>alert("x")</script> nuevo')
    setBlockText(client.doc, 'en/ilo', 'ilo-c1', 'New & improved programme')
    await stored('en/ilo', 'ilo-c1', 'New & improved programme')
    await stored('es/ilo', 'ilo-c1', 'Programa <script>alert("x")</script> nuevo')
    const answer = await admin.call<string>(
      'GET',
      `/api/reports/${reportId}/diff?from=${before.id}&to=current&format=html`,
    )
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/)
    const page = answer.body
    expect(page).not.toContain('<script>')
    expect(page).toContain('<ins>Programa &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; nuevo</ins>')
    expect(page).toContain('New &amp; improved programme')
    expect(page).toContain('OIT')
    expect(page).not.toContain('Antecedentes')
    expect(page.indexOf('Español')).toBeLessThan(page.indexOf('English'))
  })

  it('refuses a missing or unknown version and an unknown format', async () => {
    const base = await name('Base')
    const error = async (query: string) => {
      const answer = await admin.call<{ error: { code: string } }>('GET', `/api/reports/${reportId}/diff?${query}`)
      return [answer.status, answer.body.error.code]
    }
    expect(await error('to=current')).toEqual([400, 'bad-version'])
    expect(await error('from=0&to=current')).toEqual([400, 'bad-version'])
    expect(await error(`from=${base.id}&to=77`)).toEqual([404, 'not-found'])
    expect(await error(`from=${base.id}&format=pdf`)).toEqual([400, 'bad-format'])
  })
})
