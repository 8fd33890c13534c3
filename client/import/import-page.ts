import { LitElement, html, nothing, type TemplateResult } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { isSlug } from '../../schema/check.ts'
import { reportKinds, type ReportKind } from '../../schema/report.ts'
import { mayImport } from '../../schema/roles.ts'
import { ApiError, type User } from '../app/api.ts'
import { navigate, reportPath } from '../app/router.ts'
import { LocaleController, isMessageKey, t } from '../i18n/locale.ts'
import {
  createImport,
  previewImport,
  type ImportChoice,
  type ImportPreview,
  type UploadProgress,
} from './import-api.ts'
import './import-preview.ts'

/** The files the inputs offer: plain text, and Word for when the server reads it (the server says what it takes). */
const acceptedFiles = '.txt,text/plain,.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** A failure as the page shows it: what happened in the interface language, the server's own words, and what to do. */
interface ShownError {
  readonly summary: string
  /** The server's message (English), when it says more than the summary. */
  readonly detail?: string
  readonly hint?: string
}

/** What went wrong with `choice`, for a person. */
function shownError(error: unknown, choice: ImportChoice): ShownError {
  if (!(error instanceof ApiError)) return { summary: t('actionFailed', { message: String(error) }) }
  if (error.status === 0 && error.code === 'network') return { summary: t('networkError') }
  if (error.code === 'report-exists') return { summary: t('importIdTaken'), detail: error.message }
  if (error.code === 'too-large') return { summary: t('importTooLarge') }
  if (error.status === 403) return { summary: t('importOnly'), detail: error.message }
  if (error.code.startsWith('import-')) {
    const key = `importError_${error.code.slice('import-'.length)}`
    const word = [choice.es, choice.en].some((file) => file?.name.toLowerCase().endsWith('.docx'))
    return {
      summary: isMessageKey(key) ? t(key) : t('importRefused'),
      detail: error.message,
      ...(word && error.code === 'import-binary' ? { hint: t('importWordNotYet') } : {}),
    }
  }
  return { summary: t('actionFailed', { message: error.message }) }
}

/**
 * The import page (`/import`), for editors and admins: choose the Spanish and English originals
 * (and, optionally, the report's id and kind), see what the import would create and its warnings
 * (the server's preview, nothing stored), then create the report and go to it. Uploads show their
 * progress. Anyone else is told the page is not for them.
 */
@customElement('import-page')
export class ImportPage extends LitElement {
  /** The signed-in user. */
  @property({ attribute: false }) user: User | null = null

  @state() private _preview: ImportPreview | null = null
  /** What the preview was made of: the import sends exactly that. */
  @state() private _previewed: ImportChoice | null = null
  @state() private _error: ShownError | null = null
  @state() private _idInvalid = false
  @state() private _busy: 'preview' | 'create' | null = null
  @state() private _progress: UploadProgress | null = null

  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: a Lit controller; it re-renders its host when the language changes
  private readonly _locale = new LocaleController(this)

  override createRenderRoot(): HTMLElement {
    return this
  }

  private _choiceOf(form: HTMLFormElement): ImportChoice {
    const file = (name: string): File | null =>
      form.querySelector<HTMLInputElement>(`input[name=${name}]`)?.files?.[0] ?? null
    const data = new FormData(form)
    const kind = String(data.get('kind') ?? '')
    return {
      es: file('es'),
      en: file('en'),
      id: String(data.get('id') ?? '').trim(),
      kind: reportKinds.find((known) => known === kind) ?? '',
    }
  }

  /** Any change to the form makes the preview stale: it no longer shows what would be imported. */
  private _onChange(): void {
    this._preview = null
    this._previewed = null
    this._error = null
    this._idInvalid = false
  }

  private async _upload<T>(
    busy: 'preview' | 'create',
    choice: ImportChoice,
    send: (choice: ImportChoice, onProgress: (progress: UploadProgress) => void) => Promise<T>,
  ): Promise<T | undefined> {
    this._busy = busy
    this._error = null
    this._progress = { sent: 0, total: (choice.es?.size ?? 0) + (choice.en?.size ?? 0) }
    try {
      return await send(choice, (progress) => {
        this._progress = progress
      })
    } catch (error) {
      this._error = shownError(error, choice)
      return undefined
    } finally {
      this._busy = null
      this._progress = null
    }
  }

