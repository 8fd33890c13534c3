import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { closeForbidden, closeNotFound, closeUnauthorized } from '../../schema/close-codes.ts'
import { languages } from '../../schema/languages.ts'
import type { Actor, ReportMeta, Section } from '../../schema/report.ts'
import { approvedBodies } from '../../schema/review.ts'
import { actorsOf, metaOf, reviewKey, sectionFragment, sectionsOf } from '../../schema/ydoc.ts'
import type { User } from '../app/api.ts'
import { onLinkClick } from '../app/router.ts'
import type { EditorFocusEvent, SectionEditor } from '../editor/section-editor.ts'
import { LocaleController, t, uiLanguage } from '../i18n/locale.ts'
import { CollabController } from './collab-controller.ts'
import './connection-status.ts'
import './layout-switch.ts'
import type { LayoutChangeEvent } from './layout-switch.ts'
import { sectionPermission, type SectionPermission } from './permissions.ts'
import { peersBySection, peersOf, type Peer } from './presence.ts'
import { saveReadingLayout, savedReadingLayout, type ReadingLayout } from './reading-layout.ts'
import './report-outline.ts'
import type { JumpEvent } from './report-outline.ts'
import './section-row.ts'
import '../review/comments-panel.ts'
import { previousVisit } from '../review/last-visit.ts'
import { getReviewDashboard } from '../review/review-api.ts'
import type { CommentTarget } from '../review/comments-panel.ts'
import type { SectionRow } from './section-row.ts'

/** No one else here: one shared empty list, so rows without people are not re-rendered for a new `[]`. */
const nobody: readonly Peer[] = Object.freeze([])

/** True when two lists of people say the same (same clients, names, colours, actors, sections). */
function samePeers(a: readonly Peer[], b: readonly Peer[]): boolean {
  return (
    a.length === b.length &&
    a.every((peer, i) => {
      const other = b[i]!
      return (
        peer.clientId === other.clientId &&
        peer.user.name === other.user.name &&
        peer.user.color === other.user.color &&
        peer.user.actor === other.user.actor &&
        peer.user.section === other.user.section
      )
    })
  )
}

/** What the page shows besides its properties: the collaboration state and the interface language. */
function shownState(collab: CollabController): string {
  return `${collab.state}|${collab.unsent}|${collab.ready}|${collab.stopCode}|${collab.stopReason}|${collab.doc === null}|${uiLanguage()}`
}

/** Fired when the server ended the session (close 4401): the application shows the sign-in form. */
export type SessionEndedEvent = CustomEvent<{ code: number }>

/**
 * The report page (`/reports/<id>`): the outline, the connection state, and one row per section
 * with the Spanish and English bodies side by side, or one of them across the page, as the person
 * chose (`<layout-switch>`, remembered per user in this browser). One Y.Doc and one provider for
 * the page, shared by all its editors.
 *
 * @fires session-ended - {SessionEndedEvent} when the server refused the session (4401)
 */
@customElement('report-page')
export class ReportPage extends LitElement {
  /** The report to show. */
  @property({ type: String, attribute: 'report-id' }) reportId = ''
  /** The signed-in user. */
  @property({ attribute: false }) user: User | null = null

