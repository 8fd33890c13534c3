import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { BlockTranslation, SectionTranslation, TranslationMark, TranslationStatus } from '../../schema/index.ts'
import type { User } from '../app/api.ts'
import { onLinkClick, reportPath } from '../app/router.ts'
import { wordChanges } from '../diff/word-changes.ts'
import { ReportIndex } from '../history/report-index.ts'
import { getReport, getSourceDiff, getTranslation, markPair, type SourceDiff } from '../history/versions-api.ts'
import { LocaleController, t, uiLanguage } from '../i18n/locale.ts'

/** The statuses in the order a translator reads them (outdated first). */
const statuses: readonly TranslationStatus[] = ['missing-en', 'missing-es', 'es-ahead', 'en-ahead', 'in-step']
/** Filter value for every status but `in-step`. */
const outdatedFilter = '#outdated'
/** Characters of a pair's text used to name it in button labels. */
const snippetLength = 40

/**
 * The translation page (`/reports/<id>/translation`): per section, the aligned block pairs with
 * their status (outdated first), both texts side by side, QA findings beside each pair, what
 * changed in the source of an outdated pair, and "Mark translated" / "Mark reviewed".
 */
@customElement('translation-page')
export class TranslationPage extends LitElement {
  /** The report. */
  @property({ type: String, attribute: 'report-id' }) reportId = ''
  /** The signed-in user. */
  @property({ attribute: false }) user: User | null = null

