import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ApiError, type User } from '../app/api.ts'
import { navigate, onLinkClick, reportPath } from '../app/router.ts'
import { LocaleController, t, uiLanguage } from '../i18n/locale.ts'
import { ReportIndex, formatDate } from './report-index.ts'
import {
  exportPath,
  getReport,
  listVersions,
  nameVersion,
  publishVersion,
  restoreVersion,
  type Version,
} from './versions-api.ts'

/** Longest version name the server accepts. */
const maxNameLength = 200

/** The path of the diff page between two versions (`to` may be `current`). */
export function diffPath(reportId: string, from: number | string, to: number | string): string {
  return `${reportPath(reportId)}/diff?from=${encodeURIComponent(String(from))}&to=${encodeURIComponent(String(to))}`
}

/** The path of the read-only view of a version. */
export function versionPath(reportId: string, versionId: number): string {
  return `${reportPath(reportId)}?version=${versionId}`
}

/**
 * The history page (`/reports/<id>/history`): versions newest first with who changed which
 * sections, naming the current state, comparing two versions (or one with now), opening one
 * read-only, restoring and publishing (editors and admins), and exports per version.
 */
@customElement('history-page')
export class HistoryPage extends LitElement {
  /** The report whose history this is. */
  @property({ type: String, attribute: 'report-id' }) reportId = ''
  /** The signed-in user. */
  @property({ attribute: false }) user: User | null = null

  @state() private _versions: Version[] = []
  @state() private _index: ReportIndex = new ReportIndex([])
  @state() private _title = ''
  @state() private _loading = true
  @state() private _error = ''
  @state() private _notice = ''
  @state() private _busy = false
  @state() private _from = ''
  @state() private _to = 'current'
  /** Whether the person picked the older version; until then it follows the newest. */
  private _fromChosen = false

  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: a Lit controller; it re-renders its host when the language changes
  private readonly _locale = new LocaleController(this)

