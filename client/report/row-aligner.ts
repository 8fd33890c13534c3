import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { ReadingLayout } from './reading-layout.ts'

/** What a row aligner reads from its host, a `<section-row>`. */
export interface RowAlignerHost extends ReactiveControllerHost, HTMLElement {
  /** The section id, reflected as `section-id`: the rules the aligner writes are scoped by it. */
  readonly sectionId: string
  /** The layout shown: rows are aligned only side by side. */
  readonly layout: ReadingLayout
}

/**
 * How far around the screen a section is kept aligned. Rows further away are skipped by the
 * browser (`content-visibility: auto`); measuring them would lay them out, which is what skipping
 * saves (remote edits to far sections must stay cheap). They are aligned as they come near.
 */
const nearScreen = '50% 0px'

function escaped(value: string): string {
  return `"${CSS.escape(value)}"`
}

/** A selector of `table` (a table view's outer element) in the `language` pane of the section `scope`. */
function tableSelector(scope: string, language: string, table: HTMLElement): string {
  const place = [...table.parentElement!.children].indexOf(table) + 1
  return `${scope} .pane-${language} .ProseMirror > .report-table:nth-child(${place})`
}

function height(element: Element): number {
  return element.getBoundingClientRect().height
}

/**
 * Keeps each table row of a section's Spanish body level with the same row (same block id) of its
 * English body, side by side: the shorter row gets the taller one's height, the column headings
 * likewise, and the higher of two tables is moved down to the other's top (by padding in its
 * scroll container: a margin would collapse with the paragraph's above it).
 *
 * The heights are written as CSS rules in a stylesheet of this section, never as attributes of the
 * editors' DOM: ProseMirror reads any change of its DOM as an edit to parse. Each pass empties the
 * sheet, reads every row's natural height in one layout, and writes the new rules, in one frame.
 * Passes run after any change of either body's DOM (typing, remote edits, decorations) and any
 * change of either pane's size (a narrower window, a switched layout, a taller row); they are
 * batched to one per frame. Only screen rules: printed columns are of other widths.
 */
export class RowAligner implements ReactiveController {
  private readonly _sheet = new CSSStyleSheet()
  private _mutations: MutationObserver | null = null
  private _sizes: ResizeObserver | null = null
  private _nearness: IntersectionObserver | null = null
  private _observed: readonly Element[] = []
  private _near = false
  private _dirty = true
  private _frame = 0

  /** Attach to `host`. */
  constructor(private readonly _host: RowAlignerHost) {
    _host.addController(this)
  }

  /** Start observing the section. */
  hostConnected(): void {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, this._sheet]
    this._mutations = new MutationObserver(() => this.schedule())
    this._sizes = new ResizeObserver(() => this.schedule())
    this._nearness = new IntersectionObserver(
      (entries) => {
        this._near = entries.some((entry) => entry.isIntersecting)
        if (this._near && this._dirty) this.schedule()
      },
      { rootMargin: nearScreen },
    )
    this._nearness.observe(this._host)
  }

  /** Observe the panes once rendered, and align again: the layout may have changed. */
  hostUpdated(): void {
    const panes = [...this._host.querySelectorAll(':scope .pane')]
    if (panes.length !== this._observed.length || panes.some((pane, i) => pane !== this._observed[i])) {
      this._mutations?.disconnect()
      this._sizes?.disconnect()
      for (const pane of panes) {
        this._mutations?.observe(pane, { childList: true, subtree: true, characterData: true })
        this._sizes?.observe(pane)
      }
      this._observed = panes
    }
    this.schedule()
  }

  /** Stop observing and drop the rules. */
  hostDisconnected(): void {
    this._mutations?.disconnect()
    this._sizes?.disconnect()
    this._nearness?.disconnect()
    this._mutations = this._sizes = this._nearness = null
    this._observed = []
    cancelAnimationFrame(this._frame)
    this._frame = 0
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== this._sheet)
  }

  /** Align at the next frame (once however often asked), or when the section comes near the screen. */
  schedule(): void {
    this._dirty = true
    if (!this._near || this._frame !== 0) return
    this._frame = requestAnimationFrame(() => {
      this._frame = 0
      this._align()
    })
  }

  private _align(): void {
    this._dirty = false
    const es = this._host.querySelector<HTMLElement>('.pane-es .ProseMirror')
    const en = this._host.querySelector<HTMLElement>('.pane-en .ProseMirror')
    if (this._host.layout !== 'both' || !es || !en) {
      this._write('')
      return
    }
    // Natural heights first: with the old rules in place every aligned row reads as tall as its pair.
    this._sheet.replaceSync('')
    const scope = `section-row[section-id=${escaped(this._host.sectionId)}]`
    const tablesEs = [...es.querySelectorAll<HTMLElement>(':scope > .report-table')]
    const tablesEn = [...en.querySelectorAll<HTMLElement>(':scope > .report-table')]
    const rules: string[] = []
    const pairs = Math.min(tablesEs.length, tablesEn.length)
    for (let i = 0; i < pairs; i++) {
      const tableEs = tablesEs[i]!
      const tableEn = tablesEn[i]!
      const headEs = tableEs.querySelector('thead tr')
      const headEn = tableEn.querySelector('thead tr')
      if (headEs && headEn) {
        const tallest = Math.max(height(headEs), height(headEn))
        rules.push(
          `${tableSelector(scope, 'es', tableEs)} thead tr, ${tableSelector(scope, 'en', tableEn)} thead tr { height: ${tallest}px }`,
        )
      }
      const rowsEn = new Map<string, Element>()
      for (const row of tableEn.querySelectorAll('tbody > tr[data-block-id]'))
        rowsEn.set(row.getAttribute('data-block-id')!, row)
      for (const rowEs of tableEs.querySelectorAll('tbody > tr[data-block-id]')) {
        const id = rowEs.getAttribute('data-block-id')!
        const rowEn = rowsEn.get(id)
        if (!rowEn) continue
        const tallest = Math.max(height(rowEs), height(rowEn))
        rules.push(
          `${scope} .pane-es tr[data-block-id=${escaped(id)}], ${scope} .pane-en tr[data-block-id=${escaped(id)}] { height: ${tallest}px }`,
        )
      }
    }
    // Then the tables' tops, in order: each one's offset depends on the heights above it.
    this._write(rules.join('\n'))
    for (let i = 0; i < pairs; i++) {
      const tableEs = tablesEs[i]!
      const tableEn = tablesEn[i]!
      const gap = tableEn.getBoundingClientRect().top - tableEs.getBoundingClientRect().top
      if (Math.abs(gap) < 0.5) continue
      const higher = gap > 0 ? tableEs : tableEn
      const language = gap > 0 ? 'es' : 'en'
      rules.push(`${tableSelector(scope, language, higher)} { padding-top: ${Math.abs(gap)}px }`)
      this._write(rules.join('\n'))
    }
  }

  private _write(rules: string): void {
    this._sheet.replaceSync(rules ? `@media screen { ${rules} }` : '')
  }
}
