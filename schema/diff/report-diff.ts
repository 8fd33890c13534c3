import type { Bilingual } from '../languages.ts'
import type { DocJSON, Report, Section } from '../report.ts'
import { diffBodies, type BlockChange, type BodyDiff } from './body-diff.ts'

/** Which languages of a section changed: the first thing a bilingual reviewer wants to know. */
export type ChangedLanguages = 'both' | 'es-only' | 'en-only'

/** A changed block id with its change on each side, for a side-by-side row. */
export interface BlockPair {
  readonly id: string
  readonly es?: BlockChange
  readonly en?: BlockChange
}

/** The changes of one section between two versions. */
export interface SectionDiff {
  readonly id: string
  readonly kind: Section['kind']
  readonly actor?: string
  /** The heading now (or, for a removed section, as it was). */
  readonly heading: Bilingual
  /** `added` or `removed` when the section itself appeared or disappeared. */
  readonly change: 'changed' | 'added' | 'removed'
  readonly es: BodyDiff
  readonly en: BodyDiff
  readonly translation: ChangedLanguages
  /** Changed blocks by id, Spanish and English together, in reading order. */
  readonly pairs: readonly BlockPair[]
}

/** The differences between two versions of a report: one entry per changed section. */
export interface ReportDiff {
  readonly sections: readonly SectionDiff[]
}

const emptyDoc: DocJSON = { type: 'doc', content: [] }

function pairsOf(es: BodyDiff, en: BodyDiff): BlockPair[] {
  const pairs = new Map<string, { id: string; es?: BlockChange; en?: BlockChange }>()
  for (const change of es.blocks) pairs.set(change.id, { id: change.id, es: change })
  for (const change of en.blocks) pairs.set(change.id, { ...(pairs.get(change.id) ?? { id: change.id }), en: change })
  return [...pairs.values()]
}

function sectionDiff(before: Section | undefined, after: Section | undefined): SectionDiff | null {
  const section = (after ?? before)!
  const es = diffBodies(before?.es ?? emptyDoc, after?.es ?? emptyDoc)
  const en = diffBodies(before?.en ?? emptyDoc, after?.en ?? emptyDoc)
  const renamed = before && after && (before.heading.es !== after.heading.es || before.heading.en !== after.heading.en)
  if (before && after && !es.changed && !en.changed && !renamed) return null
  const esChanged = es.changed || (renamed && before.heading.es !== after.heading.es)
  const enChanged = en.changed || (renamed && before.heading.en !== after.heading.en)
  return {
    id: section.id,
    kind: section.kind,
    ...(section.actor !== undefined ? { actor: section.actor } : {}),
    heading: section.heading,
    change: !before ? 'added' : !after ? 'removed' : 'changed',
    es,
    en,
    translation: esChanged && enChanged ? 'both' : esChanged ? 'es-only' : 'en-only',
    pairs: pairsOf(es, en),
  }
}

/**
 * The differences between two versions of a report, section by section (matched by section id)
 * and block by block. Unchanged sections are left out; sections come in the newer reading order,
 * with removed ones after.
 */
export function diffReports(before: Report, after: Report): ReportDiff {
  const beforeById = new Map(before.sections.map((section) => [section.id, section]))
  const afterIds = new Set(after.sections.map((section) => section.id))
  const sections: SectionDiff[] = []
  for (const section of after.sections) {
    const diff = sectionDiff(beforeById.get(section.id), section)
    if (diff) sections.push(diff)
  }
  for (const section of before.sections) {
    if (!afterIds.has(section.id)) sections.push(sectionDiff(section, undefined)!)
  }
  return { sections }
}