  override createRenderRoot(): HTMLElement {
    return this
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('reportId') && this.reportId) void this._load()
  }

  private async _load(): Promise<void> {
    this._loading = true
    try {
      const [versions, report] = await Promise.all([listVersions(this.reportId), getReport(this.reportId)])
      this._versions = versions
      this._index = new ReportIndex([report])
      this._title = report.meta.title[uiLanguage()] || report.meta.title.es
      if (!this._fromChosen) this._from = String(versions[0]?.id ?? '')
      this._error = ''
    } catch (error) {
      this._error = t('loadFailed', { message: (error as Error).message })
    } finally {
      this._loading = false
    }
  }

  private get _canName(): boolean {
    return ['admin', 'editor', 'translator'].includes(this.user?.role ?? '')
  }

  private get _canRestore(): boolean {
    return ['admin', 'editor'].includes(this.user?.role ?? '')
  }

  private async _act(action: () => Promise<string>): Promise<void> {
    this._busy = true
    this._notice = ''
    try {
      this._notice = await action()
      this._error = ''
      await this._load()
    } catch (error) {
      this._error = t('actionFailed', { message: (error as Error).message })
    } finally {
      this._busy = false
    }
  }

  private _onName(event: SubmitEvent): void {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const input = form.querySelector<HTMLInputElement>('input[name=name]')!
    const name = input.value.trim()
    if (!name || name.length > maxNameLength) {
      this._error = t('emptyName')
      input.focus()
      return
    }
    void this._act(async () => {
      const version = await nameVersion(this.reportId, name)
      input.value = ''
      return t('namedVersion', { name: version.name ?? name })
    })
  }

  private _onRestore(version: Version): void {
    if (!confirm(t('confirmRestore', { n: String(version.id) }))) return
    void this._act(async () => {
      const answer = await restoreVersion(this.reportId, version.id)
      return t('restored', { n: String(version.id), m: String(answer.version.id) })
    })
  }

  private _onPublish(version: Version): void {
    if (!confirm(t('confirmPublish', { n: String(version.id) }))) return
    void this._act(async () => {
      try {
        const published = await publishVersion(this.reportId, version.id)
        return t('publishedVersion', { n: String(published.id) })
      } catch (error) {
        // Not every section is approved in both languages: publishing then needs a written
        // reason, kept with the version (issue 15); cancelling the question publishes nothing.
        if (!(error instanceof ApiError && error.code === 'not-approved')) throw error
        const reason = prompt(t('publishReasonPrompt', { n: String(version.id) }))?.trim()
        if (!reason) return t('publishCancelled')
        const published = await publishVersion(this.reportId, version.id, reason)
        return t('publishedVersion', { n: String(published.id) })
      }
    })
  }

  private _onCompare(event: SubmitEvent): void {
    event.preventDefault()
    if (!this._from) return
    // Older first, so insertions read as what was added since.
    let [from, to] = [this._from, this._to]
    if (to !== 'current' && Number(to) < Number(from)) [from, to] = [to, from]
    navigate(diffPath(this.reportId, from, to))
  }

  private _onFrom(event: Event): void {
    this._from = (event.target as HTMLSelectElement).value
    this._fromChosen = true
  }

  private _versionLabel(version: Version): string {
    return `${t('versionNumber', { n: String(version.id) })}${version.name ? ` — ${version.name}` : ''}`
  }

  private _renderCompare(): TemplateResult {
    const options = (selected: string, withNow: boolean): TemplateResult => html`
      ${withNow ? html`<option value="current" ?selected=${selected === 'current'}>${t('compareNow')}</option>` : nothing}
      ${this._versions.map((v) => html`<option value=${String(v.id)} ?selected=${selected === String(v.id)}>${this._versionLabel(v)} (${formatDate(v.createdAt)})</option>`)}`
    return html`<form class="compare-form" aria-labelledby="compare-heading" @submit=${this._onCompare}>
      <h2 id="compare-heading">${t('compareHeading')}</h2>
      <label>${t('compareFrom')}
        <select name="from" @change=${this._onFrom}>${options(this._from, false)}</select>
      </label>
      <label>${t('compareTo')}
        <select name="to" @change=${(e: Event) => (this._to = (e.target as HTMLSelectElement).value)}>${options(this._to, true)}</select>
      </label>
      <button type="submit" class="compare" ?disabled=${!this._from || this._from === this._to}>${t('compare')}</button>
    </form>`
  }

  private _renderAuthors(version: Version): TemplateResult {
    if (version.authors.length === 0) return html`<p class="authors muted">${t('noAuthors')}</p>`
    return html`<ul class="authors" aria-label=${t('authorsOf', { n: String(version.id) })}>
      ${version.authors.map(
        (author) =>
          html`<li><strong>${author.user}</strong>: ${author.sections.map(
            (id, i) =>
              html`${i > 0 ? ', ' : ''}<span class=${this._index.actorOf(id) ? 'acronym' : 'section-name'} title=${this._index.heading(id)}>${this._index.sectionLabel(id)}</span>`,
          )}</li>`,
      )}
    </ul>`
  }

  private _renderVersion(version: Version): TemplateResult {
    const n = String(version.id)
    return html`<li class="version-item kind-${version.kind}" data-version=${n}>
      <div class="version-head">
        <h3>${this._versionLabel(version)}</h3>
        <span class="badge kind">${t(`version_${version.kind}`)}</span>
        <time datetime=${version.createdAt}>${formatDate(version.createdAt)}</time>
        <span class="muted">${t('createdBy', { user: version.createdBy === 'system' ? t('systemUser') : version.createdBy })}</span>
      </div>
      ${version.reason ? html`<p class="publish-reason"><strong>${t('publishReason')}</strong> ${version.reason}</p>` : nothing}
      ${this._renderAuthors(version)}
      <div class="version-actions">
        <a class="button-link open-version" href=${versionPath(this.reportId, version.id)} aria-label=${t('openVersionLabel', { n })} @click=${onLinkClick}>${t('openVersion')}</a>
        <a class="button-link compare-now" href=${diffPath(this.reportId, version.id, 'current')} aria-label=${t('compareWithNowLabel', { n })} @click=${onLinkClick}>${t('compareWithNow')}</a>
        ${
          this._canRestore
            ? html`<button type="button" class="restore" aria-label=${t('restoreLabel', { n })} ?disabled=${this._busy} @click=${() => this._onRestore(version)}>${t('restore')}</button>
              <button type="button" class="publish" aria-label=${t('publishLabel', { n })} ?disabled=${this._busy} @click=${() => this._onPublish(version)}>${t('publish')}</button>`
            : nothing
        }
        <span class="exports" role="group" aria-label=${t('exportLinks', { n })}>
          <a href=${exportPath(this.reportId, 'html', 'es', version.id)} target="_blank" rel="noopener">${t('exportHtmlEs')}</a>
          <a href=${exportPath(this.reportId, 'html', 'en', version.id)} target="_blank" rel="noopener">${t('exportHtmlEn')}</a>
          <a href=${exportPath(this.reportId, 'html', 'both', version.id)} target="_blank" rel="noopener">${t('exportHtmlBoth')}</a>
          <a href=${exportPath(this.reportId, 'docx', 'both', version.id)} download>${t('exportDocx')}</a>
        </span>
      </div>
    </li>`
  }

  override render(): TemplateResult {
    return html`<section class="history-page versions-page" aria-labelledby="history-title">
      <p class="page-links"><a href=${reportPath(this.reportId)} @click=${onLinkClick}>← ${t('backToReport')}</a></p>
      <h1 id="history-title">${t('historyTitle', { title: this._title || this.reportId })}</h1>
      ${this._error ? html`<p class="error banner" role="alert">${this._error}</p>` : nothing}
      <p class="notice-line" role="status">${this._notice}</p>
      ${
        this._canName
          ? html`<form class="name-form" @submit=${this._onName}>
            <label>${t('versionName')} <input name="name" maxlength=${maxNameLength} autocomplete="off" /></label>
            <button type="submit" ?disabled=${this._busy}>${t('nameVersion')}</button>
          </form>`
          : nothing
      }
      ${this._versions.length > 0 ? this._renderCompare() : nothing}
      <h2 id="versions-heading">${t('versionsList')}</h2>
      ${
        this._loading && this._versions.length === 0
          ? html`<p role="status">${t('loading')}</p>`
          : this._versions.length === 0
            ? html`<p>${t('noVersions')}</p>`
            : html`<ol class="version-list" aria-labelledby="versions-heading">${this._versions.map((v) => this._renderVersion(v))}</ol>`
      }
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'history-page': HistoryPage
  }
}
