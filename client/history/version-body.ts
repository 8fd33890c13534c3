import { LitElement, type PropertyValues } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { EditorState } from 'prosemirror-state'
import { EditorView } from 'prosemirror-view'
import type { Language } from '../../schema/languages.ts'
import { schema } from '../../schema/prosemirror-schema.ts'
import type { DocJSON } from '../../schema/report.ts'
import { nbspBreaks } from '../editor/nbsp-breaks.ts'
import { tableKeyboardScroll } from '../editor/table-keyboard-scroll.ts'
import { ReportTableView } from '../editor/table-view.ts'

/**
 * One section body of a past version in a read-only ProseMirror view: the same rendering as the
 * editor (tables with headings in the pane's language) but no Yjs, no provider, no editing.
 */
@customElement('version-body')
export class VersionBody extends LitElement {
  /** The body as ProseMirror JSON. */
  @property({ attribute: false }) doc: DocJSON | null = null
  /** The body's language (table headings follow it). */
  @property({ type: String, reflect: true }) language: Language = 'es'
  /** Accessible name of the text area. */
  @property({ type: String }) label = ''

  private _view: EditorView | null = null

  override createRenderRoot(): HTMLElement {
    return this
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('doc') || changed.has('language')) this._build()
    this._view?.dom.setAttribute('aria-label', this.label)
  }

  private _build(): void {
    this._view?.destroy()
    this._view = null
    if (!this.doc) return
    const language = this.language
    this._view = new EditorView(this, {
      state: EditorState.create({ doc: schema.nodeFromJSON(this.doc), plugins: [nbspBreaks(), tableKeyboardScroll()] }),
      editable: () => false,
      nodeViews: { report_table: (node) => new ReportTableView(node, language) },
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-readonly': 'true',
        lang: language,
        class: 'version-text',
      },
    })
  }

  override disconnectedCallback(): void {
    this._view?.destroy()
    this._view = null
    super.disconnectedCallback()
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'version-body': VersionBody
  }
}
