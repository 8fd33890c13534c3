import { LitElement, html, nothing, type TemplateResult } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { languages, type Language } from '../../schema/languages.ts'
import type { Actor, Section } from '../../schema/report.ts'
import { sectionFragment } from '../../schema/ydoc.ts'
import { LocaleController, t } from '../i18n/locale.ts'
import { lockIcon, pencilIcon } from '../editor/icons.ts'
import '../editor/section-editor.ts'
import type { Peer } from './presence.ts'
import type { ReadingLayout } from './reading-layout.ts'
import { RowAligner } from './row-aligner.ts'
import type { SectionPermission } from './permissions.ts'

/**
 * One section of the report as one row of the page: both headings, who is here now, and the
 * Spanish body left of the English body. Both bodies sit in the same CSS grid row, so they start
 * level and the row is as tall as the longer one; their table rows are kept level too
 * (`RowAligner`). Both editors are built with the row (see docs/performance.md › open-report for
 * why not lazily). With one language shown the other pane is hidden, not removed: its editor stays
 * bound to its fragment, so it keeps up with every change and shows the current text when shown.
 */
@customElement('section-row')
export class SectionRow extends LitElement {
  /** The section (id, kind, actor, headings, groups). */
  @property({ attribute: false }) section: Omit<Section, 'es' | 'en'> | null = null
  /** The report's Y.Doc. */
  @property({ attribute: false }) doc: Y.Doc | null = null
  /** The page's awareness. */
  @property({ attribute: false }) awareness: Awareness | null = null
  /** Whether the user may edit this section, and why not. */
  @property({ attribute: false }) permission: SectionPermission = { editable: false, reason: 'readOnlyViewer' }
  /** The Spanish body is approved: read-only for everyone until an editor reopens it. */
  @property({ attribute: false }) approvedEs = false
  /** The English body is approved. */
  @property({ attribute: false }) approvedEn = false
  /** The other people in this section now. */
  @property({ attribute: false }) peers: readonly Peer[] = []
  /** The report's actors, for acronyms. */
  @property({ attribute: false }) actors: ReadonlyMap<string, Actor> = new Map()
  /** The section id, reflected for styling and tests. */
  @property({ type: String, attribute: 'section-id', reflect: true }) sectionId = ''
  /** The languages shown: both side by side, or one across the row (reflected as `layout`). */
  @property({ type: String, reflect: true }) layout: ReadingLayout = 'both'

  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: a Lit controller; it re-renders its host when the language changes
  private readonly _locale = new LocaleController(this)
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: a Lit controller; it keeps the table rows of both panes level
  private readonly _aligner = new RowAligner(this)

  override createRenderRoot(): HTMLElement {
    return this
  }

  private readonly _acronymEs = (id: string): string => this.actors.get(id)?.acronym.es || id
  private readonly _acronymEn = (id: string): string => this.actors.get(id)?.acronym.en || id

  private _body(language: Language): TemplateResult | typeof nothing {
    const section = this.section!
    if (!this.doc) return nothing
    const heading = section.heading[language] || section.id
    const approved = language === 'es' ? this.approvedEs : this.approvedEn
    return html`<section-editor
      .fragment=${sectionFragment(this.doc, language, section.id)}
      .awareness=${this.awareness}
      section-id=${section.id}
      .language=${language}
      .editable=${this.permission.editable && !approved}
      .label=${t(language === 'es' ? 'spanishBody' : 'englishBody', { section: heading })}
      .acronymOf=${language === 'es' ? this._acronymEs : this._acronymEn}
    ></section-editor>`
  }

  override render(): TemplateResult | typeof nothing {
    const section = this.section
    if (!section) return nothing
    const actor = section.actor ? this.actors.get(section.actor) : undefined
    const shown = (language: Language): boolean => this.layout === 'both' || this.layout === language
    // The group is named by the heading shown (a hidden one would still name it, in the other language).
    return html`<div class="section-grid layout-${this.layout}" role="group" aria-labelledby="heading-${section.id}-${shown('es') ? 'es' : 'en'}">
      <h2 class="section-heading" lang="es" id="heading-${section.id}-es" ?hidden=${!shown('es')}>
        ${actor ? html`<span class="acronym">${actor.acronym.es}</span> ` : nothing}${section.heading.es || section.id}
      </h2>
      <p class="section-heading" lang="en" id="heading-${section.id}-en" role="heading" aria-level="2" ?hidden=${!shown('en')}>
        ${actor ? html`<span class="acronym">${actor.acronym.en}</span> ` : nothing}${section.heading.en || section.id}
      </p>
      <div class="section-info">
        ${
          this.permission.editable
            ? html`<span class="permission editable">${pencilIcon} ${t('editable')}</span>`
            : html`<span class="permission read-only">${lockIcon} ${t(this.permission.reason ?? 'readOnlyViewer')}</span>`
        }
        ${languages
          .filter((language) => (language === 'es' ? this.approvedEs : this.approvedEn))
          .map(
            (language) =>
              html`<span class="permission approved" data-language=${language}>${lockIcon} ${t(language === 'es' ? 'approvedSpanish' : 'approvedEnglish')}</span>`,
          )}
        ${
          this.peers.length > 0
            ? html`<span class="presence" role="group" aria-label=${t('presenceIn', { names: this.peers.map((p) => p.user.name).join(', ') })}>
              ${this.peers.map(
                (peer) =>
                  html`<span class="peer" style="--peer-color: ${peer.user.color}">${peer.user.name}${peer.user.actor ? html` · ${this._acronymEs(peer.user.actor)}` : nothing}</span>`,
              )}
            </span>`
            : nothing
        }
      </div>
      <div class="pane pane-es" lang="es" ?hidden=${!shown('es')}>${this._body('es')}</div>
      <div class="pane pane-en" lang="en" ?hidden=${!shown('en')}>${this._body('en')}</div>
    </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'section-row': SectionRow
  }
}
