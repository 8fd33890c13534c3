import { LitElement, html, type TemplateResult } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { LocaleController, t } from '../i18n/locale.ts'
import type { ConnectionState } from './collab-controller.ts'

/** Shows whether the page is online, offline or reconnecting, and whether changes are unsent. */
@customElement('connection-status')
export class ConnectionStatus extends LitElement {
  /** The connection state (reflected as `state`, for styling and tests). */
  @property({ type: String, reflect: true }) state: ConnectionState = 'connecting'
  /** True while local changes have not been sent to the server (reflected). */
  @property({ type: Boolean, reflect: true }) unsent = false

  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: a Lit controller; it re-renders its host when the language changes
  private readonly _locale = new LocaleController(this)

  override createRenderRoot(): HTMLElement {
    return this
  }

  override render(): TemplateResult {
    return html`<span role="status" aria-live="polite" class="connection">
      <span class="dot" aria-hidden="true"></span>
      <span class="connection-state">${t(`conn_${this.state}`)}</span>
      <span class="sent-state">${this.unsent ? t('unsent') : t('allSent')}</span>
    </span>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'connection-status': ConnectionStatus
  }
}
