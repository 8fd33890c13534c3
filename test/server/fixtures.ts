// A small hand-made report for server tests: one narrative section and two actor sections.

import type { DocJSON, Report } from '../../schema/report.ts'

function body(id: string, text: string): DocJSON {
  return { type: 'doc', content: [{ type: 'paragraph', attrs: { id }, content: [{ type: 'text', text }] }] }
}

/** A report with sections `background` (narrative), `iom` (actor iom) and `ilo` (actor ilo). */
export function testReport(id = 'test-report'): Report {
  const actor = (actorId: string, acronym: string) => ({
    id: actorId,
    name: { es: acronym, en: acronym },
    acronym: { es: acronym, en: acronym },
  })
  return {
    id,
    meta: {
      title: { es: 'Informe de prueba', en: 'Test report' },
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
        es: body('b1', 'Texto inicial'),
        en: body('b1', 'Initial text'),
      },
      {
        id: 'iom',
        kind: 'actor',
        actor: 'iom',
        heading: { es: 'OIM', en: 'IOM' },
        groups: [],
        es: body('i1', 'Actividades de la OIM'),
        en: body('i1', 'IOM activities'),
      },
      {
        id: 'ilo',
        kind: 'actor',
        actor: 'ilo',
        heading: { es: 'OIT', en: 'ILO' },
        groups: [],
        es: body('o1', 'Actividades de la OIT'),
        en: body('o1', 'ILO activities'),
      },
    ],
  }
}
