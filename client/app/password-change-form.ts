import { LitElement, html, type TemplateResult } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { minPasswordLength, userAnswer } from '../../schema/api/users.ts'
import { describeError } from '../admin/admin-api.ts'
import { LocaleController, t } from '../i18n/locale.ts'
import { parseAnswer, request, type User } from './api.ts'

/** Fired once the password was changed; `detail.user` is the user as the server now sees them. */
export type PasswordChangedEvent = CustomEvent<{ user: User }>

/**
 * The form a user whose password an admin set (new account, reset) sees after signing in, and
 * nothing else until it is done: the server refuses every other call meanwhile
 * (403 `password-change-required`).
 *
 * @fires password-changed - {PasswordChangedEvent} after the server accepted the new password
 */
@customElement('password-change-form')
export class PasswordChangeForm extends LitElement {
  @state() private _error = ''
  @state() private _busy = false

  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: a Lit controller; it re-renders its host when the language changes
  private readonly _locale = new LocaleController(this)

  override createRenderRoot(): HTMLElement {
    return this
  }

  private async _onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const data = new FormData(event.currentTarget as HTMLFormElement)
    const current = String(data.get('current') ?? '')
    const next = String(data.get('next') ?? '')
    const problem =
      next.length < minPasswordLength
        ? t('passwordTooShort')
        : next !== String(data.get('repeat') ?? '')
          ? t('passwordsDiffer')
          : ''
    if (problem !== '') {
      this._error = problem
      return
    }
    this._busy = true
    this._error = ''
    try {
      const user = parseAnswer(userAnswer, await request('POST', '/api/me/password', { current, next }), 'user')
      this.dispatchEvent(
        new CustomEvent('password-changed', {
          detail: { user },
          bubbles: true,
          composed: true,
        }) satisfies PasswordChangedEvent,
      )
    } catch (error) {
      this._error = describeError(error)
    } finally {
      this._busy = false
    }
  }

  override render(): TemplateResult {
    return html`<section class="sign-in" aria-labelledby="password-change-title">
      <h1 id="password-change-title">${t('changePasswordTitle')}</h1>
      <p>${t('changePasswordWhy')}</p>
      <form @submit=${this._onSubmit} novalidate>
        <label>${t('currentPassword')}<input name="current" type="password" autocomplete="current-password" required autofocus /></label>
        <label>${t('newPassword')}<input name="next" type="password" autocomplete="new-password" required minlength=${minPasswordLength} /></label>
        <label>${t('repeatPassword')}<input name="repeat" type="password" autocomplete="new-password" required /></label>
        <p class="error" role="alert">${this._error}</p>
        <button type="submit" ?disabled=${this._busy}>${this._busy ? t('changingPassword') : t('changePassword')}</button>
      </form>
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'password-change-form': PasswordChangeForm
  }
}