  @state() private _sections: Array<Omit<Section, 'es' | 'en'>> = []
  /** The languages shown, as the signed-in person last chose. */
  @state() private _layout: ReadingLayout = 'both'
  /** Whether the comments panel is open. */
  @state() private _commentsOpen = false
  /** The text last selected in a body: a new comment goes on it. */
  private _lastSelection: CommentTarget | null = null
  /** The approved bodies (`es/<id>`, `en/<id>`): read-only for everyone until an editor reopens them. */
  @state() private _approved: ReadonlySet<string> = new Set()
  /** Sections changed since this person's previous visit (client/review/last-visit.ts). */
  @state() private _changedSinceVisit: ReadonlySet<string> = new Set()
  @state() private _actors: Map<string, Actor> = new Map()
  @state() private _meta: ReportMeta | null = null
  @state() private _peers: readonly Peer[] = nobody
  /** Who may edit which section: recomputed when the sections or the user change, not per render. */
  private _permissions = new Map<string, SectionPermission>()
  private _editableIds: ReadonlySet<string> = new Set()
  /** The people in each section; a section's list is only replaced when its people changed. */
  private _presence: ReadonlyMap<string, readonly Peer[]> = new Map()
  /** `shownState` at the last render. */
  private _renderedState = ''

  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: a Lit controller; it re-renders its host when the language changes
  private readonly _locale = new LocaleController(this)
  private readonly _collab = new CollabController(this, (code) => this._onStop(code))
  private _unobserve: (() => void) | null = null
  private _jumpChecked = false
  /** The report and user the collaboration was opened for. */
  private _openedFor = ''
  /**
   * Tells the page's CSS how tall the sticky report header is (`--report-header-height`): the
   * editors' toolbars stick right under it, and its height changes with the window's width.
   */
  private readonly _headerSize = new ResizeObserver(([entry]) => {
    if (entry) this.style.setProperty('--report-header-height', `${entry.borderBoxSize[0]?.blockSize ?? 0}px`)
  })
  private _observedHeader: Element | null = null

  override createRenderRoot(): HTMLElement {
    return this
  }

  /** Marks the sections whose text changed since this person's previous visit. */
  private async _loadChangesSinceVisit(): Promise<void> {
    const { user, reportId } = this
    if (!user || !reportId) return
    const visit = previousVisit(user.username, reportId)
    this._changedSinceVisit = new Set()
    if (visit === undefined) return
    try {
      const dashboard = await getReviewDashboard(reportId)
      if (reportId !== this.reportId) return
      const changed = dashboard.sections.filter((section) =>
        (['es', 'en'] as const).some((language) => (section.lastChange[language]?.at ?? 0) > visit),
      )
      this._changedSinceVisit = new Set(changed.map((section) => section.id))
    } catch {
      // A reading aid: without it the page works the same, so a failure only leaves the marks out.
    }
  }

  override disconnectedCallback(): void {
    this._unobserve?.()
    this._unobserve = null
    document.removeEventListener('selectionchange', this._onSelectionChange)
    this._headerSize.disconnect()
    this._observedHeader = null
    super.disconnectedCallback()
  }

  override connectedCallback(): void {
    super.connectedCallback()
    document.addEventListener('selectionchange', this._onSelectionChange)
    // Open on the first connection (the properties are set by then), and again after a
    // reconnection to the page (the controller closed everything on disconnect).
    this._openIfNeeded()
  }

