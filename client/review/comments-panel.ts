import { LitElement, html, nothing, type TemplateResult } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type * as Y from 'yjs'
import type { Language } from '../../schema/languages.ts'
import type { Section } from '../../schema/report.ts'
import { mayEditOutline } from '../../schema/roles.ts'
import { commentsKey } from '../../schema/ydoc.ts'
import { ApiError, type User } from '../app/api.ts'
import { LocaleController, t, uiLanguage } from '../i18n/locale.ts'
import { type CommentThread, listComments, replyTo, setResolved, startThread } from './comments-api.ts'

/** Where a new comment goes: the body the person last worked in, and the text selected there. */
export interface CommentTarget {
  readonly section: string
  readonly lang: Language
  readonly range: { readonly from: number; readonly to: number } | null
}

/** Fired to show a thread's section; `detail.sectionId` names it. */
export type ShowSectionEvent = CustomEvent<{ sectionId: string }>

type Shown = 'open' | 'resolved' | 'all'

/**
 * The comments of a report: a new thread on the selected text, the threads (filtered by state,
 * language and section) with their replies, resolve and reopen. Threads live in the Y.Doc's
 * `comments` root, which only the server writes: the list is read again from the server whenever
 * it changes, so every browser shows a new comment without reloading.
 *
 * @fires show-section - {ShowSectionEvent} when a thread's section is asked for
 */
@customElement('comments-panel')
export class CommentsPanel extends LitElement {
  @property({ type: String, attribute: 'report-id' }) reportId = ''
  @property({ attribute: false }) user: User | null = null
  /** The report's Y.Doc: its `comments` root says when to read the list again. */
  @property({ attribute: false }) doc: Y.Doc | null = null
  @property({ attribute: false }) sections: ReadonlyArray<Omit<Section, 'es' | 'en'>> = []
  /** Where a new comment goes, asked for when the person writes one. */
  @property({ attribute: false }) target: () => CommentTarget | null = () => null

  @state() private _threads: CommentThread[] = []
  @state() private _shown: Shown = 'open'
  @state() private _language: Language | '' = ''
  @state() private _section = ''
  @state() private _error = ''
  @state() private _busy = false

  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: a Lit controller; it re-renders its host when the language changes
  private readonly _locale = new LocaleController(this)
  private _observed: Y.Map<unknown> | null = null
  private readonly _onThreadsChanged = (): void => void this._load()

  override createRenderRoot(): HTMLElement {
    return this
  }

