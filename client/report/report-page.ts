import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import type { Actor, ReportMeta, Section } from '../../schema/report.ts'
import { actorsOf, metaOf, sectionsOf } from '../../schema/ydoc.ts'
import type { User } from '../app/api.ts'
import { onLinkClick } from '../app/router.ts'
import type { EditorFocusEvent } from '../editor/section-editor.ts'
import { LocaleController, t, uiLanguage } from '../i18n/locale.ts'
import { CollabController } from './collab-controller.ts'
import './connection-status.ts'
import { sectionPermission, type SectionPermission } from './permissions.ts'
import { peersBySection, peersOf, type Peer } from './presence.ts'
import './report-outline.ts'
import type { JumpEvent } from './report-outline.ts'
import './section-row.ts'
import type { SectionRow } from './section-row.ts'

/**
 * Rows whose editors are built per idle period once the visible ones are up: building one row
 * (two editors) of the annual report takes about 10 ms, so four keep each slice under 50 ms.
 */
const rowsPerIdleBuild = 4
/** Longest wait for an idle period before building the next rows anyway. */
const idleBuildTimeoutMs = 200

/** Fired when the server ended the session (close 4401): the application shows the sign-in form. */
export type SessionEndedEvent = CustomEvent<{ code: number }>

/**
 * The report page (`/reports/<id>`): the outline, the connection state, and one row per section
 * with the Spanish and English bodies side by side. One Y.Doc and one provider for the page,
 * shared by all its editors.
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
  @state() private _actors: Map<string, Actor> = new Map()
  @state() private _meta: ReportMeta | null = null
  @state() private _peers: Peer[] = []

  private readonly _locale = new LocaleController(this)
  private readonly _collab = new CollabController(this, (code) => this._onStop(code))
  private _unobserve: (() => void) | null = null
  private _buildScheduled = false

  override createRenderRoot(): HTMLElement {
    return this
  }

  override disconnectedCallback(): void {
    this._unobserve?.()
    this._unobserve = null
    super.disconnectedCallback()
  }

  override connectedCallback(): void {
    super.connectedCallback()
    // Reopen after a reconnection to the page (the controller closed everything on disconnect).
    if (this.reportId && this.user && !this._collab.doc) this._open()
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('reportId') || changed.has('user')) && this.reportId && this.user) {
      const before = changed.get('user') as User | null | undefined
      if (changed.has('reportId') || before?.username !== this.user.username || !this._collab.doc) this._open()
    }
  }

  private _open(): void {
    this._unobserve?.()
    this._buildScheduled = false
    this._collab.open(this.reportId, this.user!)
    const doc = this._collab.doc!
    const awareness = this._collab.provider!.awareness
    const readDoc = (): void => {
      this._sections = sectionsOf(doc)
      this._actors = new Map(actorsOf(doc).map((actor) => [actor.id, actor]))
      this._meta = metaOf(doc)
    }
    const readAwareness = (): void => {
      this._peers = peersOf(awareness)
    }
    const sections = doc.getArray('sections')
    const actors = doc.getMap('actors')
    const meta = doc.getMap('meta')
    sections.observeDeep(readDoc)
    actors.observeDeep(readDoc)
    meta.observe(readDoc)
    awareness.on('change', readAwareness)
    readDoc()
    this._unobserve = () => {
      sections.unobserveDeep(readDoc)
      actors.unobserveDeep(readDoc)
      meta.unobserve(readDoc)
      awareness.off('change', readAwareness)
    }
  }

  protected override updated(): void {
    if (this._collab.ready && !this._buildScheduled && this._sections.length > 0) {
      this._buildScheduled = true
      const hash = decodeURIComponent(location.hash.slice(1)).replace(/^section-/, '')
      if (hash && this._sections.some((s) => s.id === hash)) void this._onJump(new CustomEvent('jump', { detail: { sectionId: hash } }) as JumpEvent)
      this._buildRemainingWhenIdle()
    }
  }

  /**
   * Rows near the viewport build their editors at once (VisibilityController); the others are
   * built afterwards, a few per idle period, so the page shows quickly yet every section ends up
   * editable, searchable with the browser's find and at its true height.
   */
  private _buildRemainingWhenIdle(): void {
    const next = (): void => {
      if (!this.isConnected) return
      const rows = [...this.querySelectorAll<SectionRow>('section-row:not([built])')].slice(0, rowsPerIdleBuild)
      if (rows.length === 0) return
      for (const row of rows) row.activate()
      requestIdleCallback(next, { timeout: idleBuildTimeoutMs })
    }
    requestIdleCallback(next, { timeout: idleBuildTimeoutMs })
  }

  private _onStop(code: number): void {
    if (code === 4401) {
      this.dispatchEvent(new CustomEvent('session-ended', { detail: { code }, bubbles: true, composed: true }) satisfies SessionEndedEvent)
    }
  }

  private _onEditorFocus(event: EditorFocusEvent): void {
    this._collab.setSection(event.detail.sectionId)
  }

  private async _onJump(event: JumpEvent): Promise<void> {
    const row = this.querySelector<SectionRow>(`section-row[section-id="${CSS.escape(event.detail.sectionId)}"]`)
    if (!row) return
    row.activate()
    await row.updateComplete
    row.scrollIntoView({ block: 'start' })
    // Rows above may have grown while their editors were built on the way; settle once more.
    requestAnimationFrame(() => row.scrollIntoView({ block: 'start' }))
    history.replaceState(null, '', `#section-${event.detail.sectionId}`)
    row.querySelector<HTMLElement>('section-editor[editable] .ProseMirror, section-editor .ProseMirror')?.focus({ preventScroll: true })
  }

  private _stopMessage(): string {
    const reason = this._collab.stopReason ? ` (${this._collab.stopReason})` : ''
    return this._stopText() + (this._collab.stopCode === null ? '' : reason)
  }

  private _stopText(): string {
    switch (this._collab.stopCode) {
      case null:
        return ''
      case 4401:
        return t('sessionEnded')
      case 4403:
        return t('forbiddenChange')
      case 4404:
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
    const permissions = new Map<string, SectionPermission>(this._sections.map((s) => [s.id, sectionPermission(user, s)]))
    const editableIds = new Set([...permissions].filter(([, p]) => p.editable).map(([id]) => id))
    const presence = peersBySection(this._peers)
    const stop = this._stopMessage()
    const title = this._meta ? this._meta.title[lang] || this._meta.title.es : ''
    return html`<div class="report-layout">
      <nav class="report-outline-nav" aria-label=${t('outline')}>
        <report-outline .sections=${this._sections} .actors=${this._actors} .presence=${presence} .editableIds=${editableIds} @jump=${this._onJump}></report-outline>
      </nav>
      <div class="report-body" @editor-focus=${this._onEditorFocus}>
        <header class="report-header">
          <h1 title=${title}>${title || this.reportId}</h1>
          <nav class="report-views" aria-label=${t('reportViews')}>
            <a href="/reports/${encodeURIComponent(this.reportId)}/history" @click=${onLinkClick}>${t('historyLink')}</a>
            <a href="/reports/${encodeURIComponent(this.reportId)}/translation" @click=${onLinkClick}>${t('translationLink')}</a>
          </nav>
          <connection-status .state=${collab.state} .unsent=${collab.unsent}></connection-status>
          <div class="language-heads" aria-hidden="true"><span lang="es">${t('spanish')}</span><span lang="en">${t('english')}</span></div>
        </header>
        ${stop ? html`<p class="error banner" role="alert">${stop}</p>` : nothing}
        ${!collab.ready && !stop ? html`<p role="status">${t('loading')}</p>` : nothing}
        ${collab.ready
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
                .peers=${presence.get(section.id) ?? []}
                .actors=${this._actors}
              ></section-row>`,
            )
          : nothing}
      </div>
    </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'report-page': ReportPage
  }
}
