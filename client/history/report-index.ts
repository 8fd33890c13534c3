import type { Language } from '../../schema/languages.ts'
import type { Actor, NodeJSON, Report } from '../../schema/report.ts'
import { tableKinds } from '../../schema/table-kinds.ts'
import { t, uiLanguage } from '../i18n/locale.ts'

/** Where a table row sits: its table's kind and its 1-based position in that table. */
interface RowPlace {
  readonly kind: string
  readonly number: number
}

/**
 * What the history, diff and translation pages need to label things: section headings, actor
 * acronyms, and table rows by number with their column headings, read from one or more versions
 * of the report (the first one that knows an id wins).
 */
export class ReportIndex {
  private readonly _sections = new Map<string, { heading: { es: string; en: string }; actor?: string }>()
  private readonly _actors = new Map<string, Actor>()
  private readonly _rows = new Map<string, RowPlace>()
  private readonly _texts = new Map<string, string>()
  /** Section ids of the first report, in reading order. */
  readonly sectionIds: readonly string[]

  /** Index `reports` (newest or most relevant first). */
  constructor(reports: readonly Report[]) {
    this.sectionIds = reports[0]?.sections.map((section) => section.id) ?? []
    for (const report of reports) {
      for (const actor of report.actors) if (!this._actors.has(actor.id)) this._actors.set(actor.id, actor)
      for (const section of report.sections) {
        if (!this._sections.has(section.id))
          this._sections.set(section.id, {
            heading: section.heading,
            ...(section.actor ? { actor: section.actor } : {}),
          })
        for (const language of ['es', 'en'] as const) {
          this._indexRows(section[language])
          this._indexTexts(`${section.id}\u0000${language}`, section[language])
        }
      }
    }
  }

  private _indexRows(node: NodeJSON): void {
    if (node.type === 'report_table') {
      const kind = String(node.attrs?.['kind'] ?? '')
      ;(node.content ?? []).forEach((row, index) => {
        const id = row.attrs?.['id']
        if (typeof id === 'string' && !this._rows.has(id)) this._rows.set(id, { kind, number: index + 1 })
      })
      return
    }
    for (const child of node.content ?? []) this._indexRows(child)
  }

  // Textblocks (paragraphs, headings) by id: the text a diff shows beside the side that changed.
  private _indexTexts(prefix: string, node: NodeJSON): void {
    const id = node.attrs?.['id']
    if ((node.type === 'paragraph' || node.type === 'heading') && typeof id === 'string') {
      const key = `${prefix}\u0000${id}`
      if (!this._texts.has(key)) this._texts.set(key, textOf(node))
      return
    }
    for (const child of node.content ?? []) this._indexTexts(prefix, child)
  }

  /** The text of a textblock of a section in a language, if some indexed version holds it. */
  blockText(sectionId: string, language: Language, blockId: string): string | undefined {
    return this._texts.get(`${sectionId}\u0000${language}\u0000${blockId}`)
  }

  /** The heading of a section in `language` (the other language, then the id, when empty). */
  heading(sectionId: string, language: Language = uiLanguage()): string {
    const heading = this._sections.get(sectionId)?.heading
    return heading?.[language] || heading?.[language === 'es' ? 'en' : 'es'] || sectionId
  }

  /** The actor id of a section, if it is an actor section. */
  actorOf(sectionId: string): string | undefined {
    return this._sections.get(sectionId)?.actor
  }

  /** The acronym of an actor in `language`, or the id when unknown. */
  acronym(actorId: string, language: Language = uiLanguage()): string {
    return this._actors.get(actorId)?.acronym[language] || actorId
  }

  /** The actors known, in registry order. */
  actors(): Actor[] {
    return [...this._actors.values()]
  }

  /** A short label for a section: the actor's acronym, or the heading; `*` means the report's own data. */
  sectionLabel(sectionId: string): string {
    if (sectionId === '*') return t('reportDetails')
    const actor = this.actorOf(sectionId)
    return actor ? this.acronym(actor) : this.heading(sectionId)
  }

  /** "Row 2 · Executed activities" for a block inside a table, or '' outside tables. */
  placeLabel(row: string | undefined, column: string | undefined): string {
    if (row === undefined) return ''
    const place = this._rows.get(row)
    const heading =
      place && column ? tableKinds[place.kind]?.columns.find((c) => c.id === column)?.heading[uiLanguage()] : undefined
    return t('rowCell', { row: place ? String(place.number) : '?', column: heading ?? column ?? '' })
  }
}

function textOf(node: NodeJSON): string {
  if (typeof node.text === 'string') return node.text
  if (node.type === 'hard_break') return '\n'
  return (node.content ?? []).map(textOf).join('')
}

/** A date and time in the interface language. */
export function formatDate(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(uiLanguage() === 'es' ? 'es-ES' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date)
}
