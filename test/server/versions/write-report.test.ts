import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import type { Report } from '../../../schema/report.ts'
import { reportToYDoc, yDocToReport } from '../../../schema/ydoc.ts'
import { writeReportInto } from '../../../server/versions/write-report.ts'
import { versionsReport } from './versions-fixtures.ts'

/** `report` with its outline, meta, actors and one body changed, as a later state would be. */
function edited(report: Report): Report {
  const [background, iom] = report.sections
  return {
    ...report,
    meta: { ...report.meta, title: { es: 'Título nuevo', en: 'New title' }, status: 'published', symbol: 'CP/CAJP-1' },
    actors: [
      report.actors[0]!,
      { id: 'unhcr', name: { es: 'ACNUR', en: 'UNHCR' }, acronym: { es: 'ACNUR', en: 'UNHCR' } },
    ],
    sections: [
      { ...iom!, heading: { es: 'OIM (revisado)', en: 'IOM (revised)' } },
      {
        ...background!,
        en: {
          type: 'doc',
          content: [{ type: 'paragraph', attrs: { id: 'b1' }, content: [{ type: 'text', text: 'Changed later' }] }],
        },
      },
      {
        id: 'unhcr',
        kind: 'actor',
        actor: 'unhcr',
        heading: { es: 'ACNUR', en: 'UNHCR' },
        groups: [],
        es: {
          type: 'doc',
          content: [{ type: 'paragraph', attrs: { id: 'u1' }, content: [{ type: 'text', text: 'ACNUR' }] }],
        },
        en: {
          type: 'doc',
          content: [{ type: 'paragraph', attrs: { id: 'u1' }, content: [{ type: 'text', text: 'UNHCR' }] }],
        },
      },
    ],
  }
}

describe('Writing an old report into the live doc (restore)', () => {
  it('brings back the bodies, outline, meta and actors, leaves the status, and changes nothing more than needed', () => {
    const old = versionsReport()
    const doc = reportToYDoc(edited(old))
    const changedRoots = new Set<string>()
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      for (const type of transaction.changed.keys()) {
        let root = type
        while (root._item !== null) root = root._item.parent as typeof root
        for (const [name, shared] of doc.share) if (shared === root) changedRoots.add(name)
      }
    })
    writeReportInto(doc, old)
    const restored = yDocToReport(doc, old.id)
    expect(restored).toEqual({ ...old, meta: { ...old.meta, status: 'published' } })
    // The Spanish bodies of background and iom were equal already: untouched.
    expect([...changedRoots].sort()).toEqual(
      ['actors', 'en/background', 'en/unhcr', 'es/ilo', 'en/ilo', 'es/unhcr', 'meta', 'sections'].sort(),
    )
    expect(doc.getXmlFragment('es/unhcr').length).toBe(0)
  })

  it('changes nothing when the report is already the same', () => {
    const report = versionsReport()
    const doc = reportToYDoc(report)
    let transactionsWithChanges = 0
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.changed.size > 0) transactionsWithChanges++
    })
    writeReportInto(doc, report)
    expect(transactionsWithChanges).toBe(0)
    expect(yDocToReport(doc, report.id)).toEqual(report)
  })
})
