import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { BlockPair, SectionDiff } from '../../schema/index.ts'
import type { Report } from '../../schema/report.ts'
import { onLinkClick, reportPath } from '../app/router.ts'
import { ReportIndex } from '../history/report-index.ts'
import { diffApiPath, getDiff, getReport, getVersion, type DiffAnswer } from '../history/versions-api.ts'
import { LocaleController, t } from '../i18n/locale.ts'
import { wordChanges } from './word-changes.ts'

/** Filter value that keeps the narrative (non-actor) sections. */
const narrativeFilter = '#narrative'

/** Keys that move to the next and previous change (the usual reader and vi conventions). */
const nextKeys = new Set(['n', 'j'])
const previousKeys = new Set(['p', 'k'])

/**
 * The diff page (`/reports/<id>/diff?from=<vid>&to=<vid|current>`): one block per changed
 * section, Spanish left and English right, one row per changed block pair with word-level
 * `<ins>`/`<del>`, a badge saying which languages changed, unchanged sections counted, next and
 * previous change (buttons and `n`/`p` or `j`/`k`), and a filter by actor.
 */
@customElement('diff-page')
export class DiffPage extends LitElement {
  /** The report compared. */
  @property({ type: String, attribute: 'report-id' }) reportId = ''
  /** The older version id. */
  @property({ type: String }) from = ''
  /** The newer version id, or `current`. */
  @property({ type: String }) to = 'current'

  @state() private _diff: DiffAnswer | null = null
  @state() private _index = new ReportIndex([])
  @state() private _total = 0
  @state() private _error = ''
  @state() private _actor = ''
  @state() private _position = -1

  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: a Lit controller; it re-renders its host when the language changes
  private readonly _locale = new LocaleController(this)
  private readonly _onKey = (event: KeyboardEvent): void => this._handleKey(event)

  override createRenderRoot(): HTMLElement {
    return this
  }

  override connectedCallback(): void {
    super.connectedCallback()
    document.addEventListener('keydown', this._onKey)
  }