  override disconnectedCallback(): void {
    this._observed?.unobserve(this._onThreadsChanged)
    this._observed = null
    super.disconnectedCallback()
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('doc')) {
      this._observed?.unobserve(this._onThreadsChanged)
      this._observed = this.doc?.getMap(commentsKey) ?? null
      this._observed?.observe(this._onThreadsChanged)
      void this._load()
    }
  }

  private async _load(): Promise<void> {
    if (!this.reportId) return
    try {
      this._threads = await listComments(this.reportId)
    } catch (error) {
      this._error = error instanceof ApiError ? error.message : String(error)
    }
  }

  private async _act(action: () => Promise<unknown>): Promise<boolean> {
    this._busy = true
    this._error = ''
    try {
      await action()
      await this._load()
      return true
    } catch (error) {
      this._error = error instanceof ApiError ? error.message : String(error)
      return false
    } finally {
      this._busy = false
    }
  }

  private async _onStart(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const text = new FormData(form).get('text')?.toString() ?? ''
    const target = this.target()
    if (target?.range === null || target === null) {
      this._error = t('commentSelectFirst')
      return
    }
    if (
      await this._act(() =>
        startThread(this.reportId, { section: target.section, lang: target.lang, ...target.range!, text }),
      )
    )
      form.reset()
  }

  private async _onReply(event: SubmitEvent, thread: CommentThread): Promise<void> {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const text = new FormData(form).get('text')?.toString() ?? ''
    if (await this._act(() => replyTo(this.reportId, thread.id, text))) form.reset()
  }

  private _heading(sectionId: string): string {
    const section = this.sections.find((entry) => entry.id === sectionId)
    return section ? section.heading[uiLanguage()] || section.heading.es || sectionId : sectionId
  }

  private _thread(thread: CommentThread): TemplateResult {
    const user = this.user
    const mayResolve = user !== null && (thread.thread[0]?.author === user.username || mayEditOutline(user))
    const when = (at: number) =>
      new Date(at).toLocaleString(uiLanguage() === 'es' ? 'es' : 'en', { dateStyle: 'medium', timeStyle: 'short' })
    return html`<li class="comment-thread ${thread.resolved ? 'resolved' : ''}" data-thread=${thread.id}>
      <p class="comment-where">
        <a href="#section-${thread.section}" @click=${(event: MouseEvent) => {
          event.preventDefault()
          this.dispatchEvent(
            new CustomEvent('show-section', {
              detail: { sectionId: thread.section },
              bubbles: true,
              composed: true,
            }) satisfies ShowSectionEvent,
          )
        }}>${this._heading(thread.section)}</a>
        · ${t(thread.lang === 'es' ? 'spanish' : 'english')}${thread.resolved ? html` · <span class="comment-state">${t('commentResolved')}</span>` : nothing}
      </p>
      <blockquote lang=${thread.lang}>${thread.anchor ? thread.anchor.text : thread.quote}</blockquote>
      ${thread.anchor === null ? html`<p class="comment-deleted">${t('commentTextDeleted')}</p>` : nothing}
      <ol class="comment-entries">
        ${thread.thread.map((entry) => html`<li><strong>${entry.author}</strong> <time datetime=${new Date(entry.at).toISOString()}>${when(entry.at)}</time><p>${entry.text}</p></li>`)}
      </ol>
      <form class="comment-reply" @submit=${(event: SubmitEvent) => this._onReply(event, thread)}>
        <label>${t('commentReply')} <textarea name="text" rows="2" required maxlength="5000"></textarea></label>
        <button type="submit" ?disabled=${this._busy}>${t('commentReplySend')}</button>
        ${
          mayResolve
            ? html`<button type="button" class="comment-resolve" ?disabled=${this._busy} @click=${() => this._act(() => setResolved(this.reportId, thread.id, !thread.resolved))}>
              ${t(thread.resolved ? 'commentReopen' : 'commentResolve')}
            </button>`
            : nothing
        }
      </form>
    </li>`
  }

  override render(): TemplateResult {
    const shown = this._threads.filter(
      (thread) =>
        (this._shown === 'all' || (this._shown === 'resolved') === thread.resolved) &&
        (this._language === '' || thread.lang === this._language) &&
        (this._section === '' || thread.section === this._section),
    )
    const open = this._threads.filter((thread) => !thread.resolved).length
    return html`<section class="comments-panel" aria-labelledby="comments-heading">
      <h2 id="comments-heading">${t('comments')} <span class="count">(${open})</span></h2>
      <form class="comment-new" @submit=${this._onStart}>
        <label>${t('commentNew')} <textarea name="text" rows="3" required maxlength="5000"></textarea></label>
        <p class="hint">${t('commentHint')}</p>
        <button type="submit" ?disabled=${this._busy}>${t('commentSend')}</button>
      </form>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
      <div class="comment-filters">
        <label>${t('commentShow')}
          <select @change=${(event: Event) => (this._shown = (event.target as HTMLSelectElement).value as Shown)}>
            <option value="open" ?selected=${this._shown === 'open'}>${t('commentOpen')}</option>
            <option value="resolved" ?selected=${this._shown === 'resolved'}>${t('commentResolvedPlural')}</option>
            <option value="all" ?selected=${this._shown === 'all'}>${t('commentAll')}</option>
          </select>
        </label>
        <label>${t('language')}
          <select @change=${(event: Event) => (this._language = (event.target as HTMLSelectElement).value as Language | '')}>
            <option value="">${t('commentAll')}</option>
            <option value="es">${t('spanish')}</option>
            <option value="en">${t('english')}</option>
          </select>
        </label>
        <label>${t('section')}
          <select @change=${(event: Event) => (this._section = (event.target as HTMLSelectElement).value)}>
            <option value="">${t('commentAll')}</option>
            ${this.sections.map((section) => html`<option value=${section.id}>${this._heading(section.id)}</option>`)}
          </select>
        </label>
      </div>
      ${shown.length === 0 ? html`<p class="empty">${t('commentNone')}</p>` : html`<ol class="comment-threads">${shown.map((thread) => this._thread(thread))}</ol>`}
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comments-panel': CommentsPanel
  }
}
