import { EditorState } from 'prosemirror-state'
import { EditorView } from 'prosemirror-view'
import { initProseMirrorDoc, ySyncPluginKey } from 'y-prosemirror'
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import type { Language } from '../../schema/languages.ts'
import { schema } from '../../schema/prosemirror-schema.ts'
import { editorPlugins, type EditorPluginOptions } from './editor-plugins.ts'
import { ReportTableView } from './table-view.ts'

/** What an editor controller reads from its host element. */
export interface EditorHost extends ReactiveControllerHost {
  /** The element ProseMirror mounts into, once rendered. */
  readonly mountPoint: HTMLElement | null
  /** The fragment to edit; the editor is created once it is set. */
  readonly fragment: Y.XmlFragment | null
  /** The page's awareness. */
  readonly awareness: Awareness | null
  /** The pane's language: table headings are rendered in it. */
  readonly language: Language
  /** Whether the user may edit. */
  readonly editable: boolean
  /** The accessible label of the editing area. */
  readonly label: string
}

/**
 * Owns one ProseMirror EditorView bound to a Yjs fragment: creates it after the host first
 * rendered its mount point, keeps `editable` in step with the host, destroys it when the host
 * leaves the page.
 */
export class EditorController implements ReactiveController {
  /** The editor, while the host is connected and its fragment is set. */
  view: EditorView | null = null
  private _boundTo: Y.XmlFragment | null = null
  private _refreshPending = false

  /** Attach to `host`; `options` supplies what only the host knows (cursor rendering, link prompt). */
  constructor(
    private readonly _host: EditorHost,
    private readonly _options: Pick<EditorPluginOptions, 'cursorBuilder' | 'requestLink'>,
  ) {
    _host.addController(this)
  }

  /** Make sure an update follows a reconnection, so the view is recreated. */
  hostConnected(): void {
    this._host.requestUpdate()
  }

  /** Create the view when possible, or refresh its editable state and label. */
  hostUpdated(): void {
    const { mountPoint, fragment, awareness } = this._host
    if (this.view && this._boundTo !== fragment) this._destroy()
    if (!this.view && mountPoint && fragment && awareness) {
      this._create(mountPoint, fragment, awareness)
      return
    }
    if (this.view && this.view.editable !== this._host.editable) this.view.setProps({})
    // Only when it changed: the host re-renders its toolbar on every keystroke, and ProseMirror
    // reads every attribute change on its element as a DOM change to parse.
    if (this.view && this.view.dom.getAttribute('aria-label') !== this._host.label)
      this.view.dom.setAttribute('aria-label', this._host.label)
  }

  /** Destroy the view. */
  hostDisconnected(): void {
    this._destroy()
  }

  private _create(mount: HTMLElement, fragment: Y.XmlFragment, awareness: Awareness): void {
    const host = this._host
    const refreshSoon = (): void => this._refreshHostSoon()
    // The document is built once, straight from the fragment, with the mapping y-prosemirror
    // keeps; the view then renders it once (see `syncPlugin` in editor-plugins.ts).
    const { doc, mapping } = initProseMirrorDoc(fragment, schema)
    const state = EditorState.create({
      schema,
      doc,
      plugins: editorPlugins({ fragment, awareness, mapping, canEdit: () => host.editable, ...this._options }),
    })
    const view = new EditorView(mount, {
      state,
      editable: () => host.editable,
      attributes: () => ({
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': host.label,
        'aria-readonly': String(!host.editable),
        lang: host.language,
        spellcheck: 'true',
      }),
      nodeViews: { report_table: (node) => new ReportTableView(node, host.language) },
      // A plain function: y-prosemirror dispatches while the view is still being constructed, and
      // ProseMirror calls this with `this` bound to the view.
      dispatchTransaction(this: EditorView, tr) {
        // y-prosemirror dispatches queued cursor updates on a timeout, which can fire after the
        // view was destroyed (leaving the report page in the app); there is nothing to update then.
        if (this.isDestroyed) return
        this.updateState(this.state.apply(tr))
        // The toolbar shows what applies at the selection (row buttons, active marks). Remote
        // changes (y-prosemirror's meta) only move the selection of an editor the user is not in,
        // so they re-render nothing there.
        const remote = (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true
        if ((tr.selectionSet || tr.docChanged || tr.storedMarksSet) && (!remote || this.hasFocus())) refreshSoon()
      },
    })
    this.view = view
    this._boundTo = fragment
    // The toolbar was rendered before the view existed (all buttons off): render it for the view.
    if (host.editable) refreshSoon()
  }

  /**
   * Re-render the host (its toolbar) once the next frame is painted, once for any number of
   * transactions before it: the typed character is painted without waiting for the toolbar, and
   * opening a report paints its 32 editors before their toolbars are brought up to date.
   */
  private _refreshHostSoon(): void {
    if (this._refreshPending) return
    this._refreshPending = true
    requestAnimationFrame(() =>
      setTimeout(() => {
        this._refreshPending = false
        this._host.requestUpdate()
      }, 0),
    )
  }

  private _destroy(): void {
    this.view?.destroy()
    this.view = null
    this._boundTo = null
  }
}
