import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { listReports, type ReportSummary, type User } from '../app/api.ts'
import { adminTabs, navigate, type AdminTab } from '../app/router.ts'
import { LocaleController, t } from '../i18n/locale.ts'
import { describeError, listActors, type ActorJSON } from './admin-api.ts'
import './admin-users.ts'
import './admin-actors.ts'
import './admin-audit.ts'

/**
 * The administration page (`/admin?tab=users|actors|audit`), for admins: accounts, the actors
 * registry of a report, and the audit log. A tab list in the ARIA pattern: arrow keys move
 * between tabs, the tab is in the address so it can be bookmarked. It holds the reports and the
 * chosen report's actors, which the users part offers to agency accounts.
 */
@customElement('admin-page')
export class AdminPage extends LitElement {
  /** The part shown. */
  @property({ type: String }) tab: AdminTab = 'users'
  /** The signed-in user (only admins see more than a notice). */
  @property({ attribute: false }) user: User | null = null

  @state() private _reports: ReportSummary[] = []
  @state() private _reportId = ''
  @state() private _actors: ActorJSON[] = []
  @state() private _error = ''

  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: a Lit controller; it re-renders its host when the language changes
  private readonly _locale = new LocaleController(this)

  override createRenderRoot(): HTMLElement {
    return this
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('user') && this.user?.role === 'admin' && this._reports.length === 0) void this._loadReports()
  }

  private async _loadReports(): Promise<void> {
    try {
      this._reports = await listReports()
      if (this._reportId === '' && this._reports[0]) await this._selectReport(this._reports[0].id)
    } catch (error) {
      this._error = describeError(error)
    }
  }

  private async _selectReport(reportId: string): Promise<void> {
    this._reportId = reportId
    try {
      this._actors = await listActors(reportId)
      this._error = ''
    } catch (error) {
      this._error = describeError(error)
    }
  }

  private _go(tab: AdminTab, focus = false): void {
    navigate(`/admin?tab=${tab}`)
    if (focus) void this.updateComplete.then(() => this.querySelector<HTMLElement>(`#admin-tab-${tab}`)?.focus())
  }

  private _onTabKey(event: KeyboardEvent): void {
    const index = adminTabs.indexOf(this.tab)
    const step = { ArrowRight: 1, ArrowLeft: -1, Home: -index, End: adminTabs.length - 1 - index }[event.key]
    if (step === undefined) return
    event.preventDefault()
    this._go(adminTabs[(index + step + adminTabs.length) % adminTabs.length]!, true)
  }

  private _renderPart(): TemplateResult {
    switch (this.tab) {
      case 'users':
        return html`<admin-users .actors=${this._actors} .me=${this.user?.username ?? ''}></admin-users>`
      case 'actors':
        return html`<admin-actors .reports=${this._reports} .reportId=${this._reportId} .actors=${this._actors}
          @report-selected=${(event: CustomEvent<{ reportId: string }>) => this._selectReport(event.detail.reportId)}
          @actors-changed=${() => this._selectReport(this._reportId)}></admin-actors>`
      case 'audit':
        return html`<admin-audit .reports=${this._reports}></admin-audit>`
    }
  }

  override render(): TemplateResult {
    if (this.user?.role !== 'admin') return html`<h1>${t('adminTitle')}</h1><p role="alert">${t('adminOnly')}</p>`
    return html`<div class="admin-page">
      <h1>${t('adminTitle')}</h1>
      <div role="tablist" aria-label=${t('adminParts')} class="admin-tabs" @keydown=${this._onTabKey}>
        ${adminTabs.map(
          (tab) => html`<button type="button" role="tab" id="admin-tab-${tab}" aria-controls="admin-panel"
            aria-selected=${this.tab === tab ? 'true' : 'false'} tabindex=${this.tab === tab ? '0' : '-1'}
            @click=${() => this._go(tab)}>${t(`tab_${tab}`)}</button>`,
        )}
      </div>
      ${this._error ? html`<p class="error banner" role="alert">${this._error}</p>` : nothing}
      <section id="admin-panel" role="tabpanel" aria-labelledby="admin-tab-${this.tab}" tabindex="0">
        ${this._renderPart()}
      </section>
    </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-page': AdminPage
  }
}
