import type { Node } from 'prosemirror-model'
import type { NodeView, ViewMutationRecord } from 'prosemirror-view'
import type { Language } from '../../schema/languages.ts'
import { tableKinds } from '../../schema/table-kinds.ts'
import { keepHeadInView, releaseHead } from './sticky-heads.ts'

/**
 * Renders a `report_table` as an HTML table whose column headings come from its table kind, in
 * the pane's language. The headings are not part of the document (they cannot be edited or drift
 * between languages); the rows are ProseMirror's content, in the `<tbody>`. The headings stay in
 * view while the table scrolls under the page's bars (`sticky-heads.ts`).
 */
export class ReportTableView implements NodeView {
  /** The outer element: a scroll container around the table. */
  readonly dom: HTMLElement
  /** The `<tbody>` ProseMirror renders the rows into. */
  readonly contentDOM: HTMLElement
  private readonly _table: HTMLTableElement
  private readonly _head: HTMLTableSectionElement
  private _kind = ''

  /** Render `node` with headings in `language`. */
  constructor(
    private _node: Node,
    private readonly _language: Language,
  ) {
    this.dom = document.createElement('div')
    this.dom.className = 'report-table'
    this._table = document.createElement('table')
    this._head = document.createElement('thead')
    this._head.contentEditable = 'false'
    this.contentDOM = document.createElement('tbody')
    this._table.append(this._head, this.contentDOM)
    this.dom.append(this._table)
    this._renderHead()
    keepHeadInView(this._table, this._head)
  }

  private _renderHead(): void {
    const kindId = this._node.attrs['kind'] as string
    if (kindId === this._kind) return
    this._kind = kindId
    const kind = tableKinds[kindId]
    this._table.dataset['tableKind'] = kindId
    this._table.setAttribute('aria-label', kind ? kind.name[this._language] : kindId)
    const row = document.createElement('tr')
    for (const column of kind?.columns ?? []) {
      const th = document.createElement('th')
      th.scope = 'col'
      th.dataset['column'] = column.id
      // A zero-width space after each slash lets long headings ("realizadas/ejecutadas") wrap there.
      th.textContent = column.heading[this._language].replace(/\//g, '/\u200b')
      row.append(th)
    }
    this._head.replaceChildren(row)
  }

  /** Accept updates of the same node type, re-rendering headings when the kind changed. */
  update(node: Node): boolean {
    if (node.type !== this._node.type) return false
    this._node = node
    this._renderHead()
    return true
  }

  /** Changes in the heading, and of the attributes of the containers around the rows, are ours, not the document's. */
  ignoreMutation(mutation: ViewMutationRecord): boolean {
    if (mutation.type === 'selection') return false
    if (mutation.type === 'attributes' && (mutation.target === this.dom || mutation.target === this._table)) return true
    return this._head.contains(mutation.target)
  }

  /** Stop moving the heading. */
  destroy(): void {
    releaseHead(this._table)
  }

  /** Clicks in the heading do not move the editor's selection. */
  stopEvent(event: Event): boolean {
    return event.target instanceof globalThis.Node && this._head.contains(event.target)
  }
}
