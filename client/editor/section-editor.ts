import { LitElement, html, nothing, type TemplateResult } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { Command } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import type { Language } from '../../schema/languages.ts'
import { schema } from '../../schema/prosemirror-schema.ts'
import { LocaleController, t } from '../i18n/locale.ts'
import { EditorController } from './editor-controller.ts'
import { bulletList, orderedList, redoCommand, toggleBold, toggleItalic, undoCommand } from './editor-plugins.ts'
import { linkIcon } from './icons.ts'
import { linkAtSelection, setLink } from './link-command.ts'
import { focusToolbar, rovingKeydown, settleRovingStop } from './roving-focus.ts'
import { ariaShortcut, shortcutText } from './shortcuts.ts'
import { addRowAfter, moveRow, removeRow, rowAtSelection } from './table-commands.ts'

/** The key, from the text, that moves the focus to the toolbar (the convention of web editors). */
const toolbarKey = 'Alt-F10'

/** The awareness `user` field every client publishes (interface of presence between browsers). */
export interface PresenceUser {
  readonly name: string
  readonly color: string
  /** The agency's actor id, for agency users. */
  readonly actor?: string
  /** The section the user is in now. */
  readonly section?: string
}

/** Fired when the editor gets the focus; `detail.sectionId` names its section. */
export type EditorFocusEvent = CustomEvent<{ sectionId: string; language: Language }>

/**
 * One section body in one language: a toolbar and a ProseMirror editor bound to the section's
 * Yjs fragment (y-prosemirror), read-only when the user may not edit it.
 *
 * @fires editor-focus - {EditorFocusEvent} when the editing area gets the focus
 */
@customElement('section-editor')
export class SectionEditor extends LitElement {
  /** The Yjs fragment of this section and language (`es/<id>` or `en/<id>`). */
  @property({ attribute: false }) fragment: Y.XmlFragment | null = null
  /** The report page's awareness, shared by every editor on the page. */
  @property({ attribute: false }) awareness: Awareness | null = null
  /** The section's id. */
  @property({ type: String, attribute: 'section-id', reflect: true }) sectionId = ''
  /** The body's language (reflected as `lang`, so the browser spell-checks in it). */
  @property({ type: String, reflect: true }) language: Language = 'es'
  /** Whether the user may edit this body. */
  @property({ type: Boolean, reflect: true }) editable = false
  /** Accessible name of the editing area. */
  @property({ type: String }) label = ''
  /** Acronym of an actor id in this pane's language, for the labels of remote cursors. */
  @property({ attribute: false }) acronymOf: (actorId: string) => string = (id) => id

  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: a Lit controller; it re-renders its host when the language changes
  private readonly _locale = new LocaleController(this)
  private readonly _editor = new EditorController(this, {
    cursorBuilder: (user, clientId) => this._buildCursor(user as PresenceUser, clientId),
    requestLink: (state, dispatch) => this._onLink(state, dispatch),
  })

  override createRenderRoot(): HTMLElement {
    return this
  }

  /** The element ProseMirror mounts into. */
  get mountPoint(): HTMLElement | null {
    return this.querySelector<HTMLElement>(':scope > .editor-mount')
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.addEventListener('focusin', this._onFocusIn)
    this.addEventListener('keydown', this._onKeyDown)
  }

  override disconnectedCallback(): void {
    this.removeEventListener('focusin', this._onFocusIn)
    this.removeEventListener('keydown', this._onKeyDown)
    super.disconnectedCallback()
  }

  private readonly _onFocusIn = (): void => {
    this.dispatchEvent(
      new CustomEvent('editor-focus', {
        detail: { sectionId: this.sectionId, language: this.language },
        bubbles: true,
        composed: true,
      }) satisfies EditorFocusEvent,
    )
  }

  /** The toolbar, once the editor exists and the body is editable. */
  private get _toolbar(): HTMLElement | null {
    return this.querySelector<HTMLElement>(':scope > [role=toolbar]')
  }

  /** Alt+F10 in the text goes to the toolbar; in the toolbar, arrows move and Escape goes back to the text. */
  private readonly _onKeyDown = (event: KeyboardEvent): void => {
    const toolbar = this._toolbar
    if (!toolbar || !(event.target instanceof Node)) return
    if (toolbar.contains(event.target)) {
      if (event.key === 'Escape') {
        event.preventDefault()
        this._editor.view?.focus()
      } else rovingKeydown(event, toolbar)
    } else if (event.altKey && event.key === 'F10' && this.mountPoint?.contains(event.target)) {
      if (focusToolbar(toolbar)) event.preventDefault()
    }
  }

  protected override updated(): void {
    const toolbar = this._toolbar
    if (toolbar) settleRovingStop(toolbar)
  }

  private _buildCursor(user: PresenceUser, clientId: number): HTMLElement {
    const caret = document.createElement('span')
    caret.className = 'remote-cursor'
    caret.style.borderColor = user.color
    caret.dataset['clientId'] = String(clientId)
    const label = document.createElement('span')
    label.className = 'remote-cursor-label'
    label.style.backgroundColor = user.color
    label.textContent = user.actor ? `${user.name} · ${this.acronymOf(user.actor)}` : user.name
    caret.append(label)
    return caret
  }

