import { LitElement, html, nothing, type TemplateResult } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { LocaleController, t } from '../i18n/locale.ts'
import { ApiError, login, type User } from './api.ts'

/** Fired after a successful sign-in; `detail.user` is the signed-in user. */
export type SignedInEvent = CustomEvent<{ user: User }>

/**
 * The sign-in form. Shows a clear error for wrong credentials (401), throttling (429) and network
 * failures.
 *
 * @fires signed-in - {SignedInEvent} after the server accepted the credentials
 */
@customElement('sign-in-form')
export class SignInForm extends LitElement {
  /** A notice to show above the form, such as "your session ended". */
  @property({ type: String }) notice = ''
  @state() private _error = ''
  @state() private _busy = false

  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: a Lit controller; it re-renders its host when the language changes
  private readonly _locale = new LocaleController(this)

  override createRenderRoot(): HTMLElement {
    return this
  }

  private async _onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const data = new FormData(form)
    const username = String(data.get('username') ?? '').trim()
    const password = String(data.get('password') ?? '')
    if (username === '' || password === '') {
      this._error = t('missingCredentials')
      return
    }
    this._busy = true
    this._error = ''
    try {
      const user = await login(username, password)
      this.dispatchEvent(
        new CustomEvent('signed-in', { detail: { user }, bubbles: true, composed: true }) satisfies SignedInEvent,
      )
    } catch (error) {
      this._error = this._describe(error)
      const field = this.querySelector<HTMLInputElement>('input[name=password]')
      field?.select()
    } finally {
      this._busy = false
    }
  }

  private _describe(error: unknown): string {
    if (!(error instanceof ApiError)) return t('serverError', { message: String(error) })
    if (error.status === 401) return t('badCredentials')
    if (error.code === 'account-deactivated') return t('accountDeactivated')
    if (error.status === 429) return t('throttled')
    if (error.status === 0 && error.code === 'network') return t('networkError')
    return t('serverError', { message: error.message })
  }

  override render(): TemplateResult {
    return html`<section class="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">${t('signInTitle')}</h1>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      <form @submit=${this._onSubmit} novalidate>
        <label>${t('username')}<input name="username" autocomplete="username" required autofocus /></label>
        <label>${t('password')}<input name="password" type="password" autocomplete="current-password" required /></label>
        <p class="error" role="alert" id="sign-in-error">${this._error}</p>
        <button type="submit" ?disabled=${this._busy}>${this._busy ? t('signingIn') : t('signIn')}</button>
      </form>
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sign-in-form': SignInForm
  }
}
