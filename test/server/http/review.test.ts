import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { closeForbidden } from '../../../schema/close-codes.ts'
import { reviewKey } from '../../../schema/ydoc.ts'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { closedWithin, connectClient, firstParagraphText, typeInto, type TestClient } from '../clients.ts'
import { testReport } from '../fixtures.ts'

// biome-ignore lint/suspicious/noExplicitAny: a JSON answer, whatever its shape; the matchers check it
type JsonAnswer = any

const reportId = 'test-report'
let server: TestServer
const tokens: Record<string, string> = {}
const clients: TestClient[] = []

beforeAll(async () => {
  server = await startTestServer({ reports: [testReport(reportId)] })
  const users = [
    { username: 'iom-agency', role: 'agency', actors: ['iom'] },
    { username: 'ilo-agency', role: 'agency', actors: ['ilo'] },
    { username: 'translator', role: 'translator' },
    { username: 'viewer', role: 'viewer' },
    { username: 'editor', role: 'editor' },
  ] as const
  for (const user of users)
    tokens[user.username] = (await server.createUser({ ...user, password: `password-of-${user.username}` })).token
})

afterAll(async () => {
  for (const client of clients) client.destroy()
  await server.close()
})

async function connected(who: string): Promise<TestClient> {
  const client = connectClient(server.wsUrl, reportId, tokens[who])
  clients.push(client)
  await client.synced
  return client
}

async function review(who: string, section: string, body: unknown): Promise<{ status: number; body: JsonAnswer }> {
  const answer = await fetch(`${server.url}/api/reports/${reportId}/sections/${section}/review`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: answer.status, body: await answer.json() }
}

async function reviewsNow(): Promise<Record<string, { es: { state: string; by?: string }; en: { state: string } }>> {
  const answer = await fetch(`${server.url}/api/reports/${reportId}`, {
    headers: { authorization: `Bearer ${tokens.editor}` },
  })
  const report = (await answer.json()) as {
    sections: Array<{ id: string; review: { es: { state: string }; en: { state: string } } }>
  }
  return Object.fromEntries(report.sections.map((section) => [section.id, section.review]))
}

describe('sign-off per section and language', () => {
  it('moves drafting → submitted → approved for those allowed, and refuses the others with what was wrong', async () => {
    expect((await reviewsNow()).iom).toEqual({ es: { state: 'drafting' }, en: { state: 'drafting' } })
    expect(await review('iom-agency', 'iom', { lang: 'es', action: 'sign' })).toMatchObject({
      status: 400,
      body: { error: { code: 'bad-action' } },
    })
    expect(await review('iom-agency', 'nowhere', { lang: 'es', action: 'submit' })).toMatchObject({ status: 404 })
    expect(await review('ilo-agency', 'iom', { lang: 'es', action: 'submit' })).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden' } },
    })
    expect(await review('viewer', 'iom', { lang: 'es', action: 'submit' })).toMatchObject({ status: 403 })

    const submitted = await review('iom-agency', 'iom', { lang: 'es', action: 'submit' })
    expect(submitted).toMatchObject({
      status: 200,
      body: { section: 'iom', lang: 'es', review: { state: 'submitted', by: 'iom-agency' } },
    })
    expect(await review('iom-agency', 'iom', { lang: 'es', action: 'submit' })).toMatchObject({
      status: 409,
      body: { error: { code: 'review-state' } },
    })
    expect(await review('iom-agency', 'iom', { lang: 'es', action: 'approve' })).toMatchObject({ status: 403 })

    const approved = await review('editor', 'iom', { lang: 'es', action: 'approve' })
    expect(approved).toMatchObject({ status: 200, body: { review: { state: 'approved', by: 'editor' } } })
    expect(approved.body.review.at).toBeGreaterThanOrEqual(submitted.body.review.at)
    expect((await reviewsNow()).iom).toMatchObject({
      es: { state: 'approved', by: 'editor' },
      en: { state: 'drafting' },
    })
  })

  it('makes an approved body read-only for everyone, its own agency and editors included, live in every browser', async () => {
    const observer = await connected('translator')
    await vi.waitFor(() => expect(observer.doc.getMap(reviewKey).get('es/iom')).toMatchObject({ state: 'approved' }))

    const agency = await connected('iom-agency')
    typeInto(agency.doc, 'es/iom', 'CAMBIO ')
    expect(await closedWithin(agency)).toBe(closeForbidden)
    const editor = await connected('editor')
    typeInto(editor.doc, 'es/iom', 'EDITOR ')
    expect(await closedWithin(editor)).toBe(closeForbidden)

    // The other language of the same section is not approved: its agency still writes it.
    const again = await connected('iom-agency')
    typeInto(again.doc, 'en/iom', 'STILL OPEN ')
    await vi.waitFor(() => expect(firstParagraphText(observer.doc, 'en/iom')).toMatch(/^STILL OPEN /))
    expect(firstParagraphText(observer.doc, 'es/iom')).not.toMatch(/CAMBIO|EDITOR/)
    expect(again.closeCodes).toEqual([])
  })

  it('refuses a client that writes a sign-off itself, whatever its role', async () => {
    const editor = await connected('editor')
    editor.doc.getMap(reviewKey).set('en/iom', { state: 'approved', by: 'editor', at: Date.now() })
    expect(await closedWithin(editor)).toBe(closeForbidden)
    expect((await reviewsNow()).iom?.en.state).toBe('drafting')
  })

  it('lets the agency edit again once reopened, and refuses a restore that would change an approved body', async () => {
    const asEditor = { authorization: `Bearer ${tokens.editor}`, 'content-type': 'application/json' }
    expect(await review('editor', 'iom', { lang: 'es', action: 'reopen' })).toMatchObject({
      status: 200,
      body: { review: { state: 'drafting', by: 'editor' } },
    })
    const named = await fetch(`${server.url}/api/reports/${reportId}/versions`, {
      method: 'POST',
      headers: asEditor,
      body: JSON.stringify({ name: 'before the reopened edit' }),
    })
    expect(named.status).toBe(201)
    const before = (await named.json()) as { id: number }

    const observer = await connected('editor')
    const writer = await connected('iom-agency')
    typeInto(writer.doc, 'es/iom', 'REABIERTO ')
    await vi.waitFor(() => expect(firstParagraphText(observer.doc, 'es/iom')).toMatch(/^REABIERTO /))
    expect(writer.closeCodes).toEqual([])

    expect(await review('editor', 'iom', { lang: 'es', action: 'approve' })).toMatchObject({
      status: 200,
      body: { review: { state: 'approved' } },
    })
    const restore = await fetch(`${server.url}/api/reports/${reportId}/restore`, {
      method: 'POST',
      headers: asEditor,
      body: JSON.stringify({ version: before.id }),
    })
    expect({ status: restore.status, body: await restore.json() }).toMatchObject({
      status: 409,
      body: { error: { code: 'section-approved', message: expect.stringContaining('es/iom') } },
    })
    expect(firstParagraphText(observer.doc, 'es/iom')).toMatch(/^REABIERTO /)
  })
})