  private _onLink(...[state, dispatch]: Parameters<Command>): boolean {
    if (!this.editable) return false
    const answer = window.prompt(t('linkPrompt'), linkAtSelection(state))
    if (answer === null) return true
    if (!setLink(answer)(state, dispatch)) window.alert(t('badLink'))
    return true
  }

  /**
   * The range of this body (ProseMirror positions) that the page's `selection` covers, or null when
   * it is empty or not within this body. Read from the DOM, so it works in a read-only body too,
   * where ProseMirror keeps no selection of its own.
   */
  rangeOf(selection: Selection): { readonly from: number; readonly to: number } | null {
    const view = this._editor.view
    const { anchorNode, focusNode } = selection
    if (
      !view ||
      selection.isCollapsed ||
      !anchorNode ||
      !focusNode ||
      !view.dom.contains(anchorNode) ||
      !view.dom.contains(focusNode)
    )
      return null
    try {
      const anchor = view.posAtDOM(anchorNode, selection.anchorOffset)
      const head = view.posAtDOM(focusNode, selection.focusOffset)
      return anchor === head ? null : { from: Math.min(anchor, head), to: Math.max(anchor, head) }
    } catch {
      return null
    }
  }

  private _run(command: Command): void {
    const view = this._editor.view
    if (!view || !this.editable) return
    command(view.state, view.dispatch, view)
    view.focus()
  }

  /**
   * A toolbar button: named `label` for screen readers, its shortcut (a ProseMirror key name of
   * the editor's keymap) announced as `aria-keyshortcuts` and shown in its tooltip.
   */
  private _button(
    label: string,
    keys: string,
    text: string | TemplateResult,
    command: Command,
    className = '',
    active = false,
  ): TemplateResult {
    const view = this._editor.view
    const enabled = view !== null && command(view.state)
    return html`<button type="button" class=${className} aria-label=${label} aria-keyshortcuts=${ariaShortcut(keys)}
      title=${t('withShortcut', { name: label, keys: shortcutText(keys) })} aria-pressed=${className.startsWith('mark') ? String(active) : nothing}
      ?disabled=${!enabled} @mousedown=${(e: MouseEvent) => e.preventDefault()} @click=${() => this._run(command)}>${text}</button>`
  }

  private _renderToolbar(): TemplateResult | typeof nothing {
    if (!this.editable) return nothing
    const view = this._editor.view
    // Before the editor exists (the first render of a report's 32 bodies), the toolbar is one
    // hidden button holding its height: its buttons are made by the render that follows the
    // editor's first frame (`EditorController`), after the report is on screen instead of before
    // (≈ 75 ms less to the opened report, docs/performance.md › open-report).
    const buttons = view
      ? this._toolbarButtons(view)
      : html`<button type="button" class="toolbar-placeholder" aria-hidden="true" tabindex="-1" disabled>B</button>`
    return html`<div class="toolbar" role="toolbar" aria-label=${t('toolbar', { pane: this.label })}
      aria-keyshortcuts=${ariaShortcut(toolbarKey)} title=${t('toolbarKeys')}>${buttons}</div>`
  }

  private _toolbarButtons(view: EditorView): TemplateResult {
    const marks = view.state.storedMarks ?? view.state.selection.$from.marks()
    const isActive = (name: string): boolean => marks.some((mark) => mark.type === schema.marks[name])
    const inRow = rowAtSelection(view.state) !== null
    const linkCommand: Command = (state, dispatch) => (dispatch ? this._onLink(state, dispatch) : true)
    return html`
      ${this._button(t('bold'), 'Mod-b', 'B', toggleBold, 'mark-strong', isActive('strong'))}
      ${this._button(t('italic'), 'Mod-i', 'I', toggleItalic, 'mark-em', isActive('em'))}
      ${this._button(t('link'), 'Mod-k', linkIcon, linkCommand, 'mark-link', isActive('link'))}
      ${this._button(t('bulletList'), 'Shift-Mod-8', '•', bulletList)}
      ${this._button(t('orderedList'), 'Shift-Mod-9', '1.', orderedList)}
      ${this._button(t('undo'), 'Mod-z', '↶', undoCommand, 'undo')}
      ${this._button(t('redo'), 'Mod-y', '↷', redoCommand, 'redo')}
      ${
        inRow
          ? html`<span class="row-tools">
            ${this._button(t('addRow'), 'Mod-Enter', '+ ▭', addRowAfter, 'add-row')}
            ${this._button(t('removeRow'), 'Shift-Mod-Backspace', '− ▭', removeRow, 'remove-row')}
            ${this._button(t('moveRowUp'), 'Alt-ArrowUp', '↑', moveRow(-1), 'move-row-up')}
            ${this._button(t('moveRowDown'), 'Alt-ArrowDown', '↓', moveRow(1), 'move-row-down')}
          </span>`
          : nothing
      }`
  }

  override render(): TemplateResult {
    return html`${this._renderToolbar()}<div class="editor-mount"></div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'section-editor': SectionEditor
  }
}
