import { LitElement, html, nothing, type TemplateResult } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { Bilingual } from '../../schema/languages.ts'
import type { Actor, Section } from '../../schema/report.ts'
import { onLinkClick } from '../app/router.ts'
import { LocaleController, t, uiLanguage } from '../i18n/locale.ts'
import { pencilIcon } from '../editor/icons.ts'
import type { Peer } from './presence.ts'

/** Fired when the user picks a section in the outline; `detail.sectionId` names it. */
export type JumpEvent = CustomEvent<{ sectionId: string }>

/**
 * The outline of the report: its groups and sections (with each actor's acronym) in reading
 * order, who is in which section now, and links that jump to a section.
 *
 * @fires jump - {JumpEvent} when a section is picked
 */
@customElement('report-outline')
export class ReportOutline extends LitElement {
  /** The sections in reading order. */
  @property({ attribute: false }) sections: ReadonlyArray<Omit<Section, 'es' | 'en'>> = []
  /** The report's actors by id. */
  @property({ attribute: false }) actors: ReadonlyMap<string, Actor> = new Map()
  /** The other people on the page, by the section they are in. */
  @property({ attribute: false }) presence: ReadonlyMap<string, readonly Peer[]> = new Map()
  /** Sections the user may edit. */
  @property({ attribute: false }) editableIds: ReadonlySet<string> = new Set()
  /** Sections changed since this person's previous visit. */
  @property({ attribute: false }) changedIds: ReadonlySet<string> = new Set()
  /** The review dashboard's path, where each change since the visit links to its diff. */
  @property({ attribute: false }) reviewPath = ''

  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: a Lit controller; it re-renders its host when the language changes
  private readonly _locale = new LocaleController(this)

  override createRenderRoot(): HTMLElement {
    return this
  }

  private _onClick(event: MouseEvent, sectionId: string): void {
    event.preventDefault()
    this.dispatchEvent(
      new CustomEvent('jump', { detail: { sectionId }, bubbles: true, composed: true }) satisfies JumpEvent,
    )
  }

  override render(): TemplateResult {
    const lang = uiLanguage()
    const items: TemplateResult[] = []
    let previous: readonly Bilingual[] = []
    for (const section of this.sections) {
      // Print the group headings that start here: those that differ from the previous section's.
      section.groups.forEach((group, depth) => {
        const before = previous[depth]
        const same =
          before &&
          before.es === group.es &&
          before.en === group.en &&
          section.groups.slice(0, depth).every((g, i) => previous[i]?.es === g.es)
        if (!same) items.push(html`<li class="outline-group depth-${depth}">${group[lang] || group.es}</li>`)
      })
      previous = section.groups
      const actor = section.actor ? this.actors.get(section.actor) : undefined
      const peers = this.presence.get(section.id) ?? []
      items.push(html`<li class="outline-section depth-${section.groups.length}">
        <a href="#section-${section.id}" data-section=${section.id} @click=${(e: MouseEvent) => this._onClick(e, section.id)}>
          ${actor ? html`<span class="acronym">${actor.acronym[lang]}</span>` : nothing}
          <span class="outline-title">${section.heading[lang] || section.heading.es || section.id}</span>
          ${this.editableIds.has(section.id) ? html`<span class="editable-mark" title=${t('editable')}>${pencilIcon}<span class="visually-hidden">${t('editable')}</span></span>` : nothing}
          ${this.changedIds.has(section.id) ? html`<span class="changed-mark" title=${t('changedSinceVisit')}><span aria-hidden="true">●</span><span class="visually-hidden">${t('changedSinceVisit')}</span></span>` : nothing}
          ${peers.map((peer) => html`<span class="peer-dot" style="--peer-color: ${peer.user.color}" title=${peer.user.name}><span class="visually-hidden">${peer.user.name}</span></span>`)}
        </a>
      </li>`)
    }
    return html`<h2 class="outline-title-heading">${t('outline')}</h2>
      ${
        this.changedIds.size > 0
          ? html`<p class="changed-since-visit-line"><span class="changed-mark" aria-hidden="true">●</span> ${t('sectionsChangedSinceVisit', { n: String(this.changedIds.size) })}
            <a href=${this.reviewPath} @click=${onLinkClick}>${t('seeChangesSinceVisit')}</a></p>`
          : nothing
      }
      <ol class="outline-list">${items}</ol>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'report-outline': ReportOutline
  }
}
