import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { onLinkClick, reportPath } from '../app/router.ts'
import { LocaleController, t, uiLanguage } from '../i18n/locale.ts'
import { formatDate } from './report-index.ts'
import './version-body.ts'
import { getVersion, type VersionedReport } from './versions-api.ts'

/**
 * A past version of the report, read-only (`/reports/<id>?version=<vid>`): a banner naming the
 * version with a link back to the live report, then every section's Spanish and English side by
 * side, rendered from `GET /versions/:vid`. No Y.Doc, no provider, no socket.
 */
@customElement('version-view')
export class VersionView extends LitElement {
  /** The report. */
  @property({ type: String, attribute: 'report-id' }) reportId = ''
  /** The version shown. */
  @property({ type: Number, attribute: 'version-id' }) versionId = 0

  @state() private _report: VersionedReport | null = null
  @state() private _error = ''

  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: a Lit controller; it re-renders its host when the language changes
  private readonly _locale = new LocaleController(this)

  override createRenderRoot(): HTMLElement {
    return this
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('reportId') || changed.has('versionId')) && this.reportId && this.versionId) void this._load()
  }

  private async _load(): Promise<void> {
    this._report = null
    this._error = ''
    try {
      this._report = await getVersion(this.reportId, this.versionId)
    } catch (error) {
      this._error = t('loadFailed', { message: (error as Error).message })
    }
  }

  override render(): TemplateResult {
    const report = this._report
    const lang = uiLanguage()
    const n = String(this.versionId)
    const actors = new Map(report?.actors.map((a) => [a.id, a]) ?? [])
    return html`<section class="version-view versions-page" aria-labelledby="version-title">
      <p class="notice version-banner" role="status">
        ${report ? t('viewingVersion', { n, date: formatDate(report.version.createdAt) }) : t('loading')}
        <a class="back-to-live" href=${reportPath(this.reportId)} @click=${onLinkClick}>${t('backToLive')}</a>
        <a href=${`${reportPath(this.reportId)}/history`} @click=${onLinkClick}>${t('historyLink')}</a>
      </p>
      ${this._error ? html`<p class="error banner" role="alert">${this._error}</p>` : nothing}
      ${
        report
          ? html`<h1 id="version-title">${report.meta.title[lang] || report.meta.title.es}${report.version.name ? html` — ${report.version.name}` : nothing}</h1>
            ${report.sections.map((section) => {
              const actor = section.actor ? actors.get(section.actor) : undefined
              return html`<div class="section-grid version-section" data-section=${section.id} role="group" aria-labelledby="v-heading-${section.id}">
                <h2 class="section-heading" lang="es" id="v-heading-${section.id}">${actor ? html`<span class="acronym">${actor.acronym.es}</span> ` : nothing}${section.heading.es || section.id}</h2>
                <p class="section-heading" lang="en" role="heading" aria-level="2">${actor ? html`<span class="acronym">${actor.acronym.en}</span> ` : nothing}${section.heading.en || section.id}</p>
                <div class="pane pane-es" lang="es"><version-body .doc=${section.es} language="es"
                  .label=${t('versionBody', { language: t('spanish'), section: section.heading[lang] || section.id, n })}></version-body></div>
                <div class="pane pane-en" lang="en"><version-body .doc=${section.en} language="en"
                  .label=${t('versionBody', { language: t('english'), section: section.heading[lang] || section.id, n })}></version-body></div>
              </div>`
            })}`
          : html`<h1 id="version-title" class="visually-hidden">${t('versionNumber', { n })}</h1>`
      }
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'version-view': VersionView
  }
}
