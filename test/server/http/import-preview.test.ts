// `POST /api/reports/import?preview=1` through real HTTP: it answers what the import would create
// and the same warnings, stores nothing, and refuses bad input exactly as the import does.

import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reportToDocx } from '../../../schema/export/report-docx.ts'
import { startTestServer, testAdminPassword, type TestServer } from '../../helpers/server.ts'
import { testReport } from '../fixtures.ts'

// biome-ignore lint/suspicious/noExplicitAny: a JSON answer, whatever its shape; the matchers check it
type JsonAnswer = any

let server: TestServer
let admin: string
let editor: string
let viewer: string
let es: Buffer<ArrayBuffer>
let en: Buffer<ArrayBuffer>

beforeAll(async () => {
  server = await startTestServer({ reports: [testReport('test-report')] })
  admin = (await server.login('admin', testAdminPassword)).token
  editor = (await server.createUser({ username: 'editor', password: 'password-1', role: 'editor' })).token
  viewer = (await server.createUser({ username: 'viewer', password: 'password-2', role: 'viewer' })).token
  es = await readFile(new URL('../../../server/seeds/annual-report-2011-2012.es.txt', import.meta.url))
  en = await readFile(new URL('../../../server/seeds/annual-report-2011-2012.en.txt', import.meta.url))
})

afterAll(async () => {
  await server?.close()
})

async function call(
  path: string,
  token: string,
  init: RequestInit = {},
): Promise<{ status: number; body: JsonAnswer }> {
  const headers = new Headers(init.headers)
  headers.set('authorization', `Bearer ${token}`)
  if (typeof init.body === 'string') headers.set('content-type', 'application/json')
  const response = await fetch(`${server.url}${path}`, { ...init, headers })
  return { status: response.status, body: await response.json() }
}

/** The seed annual report as the page sends it: multipart files, with an id. */
function seedForm(id: string): FormData {
  const form = new FormData()
  form.set('id', id)
  form.set('es', new Blob([es]), 'annual-report-2011-2012.es.txt')
  form.set('en', new Blob([en]), 'annual-report-2011-2012.en.txt')
  return form
}

const postJson = (path: string, token: string, body: unknown) =>
  call(path, token, { method: 'POST', body: JSON.stringify(body) })

/** What storage holds, through the API: the report ids and the audit log's imports. */
async function stored(): Promise<{ reports: string[]; imports: number }> {
  const reports = (await call('/api/reports', admin)).body.map((report: { id: string }) => report.id).sort()
  const imports = (await call('/api/audit?kind=import', admin)).body.entries.length
  return { reports, imports }
}

