import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer, type TestSession } from '../../helpers/server.ts'
import { testReport } from '../fixtures.ts'

// biome-ignore lint/suspicious/noExplicitAny: a JSON answer, whatever its shape; the matchers check it
type JsonAnswer = any

const reportId = 'test-report'
const evil = 'https://evil.example'
let server: TestServer
let editor: TestSession

beforeAll(async () => {
  server = await startTestServer({ reports: [testReport(reportId)] })
  editor = await server.createUser({ username: 'editor', password: 'password-1', role: 'editor' })
})

afterAll(async () => {
  await server.close()
})

/** A request with exactly these headers; the answer's status, JSON body (or text) and headers. */
async function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | FormData,
): Promise<{ status: number; body: JsonAnswer; headers: Headers }> {
  const response = await fetch(`${server.url}${path}`, { method, headers, ...(body !== undefined && { body }) })
  const text = await response.text()
  try {
    return { status: response.status, body: JSON.parse(text), headers: response.headers }
  } catch {
    return { status: response.status, body: text, headers: response.headers }
  }
}

const json = { 'content-type': 'application/json' }
const status = async (): Promise<string> =>
  (await send('GET', `/api/reports/${reportId}`, { authorization: `Bearer ${editor.token}` })).body.meta.status

describe('changes from another site (CSRF)', () => {
  it('refuses a cookie-authenticated text/plain POST from another site’s page with 403 cross-site, and publishes nothing', async () => {
    const forged = await send(
      'POST',
      `/api/reports/${reportId}/publish`,
      { cookie: editor.cookie, origin: evil, 'content-type': 'text/plain' },
      '{}',
    )
    expect(forged.status).toBe(403)
    expect(forged.body).toEqual({ error: { code: 'cross-site', message: expect.stringMatching(/another site/) } })
    expect(await status()).toBe('draft')
  })

  it('refuses by Sec-Fetch-Site when the browser sends it, sibling subdomains (same-site) included', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const forged = await send(
        'POST',
        `/api/reports/${reportId}/versions`,
        { cookie: editor.cookie, 'sec-fetch-site': site, ...json },
        JSON.stringify({ name: 'forged' }),
      )
      expect(forged.status).toBe(403)
      expect(forged.body.error.code).toBe('cross-site')
    }
    const forgedDelete = await send(
      'DELETE',
      `/api/reports/${reportId}/translation/pairs?section=background&block=b1`,
      { cookie: editor.cookie, origin: 'null' },
    )
    expect(forgedDelete.status).toBe(403)
    const versions = await send('GET', `/api/reports/${reportId}/versions`, { cookie: editor.cookie, origin: evil })
    expect(versions.status).toBe(200)
    expect(versions.body.map((version: { name?: string }) => version.name)).not.toContain('forged')
  })

  it('accepts cookie-authenticated changes from this site’s own pages, and from programs that send no Origin', async () => {
    const ownPage = await send(
      'POST',
      `/api/reports/${reportId}/versions`,
      { cookie: editor.cookie, origin: server.url, ...json },
      JSON.stringify({ name: 'from our page' }),
    )
    expect(ownPage.status).toBe(201)
    const fetchMetadata = await send(
      'POST',
      `/api/reports/${reportId}/versions`,
      { cookie: editor.cookie, 'sec-fetch-site': 'same-origin', origin: server.url, ...json },
      JSON.stringify({ name: 'with fetch metadata' }),
    )
    expect(fetchMetadata.status).toBe(201)
    const program = await send(
      'POST',
      `/api/reports/${reportId}/versions`,
      { cookie: editor.cookie, ...json },
      JSON.stringify({ name: 'from a program' }),
    )
    expect(program.status).toBe(201)
  })

  it('lets bearer-token requests through whatever their Origin: another site’s page cannot set that header', async () => {
    const bearer = await send(
      'POST',
      `/api/reports/${reportId}/versions`,
      { authorization: `Bearer ${editor.token}`, origin: evil, ...json },
      JSON.stringify({ name: 'by token' }),
    )
    expect(bearer.status).toBe(201)
  })

  it('refuses a sign-in from another site’s page (login CSRF), cookie or not, and sets no cookie', async () => {
    const body = JSON.stringify({ username: 'editor', password: 'password-1' })
    const forged = await send('POST', '/api/login', { origin: evil, ...json }, body)
    expect(forged.status).toBe(403)
    expect(forged.body.error.code).toBe('cross-site')
    expect(forged.headers.get('set-cookie')).toBeNull()
    expect((await send('POST', '/api/login', { 'sec-fetch-site': 'cross-site', ...json }, body)).status).toBe(403)
    const own = await send('POST', '/api/login', { origin: server.url, 'sec-fetch-site': 'same-origin', ...json }, body)
    expect(own.status).toBe(200)
    expect(own.headers.get('set-cookie')).toMatch(/cotejo_session=/)
  })

  it('leaves reading alone: a GET from another site’s page is answered (the browser keeps the answer from that page)', async () => {
    expect(
      (await send('GET', '/api/me', { cookie: editor.cookie, origin: evil, 'sec-fetch-site': 'cross-site' })).status,
    ).toBe(200)
  })
})

describe('request bodies', () => {
  it('refuses a body that is not JSON with 415, even with a bearer token, and changes nothing', async () => {
    const auth = { authorization: `Bearer ${editor.token}` }
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const answer = await send(
        'POST',
        `/api/reports/${reportId}/publish`,
        { ...auth, 'content-type': type },
        'version=1',
      )
      expect(answer.status).toBe(415)
      expect(answer.body).toEqual({
        error: { code: 'unsupported-media-type', message: 'Send the body as JSON (Content-Type: application/json).' },
      })
    }
    const untyped = await fetch(`${server.url}/api/reports/${reportId}/publish`, {
      method: 'POST',
      headers: auth,
      body: new Uint8Array([123, 125]),
    })
    expect(untyped.status).toBe(415)
    expect(await status()).toBe('draft')
  })

  it('takes JSON or files on import, and says so when it gets something else', async () => {
    const answer = await send(
      'POST',
      '/api/reports/import',
      { authorization: `Bearer ${editor.token}`, 'content-type': 'text/plain' },
      'Informe',
    )
    expect(answer.status).toBe(415)
    expect(answer.body.error.message).toMatch(/multipart\/form-data/)
  })

  it('accepts requests without a body, such as a DELETE', async () => {
    const answer = await send('DELETE', `/api/reports/${reportId}/translation/pairs?section=nowhere&block=nothing`, {
      authorization: `Bearer ${editor.token}`,
    })
    expect(answer.status).not.toBe(415)
    expect(answer.status).not.toBe(403)
  })
})
