import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { DashboardSection } from '../../schema/api/review.ts'
import type { Language } from '../../schema/languages.ts'
import { reviewActions, reviewStep, type ReviewAction } from '../../schema/review.ts'
import type { User } from '../app/api.ts'
import { onLinkClick, reportPath } from '../app/router.ts'
import { formatDate } from '../history/report-index.ts'
import { getReport, listVersions, publishVersion, type Version } from '../history/versions-api.ts'
import { LocaleController, t, uiLanguage } from '../i18n/locale.ts'
import { ReportConnection } from '../report/report-connection.ts'
import { previousVisit } from './last-visit.ts'
import { getReviewDashboard, moveReview, type ReviewDashboard } from './review-api.ts'

type StateFilter = '' | 'not-approved' | 'drafting' | 'submitted' | 'approved'

/** How long after the last change seen live the rows are reloaded: one reload per burst of typing. */
const liveReloadMs = 700

/** A language's name as a column heading. */
const languageNames = (language: Language): string => (language === 'es' ? t('spanish') : t('english'))
/** A language's name inside a sentence ("… en inglés"). */
const languageInText = (language: Language): string => (language === 'es' ? t('spanishLower') : t('englishLower'))

/**
 * The review dashboard (`/reports/<id>/review`): one row per section with its sign-off per
 * language and the actions the signed-in person may take on it, the last change (who, when),
 * translation progress, open comments and QA findings, what changed since this person's previous
 * visit (with the diff since then), and publishing, which asks for a reason unless every text is
 * approved. Live: it follows the report over its own collaboration socket (read only, it sends
 * nothing) and reloads the rows a moment after any change, sign-offs and comments included.
 */
@customElement('review-page')
export class ReviewPage extends LitElement {
  /** The report. */
  @property({ type: String, attribute: 'report-id' }) reportId = ''
  /** The signed-in user. */
  @property({ attribute: false }) user: User | null = null

  @state() private _dashboard: ReviewDashboard | undefined
  @state() private _versions: Version[] = []
  @state() private _title = ''
  @state() private _error = ''
  @state() private _notice = ''
  @state() private _busy = false
  @state() private _stateFilter: StateFilter = ''
  @state() private _language: '' | Language = ''
  @state() private _onlyComments = false
  @state() private _onlyChanged = false
  @state() private _reason = ''
  /** This person's previous visit (ms), undefined for a first one. */
  private _visit: number | undefined
  /** The report's live document, followed to reload the rows when anything changes. */
  private _live: ReportConnection | null = null
  private _reloadTimer: ReturnType<typeof setTimeout> | undefined

  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: a Lit controller; it re-renders its host when the language changes
  private readonly _locale = new LocaleController(this)