describe('POST /api/reports/import?preview=1', () => {
  it('answers the sections and warnings the import then gives, and stores nothing', async () => {
    const before = await stored()
    const preview = await call('/api/reports/import?preview=1', editor, {
      method: 'POST',
      body: seedForm('informe-vista'),
    })
    expect(preview.status).toBe(200)
    expect(preview.body.id).toBe('informe-vista')
    expect(preview.body.kind).toBe('annual-report')
    expect(preview.body.title.es).toMatch(/^INFORME ANUAL/)
    expect(preview.body.sections).toHaveLength(16)
    expect(preview.body.sections.find((section: { id: string }) => section.id === 'iom')).toEqual({
      id: 'iom',
      kind: 'actor',
      actor: 'iom',
      heading: {
        es: 'B.4. Organización Internacional para las Migraciones (OIM)',
        en: 'B.1. International Organization for Migration -IOM',
      },
    })
    expect(preview.body.sections[0]).toEqual({
      id: 'background',
      kind: 'narrative',
      heading: { es: 'I. Antecedentes', en: 'I. Background' },
    })
    const codes = preview.body.warnings.map((warning: { code: string }) => warning.code)
    expect(codes).toContain('duplicate-section')
    expect(codes).toContain('toc-mismatch')
    expect(await stored()).toEqual(before)
    expect((await call('/api/reports/informe-vista', viewer)).status).toBe(404)

    // A second preview is the same: nothing of the first was kept.
    const again = await call('/api/reports/import?preview=true', editor, {
      method: 'POST',
      body: seedForm('informe-vista'),
    })
    expect(again).toEqual(preview)

    const imported = await call('/api/reports/import', editor, { method: 'POST', body: seedForm('informe-vista') })
    expect(imported.status).toBe(201)
    expect(imported.body).toEqual({ id: 'informe-vista', warnings: preview.body.warnings })
    const report = (await call('/api/reports/informe-vista', viewer)).body
    expect(
      report.sections.map(({ id, kind, actor, heading }: JsonAnswer) => ({
        id,
        kind,
        ...(actor === undefined ? {} : { actor }),
        heading,
      })),
    ).toEqual(preview.body.sections)
    expect((await stored()).imports).toBe(before.imports + 1)

    // Once the id is taken, the preview says so as the import would.
    const taken = await call('/api/reports/import?preview=1', editor, {
      method: 'POST',
      body: seedForm('informe-vista'),
    })
    expect(taken.status).toBe(409)
    expect(taken.body.error.code).toBe('report-exists')
  })

  it('takes the JSON body too (one language), and derives the id as the import does', async () => {
    const preview = await postJson('/api/reports/import?preview=1', editor, { es: es.toString('utf8') })
    expect(preview.status).toBe(200)
    expect(preview.body.id).toBe('annual-report-2011-2012')
    // Spanish only: the same sections, with no English headings yet.
    expect(preview.body.sections).toHaveLength(16)
    expect(preview.body.sections.map((section: { heading: { en: string } }) => section.heading.en)).toEqual(
      Array(16).fill(''),
    )
    expect((await call('/api/reports/annual-report-2011-2012', viewer)).status).toBe(404)
  })

  it('refuses bad input with the import’s own 422, and stores nothing', async () => {
    const before = await stored()
    const docx = new Uint8Array(await reportToDocx(testReport('word-report'), { language: 'es' }))
    const bad: { name: string; body: () => FormData | string }[] = [
      { name: 'empty text', body: () => JSON.stringify({ id: 'empty-report', es: '' }) },
      { name: 'no documents', body: () => JSON.stringify({ id: 'nothing-report' }) },
      { name: 'an id that is not a slug', body: () => JSON.stringify({ id: 'Not A Slug', es: 'x' }) },
      { name: 'an unknown kind', body: () => JSON.stringify({ kind: 'novel', es: 'x' }) },
      { name: 'unrecognised text', body: () => JSON.stringify({ id: 'prose', es: 'Una frase.\nOtra frase.\n' }) },
      {
        name: 'a Word file',
        body: () => {
          const form = new FormData()
          form.set('id', 'word-report')
          form.set('es', new Blob([docx]), 'informe.docx')
          return form
        },
      },
    ]
    for (const { name, body } of bad) {
      const preview = await call('/api/reports/import?preview=1', editor, { method: 'POST', body: body() })
      const imported = await call('/api/reports/import', editor, { method: 'POST', body: body() })
      expect(preview.status, name).toBe(422)
      expect(preview.body.error.code, name).toMatch(/^import-/)
      expect(preview.body, name).toEqual(imported.body)
    }
    const word = await call('/api/reports/import?preview=1', editor, { method: 'POST', body: bad.at(-1)!.body() })
    expect(word.body.error).toEqual({
      code: 'import-binary',
      message: 'The Spanish original is binary data, not text (the file contains NUL bytes)',
    })
    expect(await stored()).toEqual(before)
  })

  it('is for editors and admins only, and refuses a preview value it does not know', async () => {
    const body = () => JSON.stringify({ id: 'plan-vista', es: es.toString('utf8') })
    expect((await call('/api/reports/import?preview=1', viewer, { method: 'POST', body: body() })).status).toBe(403)
    expect((await call('/api/reports/import?preview=1', admin, { method: 'POST', body: body() })).status).toBe(200)
    const typo = await call('/api/reports/import?preview=yes', editor, { method: 'POST', body: body() })
    expect(typo.status).toBe(400)
    expect(typo.body.error.code).toBe('bad-preview')
    expect((await call('/api/reports/plan-vista', viewer)).status).toBe(404)
  })
})
