import { LitElement, html, type TemplateResult } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { LocaleController, t, type MessageKey } from '../i18n/locale.ts'
import { readingLayouts, type ReadingLayout } from './reading-layout.ts'

/** Fired when the person picks another layout; `detail.layout` is the one picked. */
export type LayoutChangeEvent = CustomEvent<{ layout: ReadingLayout }>

const labels: Readonly<Record<ReadingLayout, MessageKey>> = {
  both: 'readingLayoutBoth',
  es: 'readingLayoutEs',
  en: 'readingLayoutEn',
}

/**
 * The choice of languages shown on the report page: both side by side, Spanish only or English
 * only. Native radio buttons under one name, so the keyboard works as everywhere (Tab into the
 * group, arrow keys to move and choose), drawn as one segmented control.
 *
 * @fires layout-change - {LayoutChangeEvent} when another layout is picked
 */
@customElement('layout-switch')
export class LayoutSwitch extends LitElement {
  /** The layout in effect (reflected as `layout`, for styling and tests). */
  @property({ type: String, reflect: true }) layout: ReadingLayout = 'both'

  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: a Lit controller; it re-renders its host when the language changes
  private readonly _locale = new LocaleController(this)

  override createRenderRoot(): HTMLElement {
    return this
  }

  private _onChange(event: Event): void {
    const layout = (event.target as HTMLInputElement).value as ReadingLayout
    this.layout = layout
    this.dispatchEvent(
      new CustomEvent('layout-change', {
        detail: { layout },
        bubbles: true,
        composed: true,
      }) satisfies LayoutChangeEvent,
    )
  }

  override render(): TemplateResult {
    return html`<div class="layout-switch" role="radiogroup" aria-labelledby="layout-switch-label">
      <span class="layout-switch-label" id="layout-switch-label">${t('readingLayout')}</span>
      ${readingLayouts.map(
        (layout) => html`<label class="layout-option">
          <input type="radio" name="reading-layout" value=${layout} .checked=${this.layout === layout} @change=${this._onChange} />
          <span>${t(labels[layout])}</span>
        </label>`,
      )}
    </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'layout-switch': LayoutSwitch
  }
}
