// Shared setup of the versions tests: a report with actor tables, a JSON API helper, and polling.

import type { DocJSON, Report } from '../../../schema/report.ts'
import type { TestServer, TestSession } from '../../helpers/server.ts'

const cell = (column: string, id: string, text: string) => ({
  type: 'table_cell',
  attrs: { column },
  content: [{ type: 'paragraph', attrs: { id }, ...(text ? { content: [{ type: 'text', text }] } : {}) }],
})

function actorBody(prefix: string, intro: string, cells: readonly string[]): DocJSON {
  const columns = ['mandate', 'programmed', 'executed', 'planned', 'financing']
  return {
    type: 'doc',
    content: [
      { type: 'paragraph', attrs: { id: `${prefix}-intro` }, content: [{ type: 'text', text: intro }] },
      {
        type: 'report_table',
        attrs: { id: `${prefix}-table`, kind: 'actor' },
        content: [
          {
            type: 'table_row',
            attrs: { id: `${prefix}-row` },
            content: columns.map((column, i) => cell(column, `${prefix}-c${i}`, cells[i] ?? '')),
          },
        ],
      },
    ],
  }
}

const paragraph = (id: string, text: string): DocJSON => ({
  type: 'doc',
  content: [{ type: 'paragraph', attrs: { id }, content: [{ type: 'text', text }] }],
})

/** A report with a narrative section `background` and actor sections `iom` and `ilo`, each with a one-row actor table. */
export function versionsReport(id = 'versions-report'): Report {
  const actor = (actorId: string, acronym: string) => ({
    id: actorId,
    name: { es: acronym, en: acronym },
    acronym: { es: acronym, en: acronym },
  })
  return {
    id,
    meta: {
      title: { es: 'Informe de versiones', en: 'Versions report' },
      kind: 'annual-report',
      status: 'draft',
      symbol: '',
      front: { es: '', en: '' },
    },
    actors: [actor('iom', 'IOM'), actor('ilo', 'ILO')],
    sections: [
      {
        id: 'background',
        kind: 'narrative',
        heading: { es: 'Antecedentes', en: 'Background' },
        groups: [],
        es: paragraph('b1', 'Texto inicial'),
        en: paragraph('b1', 'Initial text'),
      },
      {
        id: 'iom',
        kind: 'actor',
        actor: 'iom',
        heading: { es: 'OIM', en: 'IOM' },
        groups: [],
        es: actorBody('iom', 'Actividades de la OIM', [
          'Mandato de la OIM',
          'Programadas',
          'Ejecutadas',
          'Planificadas',
          'Fondos',
        ]),
        en: actorBody('iom', 'IOM activities', ['IOM mandate', 'Programmed', 'Executed', 'Planned', 'Funds']),
      },
      {
        id: 'ilo',
        kind: 'actor',
        actor: 'ilo',
        heading: { es: 'OIT', en: 'ILO' },
        groups: [],
        es: actorBody('ilo', 'Actividades de la OIT', ['Mandato de la OIT', '', '', '', '']),
        en: actorBody('ilo', 'ILO activities', ['ILO mandate', '', '', '', '']),
      },
    ],
  }
}

/** A JSON API client for one session. */
export interface Api {
  /** Sends a request; resolves with the status and the parsed JSON (or text) answer. */
  call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T; headers: Headers }>
  /** GET expecting 200; throws with the answer otherwise. */
  get<T = unknown>(path: string): Promise<T>
}

/** An API client of `server` signed in as `session`. */
export function apiFor(server: TestServer, session: TestSession): Api {
  const call = async <T>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${session.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await response.text()
    const type = response.headers.get('content-type') ?? ''
    return {
      status: response.status,
      body: (type.includes('json') ? JSON.parse(text) : text) as T,
      headers: response.headers,
    }
  }
  return {
    call,
    async get<T>(path: string) {
      const answer = await call<T>('GET', path)
      if (answer.status !== 200)
        throw new Error(`GET ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`)
      return answer.body
    },
  }
}

/** A version as the API answers it. */
export interface ApiVersion {
  id: number
  seq: number
  kind: string
  name?: string
  createdAt: string
  createdBy: string
  authors: Array<{ user: string; sections: string[] }>
}
