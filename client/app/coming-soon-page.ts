import { LitElement, html, type TemplateResult } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { LocaleController, t } from '../i18n/locale.ts'
import { onLinkClick, reportPath } from './router.ts'

/** Placeholder for the history, diff and translation pages, which a later issue delivers. */
@customElement('coming-soon-page')
export class ComingSoonPage extends LitElement {
  /** The report the page belongs to. */
  @property({ type: String }) reportId = ''
  /** Which page was asked for. */
  @property({ type: String }) view: 'history' | 'diff' | 'translation' = 'history'

  private readonly _locale = new LocaleController(this)

  override createRenderRoot(): HTMLElement {
    return this
  }

  override render(): TemplateResult {
    return html`<section class="coming-soon" aria-labelledby="coming-soon-title">
      <h1 id="coming-soon-title">${t('comingSoonTitle')} (${this.view})</h1>
      <p>${t('comingSoonBody')}</p>
      <p><a href=${reportPath(this.reportId)} @click=${onLinkClick}>${this.reportId}</a></p>
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coming-soon-page': ComingSoonPage
  }
}
