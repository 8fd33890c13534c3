// The review dashboard's rows (`GET /api/reports/:id/review`): per section and language, the
// sign-off, the last change, translation progress, open comments and QA findings, read together
// from the live document and the translation records, so an editor sees what is left before
// publishing.

import type { DashboardSection, ReviewDashboard } from '../../schema/api/review.ts'
import { storedThreads } from '../../schema/comments.ts'
import type { Language } from '../../schema/languages.ts'
import { reviewOf } from '../../schema/review.ts'
import { translationOverview } from '../../schema/translation/overview.ts'
import type { ReportDocument } from '../collab/report-document.ts'
import type { BlockStateRecord, Storage } from '../storage/storage.ts'
import { recordsOf } from './block-records.ts'

type BodyChange = DashboardSection['lastChange']['es']

/**
 * The dashboard of `document` given its block records (`states`, current: the caller waited for
 * the translation tracker). A body's last change is the latest seq at which one of its blocks
 * changed; who and when come from that log entry, and are left out where compaction merged it.
 */
export async function reviewDashboard(
  storage: Storage,
  document: ReportDocument,
  states: readonly BlockStateRecord[],
): Promise<ReviewDashboard> {
  const report = document.report()
  const latest = new Map<string, number>()
  for (const state of states) {
    for (const [language, seq] of [
      ['es', state.esChangedAt],
      ['en', state.enChangedAt],
    ] as const) {
      const key = `${language}/${state.section}`
      if (seq > (latest.get(key) ?? 0)) latest.set(key, seq)
    }
  }
  const entries = new Map<number, { by: string; at: number }>()
  await Promise.all(
    [...new Set(latest.values())].map(async (seq) => {
      const [entry] = await storage.updatesBetween(report.id, seq - 1, seq)
      if (entry?.seq === seq) entries.set(seq, { by: entry.user, at: entry.time })
    }),
  )
  const changeOf = (language: Language, section: string): BodyChange => {
    const seq = latest.get(`${language}/${section}`)
    return seq === undefined ? null : { seq, ...entries.get(seq) }
  }
  const translation = new Map(translationOverview(report, recordsOf(states)).map((entry) => [entry.id, entry]))
  const threads = storedThreads(document.doc)
  const sections = report.sections.map((section): DashboardSection => {
    const blocks = translation.get(section.id)?.blocks ?? []
    const open = (language: Language) =>
      threads.filter((thread) => thread.section === section.id && thread.lang === language && !thread.resolved).length
    return {
      id: section.id,
      kind: section.kind,
      ...(section.actor !== undefined && { actor: section.actor }),
      heading: { es: section.heading.es, en: section.heading.en },
      review: { es: reviewOf(document.doc, 'es', section.id), en: reviewOf(document.doc, 'en', section.id) },
      lastChange: { es: changeOf('es', section.id), en: changeOf('en', section.id) },
      translation: { pairs: blocks.length, inStep: blocks.filter((block) => block.status === 'in-step').length },
      comments: {
        es: open('es'),
        en: open('en'),
        resolved: threads.filter((thread) => thread.section === section.id && thread.resolved).length,
      },
      findings: blocks.reduce((sum, block) => sum + block.findings.length, 0),
    }
  })
  return { seq: document.lastSeq, sections }
}
