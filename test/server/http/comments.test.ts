import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type * as Y from 'yjs'
import { closeForbidden } from '../../../schema/close-codes.ts'
import { commentsKey } from '../../../schema/ydoc.ts'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { closedWithin, connectClient, firstParagraphText, type TestClient } from '../clients.ts'
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

async function call(
  who: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: JsonAnswer }> {
  const answer = await fetch(`${server.url}/api/reports/${reportId}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${tokens[who]}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  })
  return { status: answer.status, body: await answer.json() }
}

/** The first paragraph's text node of a body (the fixture's bodies are one paragraph each). */
function firstText(doc: Y.Doc, name: string): Y.XmlText {
  const paragraph = doc.getXmlFragment(name).get(0) as Y.XmlElement
  return paragraph.get(0) as Y.XmlText
}

/** ProseMirror positions of `words` in a one-paragraph body: the paragraph opens at 0, its text starts at 1. */
function rangeOf(body: string, words: string): { from: number; to: number } {
  const start = body.indexOf(words)
  expect(start, `"${words}" in "${body}"`).toBeGreaterThanOrEqual(0)
  return { from: 1 + start, to: 1 + start + words.length }
}

describe('comment threads', () => {
  it('keeps an anchor on the same words while both languages are edited around and inside it, concurrently', async () => {
    const agency = await connected('iom-agency')
    const translator = await connected('translator')
    const es = firstParagraphText(agency.doc, 'es/iom')
    const en = firstParagraphText(agency.doc, 'en/iom')
    const onSpanish = await call('viewer', 'POST', '/comments', {
      section: 'iom',
      lang: 'es',
      ...rangeOf(es, 'de la OIM'),
      text: '¿Qué oficina?',
    })
    const onEnglish = await call('translator', 'POST', '/comments', {
      section: 'iom',
      lang: 'en',
      ...rangeOf(en, 'activities'),
      text: 'Plural?',
    })
    expect([onSpanish.status, onEnglish.status]).toEqual([201, 201])

    // Both people edit at once: before the anchors, after them, and inside the Spanish one.
    firstText(agency.doc, 'es/iom').insert(0, 'Nuevas ')
    firstText(translator.doc, 'en/iom').insert(0, 'New ')
    firstText(agency.doc, 'es/iom').insert(firstText(agency.doc, 'es/iom').length, ' en 2012')
    const spanish = firstText(translator.doc, 'es/iom')
    spanish.insert(spanish.toString().indexOf('OIM'), 'sede de la ')
    await vi.waitFor(async () => {
      const threads = (await call('editor', 'GET', '/comments')).body as Array<{
        id: string
        anchor: { text: string } | null
      }>
      expect(Object.fromEntries(threads.map((thread) => [thread.id, thread.anchor?.text]))).toEqual({
        [onSpanish.body.id]: 'de la sede de la OIM',
        [onEnglish.body.id]: 'activities',
      })
    })
    const threads = (await call('viewer', 'GET', '/comments')).body
    expect(threads).toMatchObject([
      {
        id: onSpanish.body.id,
        section: 'iom',
        lang: 'es',
        quote: 'de la OIM',
        resolved: false,
        thread: [{ author: 'viewer', text: '¿Qué oficina?' }],
      },
      { id: onEnglish.body.id, lang: 'en', quote: 'activities', thread: [{ author: 'translator', text: 'Plural?' }] },
    ])
    expect(agency.closeCodes).toEqual([])
  })

  it("accepts a viewer's comment while refusing the viewer's change to a body, and to the comments themselves", async () => {
    const viewer = await connected('viewer')
    const observer = await connected('editor')
    const created = await call('viewer', 'POST', '/comments', {
      section: 'background',
      lang: 'en',
      from: 1,
      to: 8,
      text: 'Which year?',
    })
    expect(created.status).toBe(201)
    await vi.waitFor(() =>
      expect(observer.doc.getMap(commentsKey).get(created.body.id)).toMatchObject({ quote: 'Initial' }),
    )
    viewer.doc.getMap(commentsKey).set('forged', {
      id: 'forged',
      section: 'background',
      lang: 'en',
      from: '',
      to: '',
      quote: 'x',
      resolved: false,
      thread: [],
    })
    expect(await closedWithin(viewer)).toBe(closeForbidden)
    const ids = ((await call('editor', 'GET', '/comments')).body as Array<{ id: string }>).map((thread) => thread.id)
    expect(ids).not.toContain('forged')
  })

  it('takes replies, lets the author or an editor resolve and reopen, and refuses everyone else', async () => {
    const thread = await call('translator', 'POST', '/comments', {
      section: 'background',
      lang: 'es',
      from: 1,
      to: 6,
      text: 'Revisar',
    })
    expect(await call('iom-agency', 'POST', '/comments', { reply: thread.body.id, text: 'Revisado' })).toMatchObject({
      status: 201,
      body: { id: thread.body.id },
    })
    expect(await call('iom-agency', 'PATCH', `/comments/${thread.body.id}`, { resolved: true })).toMatchObject({
      status: 403,
    })
    expect(await call('translator', 'PATCH', `/comments/${thread.body.id}`, { resolved: true })).toMatchObject({
      status: 200,
      body: { resolved: true },
    })
    expect(await call('editor', 'PATCH', `/comments/${thread.body.id}`, { resolved: false })).toMatchObject({
      status: 200,
      body: { resolved: false, thread: [{ author: 'translator' }, { author: 'iom-agency', text: 'Revisado' }] },
    })
  })

  it('keeps a thread whose text was deleted, and says so', async () => {
    const editor = await connected('editor')
    const body = firstParagraphText(editor.doc, 'en/ilo')
    const thread = await call('editor', 'POST', '/comments', {
      section: 'ilo',
      lang: 'en',
      ...rangeOf(body, 'ILO'),
      text: 'Spell out?',
    })
    const text = firstText(editor.doc, 'en/ilo')
    text.delete(0, text.length)
    text.insert(0, 'Rewritten')
    await vi.waitFor(async () => {
      const threads = (await call('editor', 'GET', '/comments')).body as Array<{
        id: string
        anchor: unknown
        quote: string
      }>
      expect(threads.find((entry) => entry.id === thread.body.id)).toMatchObject({ quote: 'ILO', anchor: null })
    })
  })

  it('says what was wrong with a bad request, and stores nothing', async () => {
    const before = ((await call('editor', 'GET', '/comments')).body as unknown[]).length
    expect(
      await call('editor', 'POST', '/comments', { section: 'iom', lang: 'fr', from: 1, to: 3, text: 'x' }),
    ).toMatchObject({ status: 400, body: { error: { code: 'bad-language' } } })
    expect(
      await call('editor', 'POST', '/comments', { section: 'iom', lang: 'es', from: 5, to: 5, text: 'x' }),
    ).toMatchObject({ status: 400, body: { error: { code: 'bad-range' } } })
    expect(
      await call('editor', 'POST', '/comments', { section: 'iom', lang: 'es', from: 1, to: 9999, text: 'x' }),
    ).toMatchObject({ status: 400, body: { error: { code: 'bad-range' } } })
    expect(
      await call('editor', 'POST', '/comments', { section: 'iom', lang: 'es', from: 1, to: 3, text: '   ' }),
    ).toMatchObject({ status: 400, body: { error: { code: 'bad-comment' } } })
    expect(
      await call('editor', 'POST', '/comments', { section: 'nowhere', lang: 'es', from: 1, to: 3, text: 'x' }),
    ).toMatchObject({ status: 404 })
    expect(await call('editor', 'POST', '/comments', { reply: 'no-such-thread', text: 'x' })).toMatchObject({
      status: 404,
    })
    expect(((await call('editor', 'GET', '/comments')).body as unknown[]).length).toBe(before)
  })
})