  /**
   * The collaboration controller asks for an update after every Y.Doc update (to refresh the
   * "unsent" mark), which during typing means every keystroke and every remote change. Re-render
   * only when something shown changed: a property or state of this page, the connection, or the
   * interface language.
   */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    return changed.size > 0 || shownState(this._collab) !== this._renderedState
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('reportId') || changed.has('user')) this._openIfNeeded()
    if (changed.has('reportId') && this.user) void this._loadChangesSinceVisit()
    if (changed.has('user') && this.user) this._layout = savedReadingLayout(this.user.username)
    const changedKeys = changed as Map<PropertyKey, unknown>
    if ((changedKeys.has('_sections') || changed.has('user')) && this.user) {
      const user = this.user
      this._permissions = new Map(this._sections.map((s) => [s.id, sectionPermission(user, s)]))
      this._editableIds = new Set([...this._permissions].filter(([, p]) => p.editable).map(([id]) => id))
    }
    if (changedKeys.has('_peers')) {
      const next = new Map<string, readonly Peer[]>()
      for (const [id, peers] of peersBySection(this._peers)) {
        const before = this._presence.get(id)
        next.set(id, before && samePeers(before, peers) ? before : peers)
      }
      this._presence = next
    }
    this._renderedState = shownState(this._collab)
  }

  /** Open the collaboration unless it is open already for this report and this person. */
  private _openIfNeeded(): void {
    if (!this.reportId || !this.user) return
    const wanted = `${this.reportId}\n${this.user.username}`
    if (this._collab.doc && this._openedFor === wanted) return
    this._openedFor = wanted
    this._open()
  }

  private _open(): void {
    this._unobserve?.()
    this._jumpChecked = false
    this._collab.open(this.reportId, this.user!)
    const doc = this._collab.doc!
    const awareness = this._collab.provider!.awareness
    const readDoc = (): void => {
      this._sections = sectionsOf(doc)
      // Each body's fragment, got once for all in one Yjs transaction: got by each row as it
      // renders, the first get of each is a transaction of its own (≈ 24 ms for the annual report).
      doc.transact(() => {
        for (const section of this._sections)
          for (const language of languages) sectionFragment(doc, language, section.id)
      })
      this._actors = new Map(actorsOf(doc).map((actor) => [actor.id, actor]))
      this._meta = metaOf(doc)
    }
    const readAwareness = (): void => {
      // Our own cursor moves change the awareness too; only other people's presence is shown.
      const peers = peersOf(awareness)
      if (!samePeers(peers, this._peers)) this._peers = peers
    }
    const readReview = (): void => {
      const approved = approvedBodies(doc)
      if ([...approved].join() !== [...this._approved].join()) this._approved = approved
    }
    const sections = doc.getArray('sections')
    const actors = doc.getMap('actors')
    const meta = doc.getMap('meta')
    const review = doc.getMap(reviewKey)
    sections.observeDeep(readDoc)
    actors.observeDeep(readDoc)
    meta.observe(readDoc)
    review.observe(readReview)
    awareness.on('change', readAwareness)
    readDoc()
    readReview()
    this._unobserve = () => {
      sections.unobserveDeep(readDoc)
      actors.unobserveDeep(readDoc)
      meta.unobserve(readDoc)
      review.unobserve(readReview)
      awareness.off('change', readAwareness)
    }
  }

  protected override updated(): void {
    const header = this.querySelector('.report-header')
    if (header !== this._observedHeader) {
      this._headerSize.disconnect()
      if (header) this._headerSize.observe(header)
      this._observedHeader = header
    }
    if (this._collab.ready && !this._jumpChecked && this._sections.length > 0) {
      this._jumpChecked = true
      const hash = decodeURIComponent(location.hash.slice(1)).replace(/^section-/, '')
      if (hash && this._sections.some((s) => s.id === hash))
        void this._onJump(new CustomEvent('jump', { detail: { sectionId: hash } }) as JumpEvent)
    }
  }

  private _onStop(code: number): void {
    if (code === closeUnauthorized) {
      this.dispatchEvent(
        new CustomEvent('session-ended', {
          detail: { code },
          bubbles: true,
          composed: true,
        }) satisfies SessionEndedEvent,
      )
    }
  }

  private _onLayoutChange(event: LayoutChangeEvent): void {
    this._layout = event.detail.layout
    if (this.user) saveReadingLayout(this.user.username, this._layout)
  }

  private _onEditorFocus(event: EditorFocusEvent): void {
    this._collab.setSection(event.detail.sectionId)
  }

  /**
   * Keeps the text last selected in a body (editable or not): writing the comment then moves the
   * selection into the comment box, and the comment still goes on that text.
   */
  private readonly _onSelectionChange = (): void => {
    const selection = document.getSelection()
    const editor = selection?.anchorNode
      ? (selection.anchorNode instanceof Element
          ? selection.anchorNode
          : selection.anchorNode.parentElement
        )?.closest<SectionEditor>('section-editor')
      : null
    if (!selection || !editor || !this.contains(editor)) return
    const range = editor.rangeOf(selection)
    if (range !== null) this._lastSelection = { section: editor.sectionId, lang: editor.language, range }
  }

  /** Where a new comment goes: the text last selected in a body. */
  private readonly _commentTarget = (): CommentTarget | null => this._lastSelection

  private async _onJump(event: JumpEvent): Promise<void> {
    const row = this.querySelector<SectionRow>(`section-row[section-id="${CSS.escape(event.detail.sectionId)}"]`)
    if (!row) return
    await row.updateComplete
    row.scrollIntoView({ block: 'start' })
    // The editors of rows above may still be finishing their first render; settle once more.
    requestAnimationFrame(() => row.scrollIntoView({ block: 'start' }))
    history.replaceState(null, '', `#section-${event.detail.sectionId}`)
    // An editor of a shown pane: a hidden one cannot take the focus.
    row
      .querySelector<HTMLElement>(
        '.pane:not([hidden]) section-editor[editable] .ProseMirror, .pane:not([hidden]) section-editor .ProseMirror',
      )
      ?.focus({ preventScroll: true })
  }

  private _stopMessage(): string {
    const reason = this._collab.stopReason ? ` (${this._collab.stopReason})` : ''
    return this._stopText() + (this._collab.stopCode === null ? '' : reason)
  }

  private _stopText(): string {
    switch (this._collab.stopCode) {
      case null:
        return ''
      case closeUnauthorized:
        return t('sessionEnded')
      case closeForbidden:
        return t('forbiddenChange')
      case closeNotFound:
        return t('unknownReport')
      default:
        return t('malformed', { code: String(this._collab.stopCode) })
    }
  }

  override render(): TemplateResult {
    const user = this.user
    const collab = this._collab
    if (!user) return html``
    const lang = uiLanguage()
    const permissions = this._permissions
    const presence = this._presence
    const stop = this._stopMessage()
    const title = this._meta ? this._meta.title[lang] || this._meta.title.es : ''
    return html`<div class="report-layout ${this._commentsOpen ? 'with-comments' : ''}">
      <nav class="report-outline-nav" aria-label=${t('outline')}>
        <report-outline .sections=${this._sections} .actors=${this._actors} .presence=${presence} .editableIds=${this._editableIds} .changedIds=${this._changedSinceVisit} .reviewPath=${`/reports/${encodeURIComponent(this.reportId)}/review`} @jump=${this._onJump}></report-outline>
      </nav>
      <div class="report-body" @editor-focus=${this._onEditorFocus}>
        <header class="report-header">
          <h1 title=${title}>${title || this.reportId}</h1>
          <nav class="report-views" aria-label=${t('reportViews')}>
            <a href="/reports/${encodeURIComponent(this.reportId)}/history" @click=${onLinkClick}>${t('historyLink')}</a>
            <a href="/reports/${encodeURIComponent(this.reportId)}/translation" @click=${onLinkClick}>${t('translationLink')}</a>
            <a href="/reports/${encodeURIComponent(this.reportId)}/review" @click=${onLinkClick}>${t('reviewLink')}</a>
          </nav>
          <button type="button" class="comments-toggle" aria-expanded=${String(this._commentsOpen)} aria-controls="comments" @click=${() => (this._commentsOpen = !this._commentsOpen)}>${t('commentsToggle')}</button>
          <connection-status .state=${collab.state} .unsent=${collab.unsent}></connection-status>
          <div class="reading-bar layout-${this._layout}">
            ${this._layout !== 'en' ? html`<span class="language-head" lang="es" aria-hidden="true">${t('spanish')}</span>` : nothing}
            ${this._layout !== 'es' ? html`<span class="language-head" lang="en" aria-hidden="true">${t('english')}</span>` : nothing}
            <layout-switch .layout=${this._layout} @layout-change=${this._onLayoutChange}></layout-switch>
          </div>
        </header>
        ${stop ? html`<p class="error banner" role="alert">${stop}</p>` : nothing}
        ${!collab.ready && !stop ? html`<p role="status">${t('loading')}</p>` : nothing}
        ${
          collab.ready
            ? repeat(
                this._sections,
                (section) => section.id,
                (section) => html`<section-row
                id="section-${section.id}"
                section-id=${section.id}
                .section=${section}
                .doc=${collab.doc}
                .awareness=${collab.provider?.awareness ?? null}
                .permission=${permissions.get(section.id)!}
                .approvedEs=${this._approved.has(`es/${section.id}`)}
                .approvedEn=${this._approved.has(`en/${section.id}`)}
                .peers=${presence.get(section.id) ?? nobody}
                .actors=${this._actors}
                .layout=${this._layout}
              ></section-row>`,
              )
            : nothing
        }
      </div>
      ${
        this._commentsOpen
          ? html`<aside id="comments" class="report-comments">
            <comments-panel report-id=${this.reportId} .user=${this.user} .doc=${collab.doc} .sections=${this._sections} .target=${this._commentTarget} @show-section=${this._onJump}></comments-panel>
          </aside>`
          : nothing
      }
    </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'report-page': ReportPage
  }
}
