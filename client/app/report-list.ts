import { LitElement, html, nothing, type TemplateResult } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { mayImport } from '../../schema/roles.ts'
import { LocaleController, t, uiLanguage } from '../i18n/locale.ts'
import { listReports, type ReportSummary, type User } from './api.ts'
import { onLinkClick, reportPath } from './router.ts'

/** The list of reports the signed-in user can open, titled in the interface language; for editors and admins, the way to import one. */
@customElement('report-list')
export class ReportList extends LitElement {
  /** The signed-in user: the import link is shown to those who may import. */
  @property({ attribute: false }) user: User | null = null
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
      <div class="report-list-head">
        <h1 id="reports-title">${t('reportsTitle')}</h1>
        ${
          this.user && mayImport(this.user)
            ? html`<a class="button-link" href="/import" @click=${onLinkClick} data-testid="import-link">${t('importLink')}</a>`
            : nothing
        }
      </div>
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