  private async _onPreview(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    if (this._busy) return
    const form = event.currentTarget as HTMLFormElement
    const choice = this._choiceOf(form)
    this._onChange()
    if (!choice.es && !choice.en) {
      this._error = { summary: t('importChooseFile') }
      form.querySelector<HTMLInputElement>('input[name=es]')?.focus()
      return
    }
    if (choice.id !== '' && !isSlug(choice.id)) {
      this._idInvalid = true
      this._error = { summary: t('importBadId') }
      form.querySelector<HTMLInputElement>('input[name=id]')?.focus()
      return
    }
    const preview = await this._upload('preview', choice, previewImport)
    if (!preview) return
    this._preview = preview
    this._previewed = choice
    await this.updateComplete
    this.querySelector<HTMLElement>('#import-preview-title')?.focus()
  }

  private async _onCreate(): Promise<void> {
    const choice = this._previewed
    if (!choice || this._busy) return
    const answer = await this._upload('create', choice, createImport)
    if (answer) navigate(reportPath(answer.id))
  }

  private _renderProgress(): TemplateResult | typeof nothing {
    const progress = this._progress
    if (!progress) return nothing
    const done = progress.total > 0 && progress.sent >= progress.total
    const percent = progress.total > 0 ? Math.round((100 * progress.sent) / progress.total) : 0
    return html`<div class="upload-progress">
      <label for="import-progress">${done ? t('importProcessing') : t('importUploading', { percent: String(percent) })}</label>
      <progress id="import-progress" max=${Math.max(progress.total, 1)} .value=${progress.sent}></progress>
    </div>`
  }

  private _renderError(): TemplateResult {
    const error = this._error
    // Always in the page, so that screen readers announce the text when it appears.
    return html`<div class="error banner import-error" role="alert" ?hidden=${error === null}>
      ${
        error
          ? html`<p>${error.summary}</p>
            ${error.detail ? html`<p class="import-error-detail" lang="en">${error.detail}</p>` : nothing}
            ${error.hint ? html`<p class="import-error-hint">${error.hint}</p>` : nothing}`
          : nothing
      }
    </div>`
  }

  override render(): TemplateResult {
    if (!this.user || !mayImport(this.user))
      return html`<h1>${t('importTitle')}</h1><p role="alert" class="error banner">${t('importOnly')}</p>`
    // While a request runs the buttons say so with aria-disabled and ignore presses: a disabled
    // button would drop the keyboard focus to the page's start.
    const busy = this._busy !== null
    return html`<div class="import-page">
      <h1>${t('importTitle')}</h1>
      <p class="muted">${t('importIntro')}</p>
      <form class="admin-form import-form" @submit=${this._onPreview} @change=${this._onChange} @input=${this._onChange}
        aria-labelledby="import-form-title" novalidate>
        <h2 id="import-form-title">${t('importFilesHeading')}</h2>
        <label>${t('importFileEs')}<input type="file" name="es" accept=${acceptedFiles} ?disabled=${busy} /></label>
        <label>${t('importFileEn')}<input type="file" name="en" accept=${acceptedFiles} ?disabled=${busy} /></label>
        <p class="muted hint" id="import-files-hint">${t('importFilesHint')}</p>
        <label>${t('importId')}<input name="id" autocomplete="off" spellcheck="false" ?disabled=${busy}
          aria-describedby="import-id-hint" aria-invalid=${this._idInvalid ? 'true' : 'false'} /></label>
        <label>${t('importKind')}<select name="kind" ?disabled=${busy}>
          <option value="">${t('importKindAuto')}</option>
          ${reportKinds.map((kind: ReportKind) => html`<option value=${kind}>${t(`kind_${kind}`)}</option>`)}
        </select></label>
        <p class="muted hint" id="import-id-hint">${t('importIdHint')}</p>
        <button type="submit" aria-disabled=${busy ? 'true' : 'false'}>${this._busy === 'preview' ? t('importPreviewing') : t('importPreview')}</button>
      </form>
      ${this._renderError()} ${this._renderProgress()}
      ${
        this._preview
          ? html`<section class="import-result" aria-labelledby="import-preview-title">
              <import-preview .preview=${this._preview}></import-preview>
              <div class="import-actions">
                <button type="button" class="primary" aria-disabled=${busy ? 'true' : 'false'} @click=${this._onCreate}>
                  ${this._busy === 'create' ? t('importCreating') : t('importCreate')}</button>
                <span class="muted">${t('importCreateHint')}</span>
              </div>
            </section>`
          : nothing
      }
    </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'import-page': ImportPage
  }
}
