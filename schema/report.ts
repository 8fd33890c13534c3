import type { Bilingual, Language } from './languages.ts'

/** ProseMirror JSON of one node, as `Node.toJSON()` produces it. */
export interface NodeJSON {
  readonly type: string
  readonly attrs?: Readonly<Record<string, unknown>>
  readonly content?: readonly NodeJSON[]
  readonly text?: string
  readonly marks?: ReadonlyArray<{ readonly type: string; readonly attrs?: Readonly<Record<string, unknown>> }>
}

/** ProseMirror JSON of a section body in one language (a `doc` node). */
export interface DocJSON extends NodeJSON {
  readonly type: 'doc'
}

/** The kinds of report the product holds. */
export const reportKinds = ['annual-report', 'work-plan'] as const

/** A kind of report. */
export type ReportKind = (typeof reportKinds)[number]

/** The publication status of a report. */
export const reportStatuses = ['draft', 'in-review', 'published'] as const

/** A report status. */
export type ReportStatus = (typeof reportStatuses)[number]

/** What a report says about itself: titles, kind, status and the front matter of the original. */
export interface ReportMeta {
  readonly title: Bilingual
  readonly kind: ReportKind
  readonly status: ReportStatus
  /** The document symbol, such as `CP/CAJP-3035/12 add. 4 rev. 2`; empty when unknown. */
  readonly symbol: string
  /** The cover page and front matter of each original, as plain lines; empty when it had none. */
  readonly front: Bilingual
}

/** An organ, agency or entity that reports in its own section. */
export interface Actor {
  /** Lowercase slug of the English acronym or short name: `iachr`, `iom`, … */
  readonly id: string
  readonly name: Bilingual
  readonly acronym: Bilingual
}

/** The kinds of section: running text, or one actor's table. */
export const sectionKinds = ['narrative', 'actor'] as const

/** A kind of section. */
export type SectionKind = (typeof sectionKinds)[number]

/** One section of a report: a heading and a body in each language. */
export interface Section {
  /** Stable slug, unique in the report; the actor id for actor sections. */
  readonly id: string
  readonly kind: SectionKind
  /** The actor this section belongs to (actor sections only). */
  readonly actor?: string
  readonly heading: Bilingual
  /** The group headings this section sits under, outermost first (may be empty). */
  readonly groups: readonly Bilingual[]
  readonly es: DocJSON
  readonly en: DocJSON
}

/** A bilingual report: the unit of collaboration, one Y.Doc. */
export interface Report {
  /** Stable slug of the report. */
  readonly id: string
  readonly meta: ReportMeta
  /** The actors registry of this report. */
  readonly actors: readonly Actor[]
  /** The sections in reading order. */
  readonly sections: readonly Section[]
}

/** The body of `section` in `language`. */
export function sectionBody(section: Section, language: Language): DocJSON {
  return language === 'es' ? section.es : section.en
}
