import { LitElement, html, nothing, type TemplateResult } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { auditKinds, type AuditEntryJSON, type AuditKind } from '../../schema/api/audit.ts'
import type { ReportSummary } from '../app/api.ts'
import { LocaleController, t, uiLanguage } from '../i18n/locale.ts'
import { auditCsvPath, auditEntries, describeError, type AuditFilters } from './admin-api.ts'

const noFilters: AuditFilters = { kind: '', user: '', report: '', from: '', to: '' }

/**
 * The audit log part of `/admin`: filters (kind, user, report, days), the entries newest first a
 * page at a time, and the CSV export of everything the filters match.
 */
@customElement('admin-audit')
export class AdminAudit extends LitElement {
  /** The reports to filter by. */
  @property({ attribute: false }) reports: readonly ReportSummary[] = []

  @state() private _filters: AuditFilters = noFilters
  @state() private _entries: AuditEntryJSON[] = []
  @state() private _next: number | undefined = undefined
  @state() private _error = ''
  @state() private _loading = false

  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: a Lit controller; it re-renders its host when the language changes
  private readonly _locale = new LocaleController(this)

  override createRenderRoot(): HTMLElement {
    return this
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this._load(false)
  }

  /** Loads the first page of the current filters, or (`more`) the next one. */
  private async _load(more: boolean): Promise<void> {
    this._loading = true
    try {
      const page = await auditEntries(this._filters, more ? this._next : undefined)
      this._entries = more ? [...this._entries, ...page.entries] : page.entries
      this._next = page.next
      this._error = ''
    } catch (error) {
      this._error = describeError(error)
    } finally {
      this._loading = false
    }
  }

  private _onFilter(event: SubmitEvent): void {
    event.preventDefault()
    const data = new FormData(event.currentTarget as HTMLFormElement)
    const value = (name: string): string => String(data.get(name) ?? '').trim()
    this._filters = {
      kind: value('kind') as AuditKind | '',
      user: value('user'),
      report: value('report'),
      from: value('from'),
      to: value('to'),
    }
    void this._load(false)
  }

  private _onClear(): void {
    // A reset form shows no filter: `selected` bindings alone leave the browser's own choice in a select.
    this.querySelector<HTMLFormElement>('form.audit-filters')?.reset()
    this._filters = noFilters
    void this._load(false)
  }

  private _renderEntry(entry: AuditEntryJSON): TemplateResult {
    return html`<tr class="audit-${entry.kind}">
      <td><time datetime=${entry.time}>${entry.time.slice(0, 19).replace('T', ' ')}</time></td>
      <td>${t(`audit_${entry.kind}`)}</td>
      <td>${entry.user}</td>
      <td>${entry.ip}</td>
      <td>${entry.report ?? ''}</td>
      <td>${entry.target ?? ''}</td>
      <td lang="en">${entry.detail}</td>
    </tr>`
  }

  override render(): TemplateResult {
    const filters = this._filters
    return html`
      <form class="admin-form audit-filters" @submit=${this._onFilter} aria-labelledby="audit-filters-title">
        <h2 id="audit-filters-title" class="visually-hidden">${t('auditFilters')}</h2>
        <label>${t('auditKind')}<select name="kind">
          <option value="">${t('auditAnyKind')}</option>
          ${auditKinds.map((kind) => html`<option value=${kind} ?selected=${filters.kind === kind}>${t(`audit_${kind}`)}</option>`)}
        </select></label>
        <label>${t('auditUser')}<input name="user" .value=${filters.user} autocomplete="off" /></label>
        <label>${t('auditReport')}<select name="report">
          <option value="">${t('auditAnyReport')}</option>
          ${this.reports.map(
            (report) =>
              html`<option value=${report.id} ?selected=${filters.report === report.id}>${report.title[uiLanguage()] || report.title.es}</option>`,
          )}
        </select></label>
        <label>${t('auditFrom')}<input name="from" type="date" .value=${filters.from} /></label>
        <label>${t('auditTo')}<input name="to" type="date" .value=${filters.to} /></label>
        <button type="submit">${t('auditApply')}</button>
        <button type="button" @click=${this._onClear}>${t('auditClear')}</button>
        <a class="button-link csv-link" href=${auditCsvPath(filters)} download="audit.csv">${t('auditCsv')}</a>
      </form>
      <p class="error banner" role="alert" ?hidden=${this._error === ''}>${this._error}</p>
      <table class="admin-table audit-table" aria-busy=${this._loading ? 'true' : 'false'}>
        <caption>${t('auditCaption')}</caption>
        <thead><tr>
          <th scope="col">${t('colTime')}</th><th scope="col">${t('colKind')}</th><th scope="col">${t('colWho')}</th>
          <th scope="col">${t('colFrom')}</th><th scope="col">${t('colReport')}</th><th scope="col">${t('colTarget')}</th>
          <th scope="col">${t('colDetail')}</th>
        </tr></thead>
        <tbody>${this._entries.map((entry) => this._renderEntry(entry))}</tbody>
      </table>
      ${!this._loading && this._entries.length === 0 ? html`<p class="muted">${t('auditEmpty')}</p>` : nothing}
      ${
        this._next !== undefined
          ? html`<button type="button" ?disabled=${this._loading} @click=${() => this._load(true)}>${t('auditMore')}</button>`
          : nothing
      }`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-audit': AdminAudit
  }
}
