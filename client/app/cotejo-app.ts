import { LitElement, html, nothing, type TemplateResult } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { LocaleController, rememberUiLanguageFor, setUiLanguage, t, uiLanguage } from '../i18n/locale.ts'
import { ApiError, logout, me, type User } from './api.ts'
import { navigate, navigateEvent, onLinkClick, parseRoute, type Route } from './router.ts'
import type { SignedInEvent } from './sign-in-form.ts'
import type { PasswordChangedEvent } from './password-change-form.ts'
import './sign-in-form.ts'
import './password-change-form.ts'
import './report-list.ts'
import '../report/report-page.ts'

/**
 * The pages other than the report's are loaded when first visited: the report page, where people
 * spend their day, opens without evaluating the history, diff and translation code. Lit keeps the
 * properties set on an element before its definition arrives.
 */
const laterPages: Partial<Record<Route['page'], () => Promise<unknown>>> = {
  version: () => import('../history/version-view.ts'),
  history: () => import('../history/history-page.ts'),
  diff: () => import('../diff/diff-page.ts'),
  translation: () => import('../translation/translation-page.ts'),
  review: () => import('../review/review-page.ts'),
  admin: () => import('../admin/admin-page.ts'),
  import: () => import('../import/import-page.ts'),
}

/**
 * The application shell: restores the session (cookie) on load, routes on `location.pathname`,
 * and holds the header with the language switch and sign-out. Light DOM, so the global stylesheet
 * (which ProseMirror and the remote cursors need) applies everywhere.
 */
@customElement('cotejo-app')
export class CotejoApp extends LitElement {
  /** The signed-in user; null while signed out, undefined until the session check answered. */
  @state() private _user: User | null | undefined = undefined
  @state() private _route: Route = parseRoute(location.pathname, location.search)
  /** A notice shown above the sign-in form (session ended, network trouble). */
  @state() private _notice = ''

  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: a Lit controller; it re-renders its host when the language changes
  private readonly _locale = new LocaleController(this)
  private readonly _onLocation = (): void => {
    this._route = parseRoute(location.pathname, location.search)
  }

  override createRenderRoot(): HTMLElement {
    return this
  }

  override connectedCallback(): void {
    super.connectedCallback()
    window.addEventListener('popstate', this._onLocation)
    window.addEventListener(navigateEvent, this._onLocation)
    document.documentElement.lang = uiLanguage()
    void this._restoreSession()
  }

  override disconnectedCallback(): void {
    window.removeEventListener('popstate', this._onLocation)
    window.removeEventListener(navigateEvent, this._onLocation)
    super.disconnectedCallback()
  }

  private async _restoreSession(): Promise<void> {
    try {
      this._user = await me()
    } catch (error) {
      this._user = null
      this._notice =
        error instanceof ApiError && error.status === 0
          ? t('networkError')
          : t('serverError', { message: String((error as Error).message) })
    }
    rememberUiLanguageFor(this._user?.username ?? null)
  }

  private _onSignedIn(event: SignedInEvent): void {
    this._user = event.detail.user
    this._notice = ''
    rememberUiLanguageFor(this._user.username)
  }

  private _onPasswordChanged(event: PasswordChangedEvent): void {
    this._user = event.detail.user
  }

  private async _onSignOut(): Promise<void> {
    try {
      await logout()
    } catch (error) {
      // The session may already be gone on the server; signing out locally is still right.
      console.warn('Sign-out request failed', error)
    }
    this._user = null
    rememberUiLanguageFor(null)
    navigate('/')
  }

  private _onSessionEnded(): void {
    this._user = null
    this._notice = t('sessionEnded')
    rememberUiLanguageFor(null)
  }

  private _onToggleLanguage(): void {
    setUiLanguage(uiLanguage() === 'es' ? 'en' : 'es')
  }

  private _renderHeader(): TemplateResult {
    const user = this._user
    return html`<header class="app-header">
      <a class="skip-link" href="#main">${t('skipToContent')}</a>
      <a class="brand" href="/" @click=${onLinkClick}>${t('appName')}</a>
      <nav aria-label=${t('mainNav')} class="app-nav">
        ${user && !user.mustChangePassword ? html`<a href="/" @click=${onLinkClick}>${t('reportsTitle')}</a>` : nothing}
        ${
          user?.role === 'admin' && !user.mustChangePassword
            ? html`<a href="/admin" @click=${onLinkClick} data-testid="admin-link">${t('adminLink')}</a>`
            : nothing
        }
      </nav>
      <div class="app-header-tools">
        <button type="button" class="language-switch" lang=${uiLanguage() === 'es' ? 'en' : 'es'}
          aria-label=${t('switchToOtherLabel')} @click=${this._onToggleLanguage}>${t('switchToOther')}</button>
        ${
          user
            ? html`<span class="who" data-testid="who">${t('signedInAs', { name: user.username, role: user.role })}</span>
              <button type="button" class="sign-out" @click=${this._onSignOut}>${t('signOut')}</button>`
            : nothing
        }
      </div>
    </header>`
  }

  private _renderPage(): TemplateResult {
    const user = this._user
    if (user === undefined) return html`<p role="status">${t('loading')}</p>`
    if (user === null) {
      return html`<sign-in-form .notice=${this._notice} @signed-in=${this._onSignedIn}></sign-in-form>`
    }
    // Nothing else until the password set by an admin is replaced: the server refuses it all anyway.
    if (user.mustChangePassword)
      return html`<password-change-form @password-changed=${this._onPasswordChanged}></password-change-form>`
    const route = this._route
    void laterPages[route.page]?.()
    switch (route.page) {
      case 'home':
        return html`<report-list .user=${user}></report-list>`
      case 'report':
        return html`<report-page .reportId=${route.reportId} .user=${user} @session-ended=${this._onSessionEnded}></report-page>`
      case 'version':
        return html`<version-view .reportId=${route.reportId} .versionId=${route.versionId}></version-view>`
      case 'history':
        return html`<history-page .reportId=${route.reportId} .user=${user}></history-page>`
      case 'diff':
        return html`<diff-page .reportId=${route.reportId} .from=${route.from} .to=${route.to}></diff-page>`
      case 'translation':
        return html`<translation-page .reportId=${route.reportId} .user=${user}></translation-page>`
      case 'review':
        return html`<review-page .reportId=${route.reportId} .user=${user}></review-page>`
      case 'admin':
        return html`<admin-page .tab=${route.tab} .user=${user}></admin-page>`
      case 'import':
        return html`<import-page .user=${user}></import-page>`
      case 'not-found':
        return html`<h1>${t('notFoundTitle')}</h1><p><a href="/" @click=${onLinkClick}>${t('backToReports')}</a></p>`
    }
  }

  override render(): TemplateResult {
    return html`${this._renderHeader()}<main id="main" tabindex="-1">${this._renderPage()}</main>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cotejo-app': CotejoApp
  }
}
