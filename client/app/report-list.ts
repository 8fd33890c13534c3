import { LitElement, html, type TemplateResult } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { LocaleController, t, uiLanguage } from '../i18n/locale.ts'
import { listReports, type ReportSummary } from './api.ts'
import { onLinkClick, reportPath } from './router.ts'

/** The list of reports the signed-in user can open, titled in the interface language. */
@customElement('report-list')
export class ReportList extends LitElement {
  @state() private _reports: ReportSummary[] | null = null
  @state() private _error = ''

  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: a Lit controller; it re-renders its host when the language changes
  private readonly _locale = new LocaleController(this)

  override createRenderRoot(): HTMLElement {
    return this
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this._load()
  }

  private async _load(): Promise<void> {
    try {
      this._reports = await listReports()
    } catch (error) {
      this._error = t('serverError', { message: (error as Error).message })
    }
  }

  override render(): TemplateResult {
    const lang = uiLanguage()
    const reports = this._reports
    return html`<section aria-labelledby="reports-title" class="report-list">
      <h1 id="reports-title">${t('reportsTitle')}</h1>
      ${
        this._error
          ? html`<p role="alert" class="error">${this._error}</p>`
          : reports === null
            ? html`<p role="status">${t('loading')}</p>`
            : reports.length === 0
              ? html`<p>${t('noReports')}</p>`
              : html`<ul>
                ${reports.map(
                  (report) => html`<li>
                    <a href=${reportPath(report.id)} @click=${onLinkClick} lang=${lang}>${report.title[lang] || report.title.es || report.id}</a>
                    <span class="report-kind">${t(`kind_${report.kind}` as 'kind_annual-report')}</span>
                    <span class="report-status">${t(`status_${report.status}` as 'status_draft')}</span>
                  </li>`,
                )}
              </ul>`
      }
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'report-list': ReportList
  }
}
