import type { Language } from '../languages.ts'
import { checkPair, wordRatioOf, type QaFinding } from '../qa/pair-checks.ts'
import type { Report } from '../report.ts'
import { textUnits } from '../diff/text-units.ts'
import { pairStatus, statusPriority, type TranslationMark, type TranslationStatus } from './pair-status.ts'

/** What storage knows about one aligned pair's history, by section and block id. */
export interface PairRecord {
  readonly esChangedAt: number
  readonly enChangedAt: number
  readonly inStepAt: number
  /** The last mark a person set, if any. */
  readonly mark?: TranslationMark
}

/** The status of one aligned block pair, with its text and QA findings. */
export interface BlockTranslation {
  readonly id: string
  readonly status: TranslationStatus
  readonly mark?: TranslationMark
  readonly es: string
  readonly en: string
  /** The table row and column it sits in, when inside a table. */
  readonly row?: string
  readonly column?: string
  readonly findings: readonly QaFinding[]
  /** When the pair was last in step (a log position), the base of "what changed since". */
  readonly inStepAt: number
}

/** The status of one section and its blocks, outdated blocks first. */
export interface SectionTranslation {
  readonly id: string
  readonly actor?: string
  readonly status: TranslationStatus
  readonly blocks: readonly BlockTranslation[]
  /** How many blocks are in each status. */
  readonly counts: Readonly<Record<TranslationStatus, number>>
}

const noHistory: PairRecord = { esChangedAt: 0, enChangedAt: 0, inStepAt: 0 }

function emptyCounts(): Record<TranslationStatus, number> {
  return { 'in-step': 0, 'es-ahead': 0, 'en-ahead': 0, 'missing-es': 0, 'missing-en': 0 }
}

/**
 * Translation status of every section and aligned block of `report`, given what storage recorded
 * (`records(sectionId, blockId)`; unknown pairs count as in step since import). Sections and
 * blocks come outdated first, then in reading order. A section's status is its worst block's.
 * QA compares each pair's length with the report's own norm (`wordRatioOf`).
 */
export function translationOverview(
  report: Report,
  records: (sectionId: string, blockId: string) => PairRecord | undefined,
): SectionTranslation[] {
  const texts = report.sections.map((section) => {
    const text: Record<Language, Map<string, { text: string; row?: string; column?: string }>> = {
      es: new Map(),
      en: new Map(),
    }
    const ids: string[] = []
    for (const language of ['es', 'en'] as const) {
      for (const unit of textUnits(section[language]).units) {
        if (!text.es.has(unit.key) && !text.en.has(unit.key)) ids.push(unit.key)
        text[language].set(unit.key, {
          text: unit.text,
          ...(unit.row ? { row: unit.row } : {}),
          ...(unit.column ? { column: unit.column } : {}),
        })
      }
    }
    return { section, text, ids }
  })
  const wordRatio = wordRatioOf(
    texts.flatMap(({ text, ids }) =>
      ids.map((id) => ({ es: text.es.get(id)?.text ?? '', en: text.en.get(id)?.text ?? '' })),
    ),
  )
  const sections = texts.map(({ section, text, ids }, order) => {
    const counts = emptyCounts()
    const blocks = ids
      .map((id, index) => {
        const record = records(section.id, id) ?? noHistory
        const es = text.es.get(id)
        const en = text.en.get(id)
        const status = pairStatus({ es: es?.text ?? '', en: en?.text ?? '', ...record })
        counts[status]++
        const place = es ?? en
        const block: BlockTranslation = {
          id,
          status,
          ...(record.mark ? { mark: record.mark } : {}),
          es: es?.text ?? '',
          en: en?.text ?? '',
          ...(place?.row ? { row: place.row } : {}),
          ...(place?.column ? { column: place.column } : {}),
          findings: checkPair(es?.text ?? '', en?.text ?? '', { wordRatio }),
          inStepAt: record.inStepAt,
        }
        return { block, index }
      })
      .filter(({ block }) => block.es.trim() || block.en.trim())
      .sort((a, b) => statusPriority[a.block.status] - statusPriority[b.block.status] || a.index - b.index)
      .map(({ block }) => block)
    const status = blocks[0]?.status ?? 'in-step'
    return {
      order,
      translation: { id: section.id, ...(section.actor ? { actor: section.actor } : {}), status, blocks, counts },
    }
  })
  return sections
    .sort((a, b) => statusPriority[a.translation.status] - statusPriority[b.translation.status] || a.order - b.order)
    .map((s) => s.translation)
}