  override createRenderRoot(): HTMLElement {
    return this
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('reportId') || changed.has('user')) && this.reportId && this.user) {
      if (changed.has('reportId')) this._visit = previousVisit(this.user.username, this.reportId)
      void this._load()
      if (this._live?.reportId !== this.reportId) this._follow()
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this._unfollow()
  }

  /**
   * Follow the report live. The rows come from `GET …/review` (the server's reading of sign-off,
   * comments, translation and QA), so a change is not read from the document here: it only says
   * that the rows may be out of date. Changes that arrive together (a person typing) reload once,
   * `liveReloadMs` after the last of them; the first sync (the whole state) reloads nothing.
   */
  private _follow(): void {
    this._unfollow()
    const live = new ReportConnection(this.reportId)
    this._live = live
    live.listenToUpdates(() => {
      if (!live.provider.synced) return
      clearTimeout(this._reloadTimer)
      this._reloadTimer = setTimeout(() => {
        if (this._live === live && !this._busy) void this._load()
      }, liveReloadMs)
    })
    // Watching is not being there: no presence on the report page for the dashboard.
    live.provider.awareness.setLocalState(null)
    live.provider.connect()
  }

  private _unfollow(): void {
    clearTimeout(this._reloadTimer)
    this._live?.destroy()
    this._live = null
  }

  private async _load(): Promise<void> {
    try {
      const [dashboard, versions, report] = await Promise.all([
        getReviewDashboard(this.reportId),
        listVersions(this.reportId),
        this._title ? undefined : getReport(this.reportId),
      ])
      this._dashboard = dashboard
      this._versions = versions
      if (report) this._title = report.meta.title[uiLanguage()] || report.meta.title.es
      this._error = ''
    } catch (error) {
      this._error = t('loadFailed', { message: (error as Error).message })
    }
  }

  private get _mayPublish(): boolean {
    return this.user?.role === 'editor' || this.user?.role === 'admin'
  }

  private _heading(section: DashboardSection): string {
    return section.heading[uiLanguage()] || section.heading.es || section.id
  }

  private _changedSinceVisit(section: DashboardSection, language: Language): boolean {
    const at = section.lastChange[language]?.at
    return this._visit !== undefined && at !== undefined && at > this._visit
  }

  /**
   * The base of "what changed since": the newest version made at or before the previous visit,
   * else the oldest version (the import, when the report was first loaded after that visit).
   */
  private get _visitVersion(): Version | undefined {
    if (this._visit === undefined) return undefined
    const visit = this._visit
    const bySeq = [...this._versions].sort((a, b) => b.seq - a.seq || b.id - a.id)
    return bySeq.find((version) => Date.parse(version.createdAt) <= visit) ?? bySeq.at(-1)
  }

  private _languages(): readonly Language[] {
    return this._language ? [this._language] : ['es', 'en']
  }

  private _matches(section: DashboardSection): boolean {
    const languages = this._languages()
    if (this._stateFilter) {
      const wanted = (language: Language) => {
        const current = section.review[language].state
        return this._stateFilter === 'not-approved' ? current !== 'approved' : current === this._stateFilter
      }
      if (!languages.some(wanted)) return false
    }
    if (this._onlyComments && !languages.some((language) => section.comments[language] > 0)) return false
    if (this._onlyChanged && !languages.some((language) => this._changedSinceVisit(section, language))) return false
    return true
  }

  /** Runs an action, shows what it says it did (or why it failed) and reloads the rows. */
  private async _act(action: () => Promise<string>): Promise<void> {
    this._busy = true
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

  private _onReview(section: DashboardSection, language: Language, action: ReviewAction): void {
    void this._act(async () => {
      const review = await moveReview(this.reportId, section.id, language, action)
      return t('reviewDone', {
        section: this._heading(section),
        language: languageInText(language),
        state: t(`review_${review.state as 'drafting'}`),
      })
    })
  }

  private _onPublish(event: Event, unapproved: number): void {
    event.preventDefault()
    const reason = this._reason.trim()
    if (unapproved > 0 && !reason) return
    if (!confirm(t('confirmPublishNow'))) return
    void this._act(async () => {
      const published = await publishVersion(this.reportId, undefined, unapproved > 0 ? reason : undefined)
      this._reason = ''
      return t('publishedVersion', { n: String(published.id) })
    })
  }

  private _renderSignOff(section: DashboardSection, language: Language): TemplateResult {
    const review = section.review[language]
    const user = this.user
    const actions = user
      ? reviewActions.filter((action) => typeof reviewStep(review.state, action, user, section.actor) === 'string')
      : []
    const heading = this._heading(section)
    return html`<td class="sign-off" data-lang=${language} data-state=${review.state}>
      <span class="badge review-state review-${review.state}">${t(`review_${review.state}`)}</span>
      ${review.by && review.at ? html`<span class="muted reviewed-by">${t('reviewedBy', { user: review.by, when: formatDate(new Date(review.at).toISOString()) })}</span>` : nothing}
      ${
        actions.length
          ? html`<span class="review-actions">${actions.map(
              (action) =>
                html`<button type="button" class=${`review-${action}`} ?disabled=${this._busy}
                  aria-label=${t('reviewActionLabel', { action: t(`reviewAction_${action}`), section: heading, language: languageInText(language) })}
                  @click=${() => this._onReview(section, language, action)}>${t(`reviewAction_${action}`)}</button>`,
            )}</span>`
          : nothing
      }
    </td>`
  }

  private _renderLastChange(section: DashboardSection): TemplateResult {
    const lines = this._languages().map((language) => {
      const change = section.lastChange[language]
      const name = language.toUpperCase()
      const text =
        change === null
          ? `${name}: ${t('neverChanged')}`
          : change.by && change.at
            ? t('changeBy', {
                language: name,
                user: change.by === 'system' ? t('systemUser') : change.by,
                when: formatDate(new Date(change.at).toISOString()),
              })
            : t('changeAt', { language: name, seq: String(change.seq) })
      const changed = this._changedSinceVisit(section, language)
      return html`<span class=${changed ? 'last-change changed-since-visit' : 'last-change'} data-lang=${language}>${text}${
        changed ? html` <span class="badge changed-badge">${t('changedSinceVisit')}</span>` : nothing
      }</span>`
    })
    const base = this._visitVersion
    const changed = this._languages().some((language) => this._changedSinceVisit(section, language))
    return html`<td class="last-changes">${lines}${
      changed && base
        ? html`<a class="changes-since-visit" href=${`${reportPath(this.reportId)}/diff?from=${base.id}&to=current`} @click=${onLinkClick}>${t('seeChangesSinceVisit')}</a>`
        : nothing
    }</td>`
  }

  private _renderRow(section: DashboardSection): TemplateResult {
    const heading = this._heading(section)
    const { pairs, inStep } = section.translation
    return html`<tr data-section=${section.id}>
      <th scope="row">
        <a class="go-to-section" href=${`${reportPath(this.reportId)}#${encodeURIComponent(section.id)}`}
          aria-label=${t('openInEditorLabel', { section: heading })} @click=${onLinkClick}>${heading}</a>
      </th>
      ${this._languages().map((language) => this._renderSignOff(section, language))}
      ${this._renderLastChange(section)}
      <td class="translation-progress">
        <progress max=${String(Math.max(pairs, 1))} value=${String(pairs === 0 ? 1 : inStep)} aria-hidden="true"></progress>
        <span>${t('translationProgress', { inStep: String(inStep), pairs: String(pairs) })}</span>
      </td>
      <td class="open-comments" aria-label=${t('commentsPerLanguageLabel', { es: String(section.comments.es), en: String(section.comments.en), resolved: String(section.comments.resolved) })}>
        ${t('commentsPerLanguage', { es: String(section.comments.es), en: String(section.comments.en) })}
      </td>
      <td class="findings">${String(section.findings)}</td>
    </tr>`
  }

  private _renderFilters(): TemplateResult {
    const states: readonly StateFilter[] = ['', 'not-approved', 'drafting', 'submitted', 'approved']
    const stateLabel = (value: StateFilter): string =>
      value === '' ? t('allReviewStates') : value === 'not-approved' ? t('notApprovedFilter') : t(`review_${value}`)
    return html`<form class="review-filters" role="search" aria-label=${t('reviewFilters')} @submit=${(e: Event) => e.preventDefault()}>
      <label>${t('filterReviewState')}
        <select name="state" @change=${(e: Event) => (this._stateFilter = (e.target as HTMLSelectElement).value as StateFilter)}>
          ${states.map((value) => html`<option value=${value} ?selected=${this._stateFilter === value}>${stateLabel(value)}</option>`)}
        </select>
      </label>
      <label>${t('filterLanguage')}
        <select name="language" @change=${(e: Event) => (this._language = (e.target as HTMLSelectElement).value as '' | Language)}>
          <option value="" ?selected=${this._language === ''}>${t('bothLanguages')}</option>
          <option value="es" ?selected=${this._language === 'es'}>${t('spanish')}</option>
          <option value="en" ?selected=${this._language === 'en'}>${t('english')}</option>
        </select>
      </label>
      <label class="check"><input type="checkbox" name="comments" .checked=${this._onlyComments}
        @change=${(e: Event) => (this._onlyComments = (e.target as HTMLInputElement).checked)} /> ${t('onlyOpenComments')}</label>
      <label class="check"><input type="checkbox" name="changed" .checked=${this._onlyChanged} ?disabled=${this._visit === undefined}
        @change=${(e: Event) => (this._onlyChanged = (e.target as HTMLInputElement).checked)} /> ${t('onlyChangedSinceVisit')}</label>
      <button type="button" class="refresh" ?disabled=${this._busy} @click=${() => this._load()}>${t('refresh')}</button>
    </form>`
  }

  private _renderPublish(dashboard: ReviewDashboard): TemplateResult | typeof nothing {
    if (!this._mayPublish) return nothing
    const unapproved = dashboard.sections.reduce(
      (sum, section) => sum + (['es', 'en'] as const).filter((l) => section.review[l].state !== 'approved').length,
      0,
    )
    return html`<form class="publish-form" aria-labelledby="publish-heading" @submit=${(e: Event) => this._onPublish(e, unapproved)}>
      <h2 id="publish-heading">${t('publishHeading')}</h2>
      <p>${unapproved === 0 ? t('publishAllApproved') : t('publishNeedsReason', { n: String(unapproved) })}</p>
      ${
        unapproved > 0
          ? html`<label class="publish-reason-field">${t('publishReasonLabel')}
            <textarea name="reason" rows="2" maxlength="2000" required .value=${this._reason}
              @input=${(e: Event) => (this._reason = (e.target as HTMLTextAreaElement).value)}></textarea></label>`
          : nothing
      }
      <button type="submit" class="publish-now" ?disabled=${this._busy || (unapproved > 0 && !this._reason.trim())}>${t('publishNow')}</button>
    </form>`
  }

  override render(): TemplateResult {
    const dashboard = this._dashboard
    const rows = dashboard?.sections.filter((section) => this._matches(section)) ?? []
    const total = (dashboard?.sections.length ?? 0) * 2
    const approved =
      dashboard?.sections.reduce(
        (sum, section) => sum + (['es', 'en'] as const).filter((l) => section.review[l].state === 'approved').length,
        0,
      ) ?? 0
    return html`<section class="review-page versions-page" aria-labelledby="review-title">
      <p class="page-links">
        <a href=${reportPath(this.reportId)} @click=${onLinkClick}>← ${t('backToReport')}</a>
        <a href=${`${reportPath(this.reportId)}/history`} @click=${onLinkClick}>${t('historyLink')}</a>
        <a href=${`${reportPath(this.reportId)}/translation`} @click=${onLinkClick}>${t('translationLink')}</a>
      </p>
      <h1 id="review-title">${t('reviewTitle', { title: this._title || this.reportId })}</h1>
      <p class="muted">${t('reviewIntro')}</p>
      ${this._error ? html`<p class="error banner" role="alert">${this._error}</p>` : nothing}
      <p class="notice-line" role="status">${this._notice}</p>
      ${
        dashboard === undefined
          ? this._error
            ? nothing
            : html`<p role="status">${t('loading')}</p>`
          : html`
            <p class="review-summary"><strong>${t('reviewSummary', { approved: String(approved), total: String(total) })}</strong></p>
            <p class="visit-line muted">${
              this._visit === undefined
                ? t('firstVisit')
                : t('lastVisitAt', { when: formatDate(new Date(this._visit).toISOString()) })
            }</p>
            ${this._renderFilters()}
            ${
              rows.length === 0
                ? html`<p>${t('noSectionsMatch')}</p>`
                : html`<div class="review-table-wrap"><table class="review-table">
                  <caption class="visually-hidden">${t('reviewTitle', { title: this._title || this.reportId })}</caption>
                  <thead><tr>
                    <th scope="col">${t('colSection')}</th>
                    ${this._languages().map((language) => html`<th scope="col">${languageNames(language)}</th>`)}
                    <th scope="col">${t('colLastChange')}</th>
                    <th scope="col">${t('colTranslation')}</th>
                    <th scope="col">${t('colComments')}</th>
                    <th scope="col">${t('colFindings')}</th>
                  </tr></thead>
                  <tbody>${rows.map((section) => this._renderRow(section))}</tbody>
                </table></div>`
            }
            ${this._renderPublish(dashboard)}`
      }
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'review-page': ReviewPage
  }
}