  @state() private _sections: SectionTranslation[] = []
  @state() private _index = new ReportIndex([])
  @state() private _title = ''
  @state() private _loading = true
  @state() private _error = ''
  @state() private _status = ''
  @state() private _actor = ''
  @state() private _sourceDiffs = new Map<string, SourceDiff | 'loading'>()
  @state() private _busy = new Set<string>()

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
      const [sections, report] = await Promise.all([getTranslation(this.reportId), getReport(this.reportId)])
      this._sections = sections
      this._index = new ReportIndex([report])
      this._title = report.meta.title[uiLanguage()] || report.meta.title.es
      this._error = ''
    } catch (error) {
      this._error = t('loadFailed', { message: (error as Error).message })
    } finally {
      this._loading = false
    }
  }

  private get _canMark(): boolean {
    return ['admin', 'editor', 'translator'].includes(this.user?.role ?? '')
  }

  private _key(sectionId: string, blockId: string): string {
    return `${sectionId}\u0000${blockId}`
  }

  private async _onMark(section: SectionTranslation, block: BlockTranslation, mark: TranslationMark): Promise<void> {
    const key = this._key(section.id, block.id)
    this._busy = new Set(this._busy).add(key)
    try {
      const updated = await markPair(this.reportId, section.id, block.id, mark)
      this._sections = this._sections.map((s) =>
        s.id === section.id ? { ...s, blocks: s.blocks.map((b) => (b.id === block.id ? updated : b)) } : s,
      )
      const diffs = new Map(this._sourceDiffs)
      diffs.delete(key)
      this._sourceDiffs = diffs
      this._error = ''
    } catch (error) {
      this._error = t('actionFailed', { message: (error as Error).message })
    } finally {
      const busy = new Set(this._busy)
      busy.delete(key)
      this._busy = busy
    }
  }

  private async _onSourceDiff(section: SectionTranslation, block: BlockTranslation): Promise<void> {
    const key = this._key(section.id, block.id)
    if (this._sourceDiffs.has(key)) return
    this._sourceDiffs = new Map(this._sourceDiffs).set(key, 'loading')
    try {
      const diff = await getSourceDiff(this.reportId, section.id, block.id)
      this._sourceDiffs = new Map(this._sourceDiffs).set(key, diff)
    } catch (error) {
      const diffs = new Map(this._sourceDiffs)
      diffs.delete(key)
      this._sourceDiffs = diffs
      this._error = t('actionFailed', { message: (error as Error).message })
    }
  }

  private _matches(block: BlockTranslation): boolean {
    if (!this._status) return true
    if (this._status === outdatedFilter) return block.status !== 'in-step'
    return block.status === this._status
  }

  private _renderSourceDiff(section: SectionTranslation, block: BlockTranslation): TemplateResult | typeof nothing {
    if (block.status === 'in-step') return nothing
    const diff = this._sourceDiffs.get(this._key(section.id, block.id))
    if (diff === undefined) {
      return html`<button type="button" class="show-source-diff" @click=${() => this._onSourceDiff(section, block)}>${t('showSourceChanges')}</button>`
    }
    if (diff === 'loading') return html`<p role="status">${t('loading')}</p>`
    const language = diff.source === 'en' ? t('englishLower') : t('spanishLower')
    return html`<div class="source-diff" lang=${diff.source ?? 'es'}>
      <p class="muted">${t('sourceChanges', { language })}</p>
      <p class="diff-text">${diff.words.length ? wordChanges(diff.words) : t('unchangedSide')}</p>
    </div>`
  }

  private _renderBlock(section: SectionTranslation, block: BlockTranslation): TemplateResult {
    const key = this._key(section.id, block.id)
    const snippet = (block.es || block.en).slice(0, snippetLength)
    const sectionName = this._index.heading(section.id)
    const place = this._index.placeLabel(block.row, block.column)
    return html`<li class="pair status-${block.status}" data-block=${block.id} data-status=${block.status}>
      <div class="pair-head">
        <span class="badge tstatus tstatus-${block.status}">${t(`tstatus_${block.status}`)}</span>
        ${place ? html`<span class="pair-place muted">${place}</span>` : nothing}
        ${block.mark ? html`<span class="muted">${t('lastMark', { mark: t(`mark_${block.mark}`) })}</span>` : nothing}
        <a class="go-to-block" href=${`${reportPath(this.reportId)}#${encodeURIComponent(section.id)}`} @click=${onLinkClick}>${t('goToBlock')}</a>
      </div>
      <div class="pair-texts">
        <div class="pair-side" lang="es">${block.es || html`<span class="muted">${t('emptySide')}</span>`}</div>
        <div class="pair-side" lang="en">${block.en || html`<span class="muted">${t('emptySide')}</span>`}</div>
        <div class="pair-qa">
          <h4 class="visually-hidden">${t('qaFindings')}</h4>
          ${
            block.findings.length
              ? html`<ul class="findings">${block.findings.map((f) => html`<li class="finding check-${f.check}">${f.message[uiLanguage()]}</li>`)}</ul>`
              : html`<p class="muted">${t('noFindings')}</p>`
          }
        </div>
      </div>
      ${this._renderSourceDiff(section, block)}
      ${
        this._canMark
          ? html`<div class="pair-actions">
            ${
              block.status !== 'in-step'
                ? html`<button type="button" class="mark-translated" ?disabled=${this._busy.has(key)} aria-label=${t('markTranslatedLabel', { block: snippet, section: sectionName })}
                  @click=${() => this._onMark(section, block, 'translated')}>${t('markTranslated')}</button>`
                : nothing
            }
            <button type="button" class="mark-reviewed" ?disabled=${this._busy.has(key)} aria-label=${t('markReviewedLabel', { block: snippet, section: sectionName })}
              @click=${() => this._onMark(section, block, 'reviewed')}>${t('markReviewed')}</button>
          </div>`
          : nothing
      }
    </li>`
  }

  private _renderSection(section: SectionTranslation): TemplateResult | typeof nothing {
    const blocks = section.blocks.filter((b) => this._matches(b))
    if (blocks.length === 0) return nothing
    const acronym = section.actor ? this._index.acronym(section.actor) : ''
    const outdated = section.blocks.filter((b) => b.status !== 'in-step').length
    return html`<section class="translation-section" data-section=${section.id} aria-labelledby="tr-${section.id}">
      <header class="diff-section-head">
        <h2 id="tr-${section.id}">${acronym ? html`<span class="acronym">${acronym}</span> ` : nothing}${this._index.heading(section.id)}</h2>
        <span class="muted">${t('pairCounts', { outdated: String(outdated), total: String(section.blocks.length) })}</span>
      </header>
      <ol class="pair-list">${blocks.map((block) => this._renderBlock(section, block))}</ol>
    </section>`
  }

  override render(): TemplateResult {
    const sections = this._sections.filter(
      (s) => !this._actor || (this._actor === '#narrative' ? !s.actor : s.actor === this._actor),
    )
    const rendered = sections.map((s) => this._renderSection(s)).filter((r) => r !== nothing)
    const actorIds = [...new Set(this._sections.map((s) => s.actor).filter((a): a is string => !!a))]
    return html`<section class="translation-page versions-page" aria-labelledby="translation-title">
      <p class="page-links"><a href=${reportPath(this.reportId)} @click=${onLinkClick}>← ${t('backToReport')}</a>
        <a href=${`${reportPath(this.reportId)}/history`} @click=${onLinkClick}>${t('historyLink')}</a></p>
      <h1 id="translation-title">${t('translationTitle', { title: this._title || this.reportId })}</h1>
      ${this._error ? html`<p class="error banner" role="alert">${this._error}</p>` : nothing}
      <div class="diff-toolbar">
        <label>${t('filterStatus')}
          <select class="status-filter" @change=${(e: Event) => (this._status = (e.target as HTMLSelectElement).value)}>
            <option value="">${t('allStatuses')}</option>
            <option value=${outdatedFilter}>${t('outdatedStatuses')}</option>
            ${statuses.map((s) => html`<option value=${s}>${t(`tstatus_${s}`)}</option>`)}
          </select>
        </label>
        <label>${t('filterActor')}
          <select class="actor-filter" @change=${(e: Event) => (this._actor = (e.target as HTMLSelectElement).value)}>
            <option value="">${t('allActors')}</option>
            <option value="#narrative">${t('narrativeOnly')}</option>
            ${actorIds.map((id) => html`<option value=${id}>${this._index.acronym(id)}</option>`)}
          </select>
        </label>
      </div>
      <div class="diff-columns" aria-hidden="true"><span lang="es">${t('spanish')}</span><span lang="en">${t('english')}</span><span>${t('qaFindings')}</span></div>
      ${this._loading && this._sections.length === 0 ? html`<p role="status">${t('loading')}</p>` : nothing}
      ${!this._loading && rendered.length === 0 ? html`<p>${t('noPairs')}</p>` : rendered}
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'translation-page': TranslationPage
  }
}
