import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ReviewDashboard } from '../../../schema/api/review.ts'
import { connectClient, waitLimits, type TestClient } from '../clients.ts'
import { startTestServer, testAdminPassword, type TestServer } from '../../helpers/server.ts'
import { apiFor, versionsReport, type Api } from './versions-fixtures.ts'
import { setBlockText } from './y-edits.ts'

// The review dashboard's rows (`GET /api/reports/:id/review`) after a round of real work through
// sockets and HTTP: edits by an agency and a translator, comments, sign-off.

const reportId = 'dashboard-report'

describe('The review dashboard', () => {
  let server: TestServer
  const api: Record<string, Api> = {}
  const clients: TestClient[] = []

  beforeAll(async () => {
    server = await startTestServer({ reports: [versionsReport(reportId)] })
    api.editor = apiFor(server, await server.login('admin', testAdminPassword))
    for (const user of [
      { username: 'iom-agency', role: 'agency', actors: ['iom'] },
      { username: 'tina', role: 'translator' },
      { username: 'vera', role: 'viewer' },
    ] as const) {
      const session = await server.createUser({ ...user, password: `password-of-${user.username}` })
      api[user.username] = apiFor(server, session)
      const client = connectClient(server.wsUrl, reportId, session.token)
      clients.push(client)
      await client.synced
    }
  })

  afterAll(async () => {
    for (const client of clients) client.destroy()
    await server.close()
  })

  const dashboard = () => api.vera!.get<ReviewDashboard>(`/api/reports/${reportId}/review`)
  const row = (answer: ReviewDashboard, id: string) => answer.sections.find((section) => section.id === id)!

  it('starts with every section drafting, unchanged, in step and without comments, in reading order', async () => {
    const answer = await dashboard()
    expect(answer.sections.map((section) => section.id)).toEqual(['background', 'iom', 'ilo'])
    expect(row(answer, 'iom')).toMatchObject({
      kind: 'actor',
      actor: 'iom',
      heading: { es: 'OIM', en: 'IOM' },
      review: { es: { state: 'drafting' }, en: { state: 'drafting' } },
      lastChange: { es: null, en: null },
      comments: { es: 0, en: 0, resolved: 0 },
    })
    const { pairs, inStep } = row(answer, 'iom').translation
    expect(pairs).toBe(6)
    expect(inStep).toBe(pairs)
  })

  it('shows who changed which body last, translation progress, open comments, QA findings and sign-off', async () => {
    const [agency, translator] = clients as [TestClient, TestClient]
    const before = Date.now()
    setBlockText(agency.doc, 'es/iom', 'iom-c2', 'Se capacitó a 2.500 funcionarios')
    setBlockText(translator.doc, 'en/ilo', 'ilo-c0', 'ILO mandate, revised')
    setBlockText(translator.doc, 'en/iom', 'iom-c2', '2,400 officials trained')
    await vi.waitFor(async () => {
      const now = await dashboard()
      expect(row(now, 'iom').lastChange.en?.by).toBe('tina')
      expect(row(now, 'ilo').lastChange.en?.by).toBe('tina')
    }, waitLimits())

    const thread = await api.vera!.call<{ id: string }>('POST', `/api/reports/${reportId}/comments`, {
      section: 'iom',
      lang: 'es',
      from: 1,
      to: 5,
      text: '¿Es la cifra final?',
    })
    expect(thread.status).toBe(201)
    const resolvedOne = await api.tina!.call<{ id: string }>('POST', `/api/reports/${reportId}/comments`, {
      section: 'background',
      lang: 'en',
      from: 1,
      to: 5,
      text: 'Check the term',
    })
    expect(
      (await api.tina!.call('PATCH', `/api/reports/${reportId}/comments/${resolvedOne.body.id}`, { resolved: true }))
        .status,
    ).toBe(200)
    expect(
      (
        await api['iom-agency']!.call('POST', `/api/reports/${reportId}/sections/iom/review`, {
          lang: 'es',
          action: 'submit',
        })
      ).status,
    ).toBe(200)
    expect(
      (
        await api.editor!.call('POST', `/api/reports/${reportId}/sections/ilo/review`, {
          lang: 'en',
          action: 'approve',
        })
      ).status,
    ).toBe(200)

    const answer = await dashboard()
    const iom = row(answer, 'iom')
    expect(iom.lastChange.es).toMatchObject({ by: 'iom-agency' })
    expect(iom.lastChange.es!.at).toBeGreaterThanOrEqual(before)
    expect(iom.lastChange.en!.seq).toBeGreaterThan(0)
    expect(iom.review.es).toMatchObject({ state: 'submitted', by: 'iom-agency' })
    expect(iom.review.en).toEqual({ state: 'drafting' })
    expect(iom.comments).toEqual({ es: 1, en: 0, resolved: 0 })
    // Both sides of the figures' pair changed since it was in step, and the figures differ.
    expect(iom.translation.inStep).toBeLessThan(iom.translation.pairs)
    expect(iom.findings).toBeGreaterThan(0)
    expect(row(answer, 'ilo')).toMatchObject({
      review: { en: { state: 'approved', by: 'admin' } },
      lastChange: { es: null, en: { by: 'tina' } },
    })
    expect(row(answer, 'background')).toMatchObject({
      comments: { es: 0, en: 0, resolved: 1 },
      lastChange: { es: null },
    })
    expect(answer.seq).toBeGreaterThanOrEqual(iom.lastChange.es!.seq)
  })

  it('answers 404 for an unknown report and 401 without a session', async () => {
    expect((await api.vera!.call('GET', '/api/reports/no-such-report/review')).status).toBe(404)
    expect((await fetch(`${server.url}/api/reports/${reportId}/review`)).status).toBe(401)
  })
})