  override disconnectedCallback(): void {
    document.removeEventListener('keydown', this._onKey)
    super.disconnectedCallback()
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('reportId') || changed.has('from') || changed.has('to')) && this.reportId) void this._load()
  }

  private async _load(): Promise<void> {
    this._diff = null
    this._error = ''
    this._position = -1
    if (!/^\d+$/.test(this.from) || !(this.to === 'current' || /^\d+$/.test(this.to))) {
      this._error = t('badDiffQuery')
      return
    }
    try {
      const newer: Promise<Report> =
        this.to === 'current' ? getReport(this.reportId) : getVersion(this.reportId, Number(this.to))
      const [diff, after, before] = await Promise.all([
        getDiff(this.reportId, this.from, this.to),
        newer,
        getVersion(this.reportId, Number(this.from)),
      ])
      this._diff = diff
      this._index = new ReportIndex([after, before])
      this._total = after.sections.length
    } catch (error) {
      this._error = t('loadFailed', { message: (error as Error).message })
    }
  }

  private _visibleSections(): readonly SectionDiff[] {
    const sections = this._diff?.sections ?? []
    if (!this._actor) return sections
    if (this._actor === narrativeFilter) return sections.filter((s) => !s.actor)
    return sections.filter((s) => s.actor === this._actor)
  }

  private _changes(): HTMLElement[] {
    return [...this.querySelectorAll<HTMLElement>('.diff-change')]
  }

  /** Move to the change `step` away from the current one and give it the focus. */
  private _go(step: number): void {
    const changes = this._changes()
    if (changes.length === 0) return
    const next =
      this._position < 0
        ? step > 0
          ? 0
          : changes.length - 1
        : Math.min(changes.length - 1, Math.max(0, this._position + step))
    this._position = next
    const target = changes[next]!
    for (const change of changes) change.classList.toggle('current', change === target)
    target.scrollIntoView({ block: 'center' })
    target.focus({ preventScroll: true })
  }

  private _handleKey(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return
    const target = event.target as HTMLElement | null
    if (target?.closest('input, select, textarea, [contenteditable=true]')) return
    if (nextKeys.has(event.key)) this._go(1)
    else if (previousKeys.has(event.key)) this._go(-1)
    else return
    event.preventDefault()
  }

  private _onFilter(event: Event): void {
    this._actor = (event.target as HTMLSelectElement).value
    this._position = -1
  }

  private _side(section: SectionDiff, pair: BlockPair, language: 'es' | 'en'): TemplateResult {
    const change = pair[language]
    if (!change) {
      // The other language's counterpart, unchanged, for context: what the reviewer compares against.
      const text = this._index.blockText(section.id, language, pair.id)
      return html`<div class="diff-side side-${language} unchanged" lang=${language}>
        <span class="change-kind">${t('unchangedSide')}</span>
        ${text ? html`<div class="diff-text">${text}</div>` : nothing}
      </div>`
    }
    return html`<div class="diff-side side-${language} change-${change.change}" lang=${language}>
      <span class="change-kind">${t(`change_${change.change}`)}</span>
      <div class="diff-text ${change.type === 'heading' ? 'is-heading' : ''}">${wordChanges(change.words)}</div>
    </div>`
  }

  private _renderPair(section: SectionDiff, pair: BlockPair): TemplateResult {
    const place = pair.es ?? pair.en
    const label = this._index.placeLabel(place?.row, place?.column)
    return html`<div class="diff-pair diff-change" tabindex="-1" data-block=${pair.id}
        aria-label=${`${this._index.heading(section.id)}${label ? ` — ${label}` : ''}`}>
      ${label ? html`<div class="diff-place">${label}</div>` : nothing}
      ${this._side(section, pair, 'es')}${this._side(section, pair, 'en')}
    </div>`
  }

  private _renderSection(section: SectionDiff): TemplateResult {
    const acronym = section.actor ? this._index.acronym(section.actor) : ''
    return html`<section class="diff-section" data-section=${section.id} aria-labelledby="diff-${section.id}">
      <header class="diff-section-head">
        <h2 id="diff-${section.id}">${acronym ? html`<span class="acronym">${acronym}</span> ` : nothing}<span lang="es">${section.heading.es || section.id}</span>
          <span class="muted">/</span> <span lang="en">${section.heading.en || section.id}</span></h2>
        <span class="badge translation-${section.translation}">${t(`translation_${section.translation}`)}</span>
        ${section.change !== 'changed' ? html`<span class="badge section-${section.change}">${t(`section_${section.change}`)}</span>` : nothing}
      </header>
      ${
        section.pairs.length > 0
          ? section.pairs.map((pair) => this._renderPair(section, pair))
          : html`<div class="diff-pair diff-change" tabindex="-1" aria-label=${this._index.heading(section.id)}>
            <div class="diff-side side-es" lang="es">${section.heading.es}</div><div class="diff-side side-en" lang="en">${section.heading.en}</div>
          </div>`
      }
    </section>`
  }

  private _renderToolbar(count: number): TemplateResult {
    const actorIds = [...new Set((this._diff?.sections ?? []).map((s) => s.actor).filter((a): a is string => !!a))]
    const position =
      this._position >= 0
        ? t('changePosition', { n: String(this._position + 1), total: String(count) })
        : t('changePosition', { n: '–', total: String(count) })
    return html`<div class="diff-toolbar" role="toolbar" aria-label=${t('changeNavigation')}>
      <button type="button" class="previous-change" @click=${() => this._go(-1)} ?disabled=${count === 0}>↑ ${t('previousChange')}</button>
      <button type="button" class="next-change" @click=${() => this._go(1)} ?disabled=${count === 0}>↓ ${t('nextChange')}</button>
      <span class="change-position" aria-live="polite">${position}</span>
      <label>${t('filterActor')}
        <select class="actor-filter" @change=${this._onFilter}>
          <option value="" ?selected=${this._actor === ''}>${t('allActors')}</option>
          <option value=${narrativeFilter} ?selected=${this._actor === narrativeFilter}>${t('narrativeOnly')}</option>
          ${actorIds.map((id) => html`<option value=${id} ?selected=${this._actor === id}>${this._index.acronym(id)}</option>`)}
        </select>
      </label>
    </div>`
  }

  override render(): TemplateResult {
    const diff = this._diff
    const sections = this._visibleSections()
    const count = sections.reduce((sum, s) => sum + Math.max(1, s.pairs.length), 0)
    const toLabel = this.to === 'current' ? t('diffNow') : t('versionNumber', { n: this.to })
    const unchanged = Math.max(0, this._total - (diff?.sections.filter((s) => s.change !== 'removed').length ?? 0))
    return html`<section class="diff-page versions-page" aria-labelledby="diff-title">
      <p class="page-links">
        <a href=${`${reportPath(this.reportId)}/history`} @click=${onLinkClick}>← ${t('historyLink')}</a>
        <a href=${reportPath(this.reportId)} @click=${onLinkClick}>${t('backToReport')}</a>
        <a class="diff-html" href=${diffApiPath(this.reportId, this.from, this.to, 'html')} target="_blank" rel="noopener">${t('diffAsHtml')}</a>
      </p>
      <h1 id="diff-title">${t('diffTitle', { from: t('versionNumber', { n: this.from }), to: toLabel })}</h1>
      ${this._error ? html`<p class="error banner" role="alert">${this._error}</p>` : nothing}
      ${!diff && !this._error ? html`<p role="status">${t('loading')}</p>` : nothing}
      ${
        diff
          ? html`${this._renderToolbar(count)}
            <p class="unchanged-count muted">${unchanged === 1 ? t('unchangedCountOne') : t('unchangedCount', { n: String(unchanged) })}</p>
            ${diff.sections.length === 0 ? html`<p>${t('noChanges')}</p>` : nothing}
            <div class="diff-columns" aria-hidden="true"><span lang="es">${t('spanish')}</span><span lang="en">${t('english')}</span></div>
            ${sections.map((section) => this._renderSection(section))}`
          : nothing
      }
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'diff-page': DiffPage
  }
}
