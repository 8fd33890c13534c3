import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { WordChange } from '../../../schema/diff/word-diff.ts'
import type { BlockTranslation, SectionTranslation } from '../../../schema/translation/overview.ts'
import { connectClient, waitLimits, type TestClient } from '../clients.ts'
import { startTestServer, testAdminPassword, type TestServer } from '../../helpers/server.ts'
import { apiFor, versionsReport, type Api } from './versions-fixtures.ts'
import { setBlockText } from './y-edits.ts'

const reportId = 'versions-report'

interface SourceDiff {
  status: string
  source: 'es' | 'en' | null
  since: number
  words: WordChange[]
}

describe('Translation status', () => {
  let server: TestServer
  let editor: Api
  let translator: Api
  let client: TestClient

  beforeEach(async () => {
    server = await startTestServer({ reports: [versionsReport(reportId)] })
    const session = await server.login('admin', testAdminPassword)
    editor = apiFor(server, session)
    translator = apiFor(
      server,
      await server.createUser({ username: 'tina', password: 'translator-password', role: 'translator' }),
    )
    client = connectClient(server.wsUrl, reportId, session.token)
    await client.synced
  })

  afterEach(async () => {
    client.destroy()
    await server.close()
  })

  const overview = async () =>
    (await translator.get<{ sections: SectionTranslation[] }>(`/api/reports/${reportId}/translation`)).sections
  const pair = async (section: string, block: string): Promise<BlockTranslation | undefined> =>
    (await overview()).find((entry) => entry.id === section)?.blocks.find((entry) => entry.id === block)
  const statusBecomes = (section: string, block: string, status: string) =>
    vi.waitFor(async () => expect(await pair(section, block)).toMatchObject({ status }), waitLimits())

  it('tracks each side of a pair: Spanish edits make it es-ahead with the source diff since in step, a mark brings it in step, English edits make it en-ahead', async () => {
    const start = await overview()
    expect(start.filter((section) => section.status !== 'in-step')).toEqual([])
    expect(start.find((s) => s.id === 'iom')!.blocks.find((b) => b.id === 'iom-c1')).toMatchObject({
      status: 'in-step',
      es: 'Programadas',
      en: 'Programmed',
      row: 'iom-row',
      column: 'programmed',
      inStepAt: 0,
    })

    setBlockText(client.doc, 'es/iom', 'iom-c1', 'Programadas: 12 talleres')
    await statusBecomes('iom', 'iom-c1', 'es-ahead')
    setBlockText(client.doc, 'es/iom', 'iom-c1', 'Programadas: 14 talleres regionales')
    // The second edit is stored.
    await vi.waitFor(
      async () => expect((await pair('iom', 'iom-c1'))?.es).toBe('Programadas: 14 talleres regionales'),
      waitLimits(),
    )
    const sections = await overview()
    expect(sections[0]!.id).toBe('iom')
    expect(sections[0]!.status).toBe('es-ahead')
    expect(sections[0]!.blocks[0]!.id).toBe('iom-c1')
    expect(sections[0]!.counts['es-ahead']).toBe(1)
    expect(sections.find((s) => s.id === 'background')!.status).toBe('in-step')

    // The source diff covers everything since the pair was last in step, not just the latest edit.
    const diff = await translator.get<SourceDiff>(`/api/reports/${reportId}/translation/iom/iom-c1/source-diff`)
    expect(diff).toEqual({
      status: 'es-ahead',
      source: 'es',
      since: 0,
      words: [
        { op: 'equal', text: 'Programadas' },
        { op: 'insert', text: ': 14 talleres regionales' },
      ],
    })

    const marked = await translator.call<BlockTranslation>('POST', `/api/reports/${reportId}/translation/marks`, {
      section: 'iom',
      block: 'iom-c1',
      mark: 'translated',
    })
    expect(marked.status).toBe(200)
    expect(marked.body).toMatchObject({ id: 'iom-c1', status: 'in-step', mark: 'translated' })
    expect(marked.body.inStepAt).toBeGreaterThan(1)
    expect(await pair('iom', 'iom-c1')).toMatchObject({ status: 'in-step', mark: 'translated' })
    expect(
      await translator.get<SourceDiff>(`/api/reports/${reportId}/translation/iom/iom-c1/source-diff`),
    ).toMatchObject({ status: 'in-step', source: null, words: [] })

    setBlockText(client.doc, 'en/iom', 'iom-c1', 'Programmed: 14 regional workshops')
    await statusBecomes('iom', 'iom-c1', 'en-ahead')
    const english = await translator.get<SourceDiff>(`/api/reports/${reportId}/translation/iom/iom-c1/source-diff`)
    expect(english).toMatchObject({ status: 'en-ahead', source: 'en', since: marked.body.inStepAt })
    expect(english.words).toEqual([
      { op: 'equal', text: 'Programmed' },
      { op: 'insert', text: ': 14 regional workshops' },
    ])
  })

  it('refuses marks from viewers, unknown blocks and unknown marks', async () => {
    const viewer = apiFor(
      server,
      await server.createUser({ username: 'reader', password: 'viewer-password', role: 'viewer' }),
    )
    const mark = { section: 'iom', block: 'iom-c0', mark: 'reviewed' }
    expect((await viewer.call('POST', `/api/reports/${reportId}/translation/marks`, mark)).status).toBe(403)
    expect(
      (await translator.call('POST', `/api/reports/${reportId}/translation/marks`, { ...mark, block: 'nope' })).status,
    ).toBe(404)
    expect(
      (await translator.call('POST', `/api/reports/${reportId}/translation/marks`, { ...mark, section: 'nope' }))
        .status,
    ).toBe(404)
    expect(
      (await translator.call('POST', `/api/reports/${reportId}/translation/marks`, { ...mark, mark: 'done' })).status,
    ).toBe(400)
    expect((await translator.call('GET', `/api/reports/${reportId}/translation/iom/nope/source-diff`)).status).toBe(404)
    expect((await viewer.call('GET', `/api/reports/${reportId}/translation`)).status).toBe(200)
    const reviewed = await editor.call<BlockTranslation>('POST', `/api/reports/${reportId}/translation/marks`, mark)
    expect(reviewed.body).toMatchObject({ id: 'iom-c0', status: 'in-step', mark: 'reviewed' })
  })
})
