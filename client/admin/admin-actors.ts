import { LitElement, html, nothing, type TemplateResult } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { ReportSummary } from '../app/api.ts'
import { LocaleController, t, uiLanguage } from '../i18n/locale.ts'
import { addActor, changeActor, describeError, type ActorJSON } from './admin-api.ts'

/** The four names of an actor, as the form fields are named. */
const fields = [
  ['name_es', 'nameEs'],
  ['name_en', 'nameEn'],
  ['acronym_es', 'acronymEs'],
  ['acronym_en', 'acronymEn'],
] as const

/** The names and acronyms a form holds. */
function namesOf(form: HTMLFormElement): Pick<ActorJSON, 'name' | 'acronym'> {
  const data = new FormData(form)
  const value = (name: string): string => String(data.get(name) ?? '').trim()
  return {
    name: { es: value('name_es'), en: value('name_en') },
    acronym: { es: value('acronym_es'), en: value('acronym_en') },
  }
}

/**
 * The actors registry part of `/admin`: a report's actors with their names and acronyms in both
 * languages, each editable in place, and a new actor (for next year's report). The changes go
 * into the live document, so open editors see them at once.
 *
 * @fires report-selected - {CustomEvent<{reportId: string}>} when another report is chosen
 * @fires actors-changed - after an actor was added or renamed
 */
@customElement('admin-actors')
export class AdminActors extends LitElement {
  /** The reports to choose from. */
  @property({ attribute: false }) reports: readonly ReportSummary[] = []
  /** The chosen report. */
  @property({ type: String }) reportId = ''
  /** Its actors. */
  @property({ attribute: false }) actors: readonly ActorJSON[] = []

  @state() private _error = ''
  @state() private _notice = ''
  @state() private _busy = false

  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: a Lit controller; it re-renders its host when the language changes
  private readonly _locale = new LocaleController(this)

  override createRenderRoot(): HTMLElement {
    return this
  }

  private async _do(action: () => Promise<unknown>, notice: string, form?: HTMLFormElement): Promise<void> {
    this._busy = true
    this._error = ''
    this._notice = ''
    try {
      await action()
      this._notice = notice
      form?.reset()
      this.dispatchEvent(new CustomEvent('actors-changed', { bubbles: true, composed: true }))
    } catch (error) {
      this._error = describeError(error)
    } finally {
      this._busy = false
    }
  }

  private _onSave(event: SubmitEvent, actor: ActorJSON): void {
    event.preventDefault()
    const names = namesOf(event.currentTarget as HTMLFormElement)
    void this._do(() => changeActor(this.reportId, actor.id, names), t('actorSaved', { actor: names.acronym.en }))
  }

  private _onAdd(event: SubmitEvent): void {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const actor = { id: String(new FormData(form).get('id') ?? '').trim(), ...namesOf(form) }
    void this._do(() => addActor(this.reportId, actor), t('actorAdded', { actor: actor.acronym.en }), form)
  }

  private _onReport(event: Event): void {
    const reportId = (event.target as HTMLSelectElement).value
    this.dispatchEvent(new CustomEvent('report-selected', { detail: { reportId }, bubbles: true, composed: true }))
  }

  private _renderActor(actor: ActorJSON): TemplateResult {
    const values = {
      name_es: actor.name.es,
      name_en: actor.name.en,
      acronym_es: actor.acronym.es,
      acronym_en: actor.acronym.en,
    }
    const formId = `actor-form-${actor.id}`
    return html`<tr data-actor=${actor.id}>
      <th scope="row"><code>${actor.id}</code>
        <form id=${formId} @submit=${(event: SubmitEvent) => this._onSave(event, actor)}></form></th>
      ${fields.map(
        ([name, label]) => html`<td><input form=${formId} name=${name} .value=${values[name]} required
          aria-label=${t('fieldOf', { field: t(label), actor: actor.id })} lang=${name.endsWith('es') ? 'es' : 'en'} /></td>`,
      )}
      <td><button type="submit" form=${formId} ?disabled=${this._busy}
        aria-label=${t('saveActorLabel', { actor: actor.id })}>${t('save')}</button></td>
    </tr>`
  }

  override render(): TemplateResult {
    if (this.reports.length === 0) return html`<p>${t('noReportsYet')}</p>`
    const report = this.reports.find((each) => each.id === this.reportId)
    const title = report ? report.title[uiLanguage()] || report.title.es : this.reportId
    return html`
      <label class="inline-field">${t('actorsOfReport')}
        <select @change=${this._onReport}>
          ${this.reports.map(
            (each) =>
              html`<option value=${each.id} ?selected=${each.id === this.reportId}>${each.title[uiLanguage()] || each.title.es}</option>`,
          )}
        </select></label>
      <p class="error banner" role="alert" ?hidden=${this._error === ''}>${this._error}</p>
      <p class="notice-line" role="status">${this._notice}</p>
      <table class="admin-table actors-table">
        <caption>${t('actorsCaption', { title })}</caption>
        <thead><tr>
          <th scope="col">${t('colActorId')}</th>
          ${fields.map(([, label]) => html`<th scope="col">${t(label)}</th>`)}
          <th scope="col">${t('colActions')}</th>
        </tr></thead>
        <tbody>${this.actors.map((actor) => this._renderActor(actor))}</tbody>
      </table>
      ${this.actors.length === 0 ? html`<p class="muted">${t('noActorsInReport')}</p>` : nothing}
      <form class="admin-form" @submit=${this._onAdd} aria-labelledby="new-actor-title">
        <h2 id="new-actor-title">${t('newActorHeading')}</h2>
        <label>${t('actorId')}<input name="id" required autocomplete="off" aria-describedby="actor-id-hint" /></label>
        <p id="actor-id-hint" class="muted hint">${t('actorIdHint')}</p>
        ${fields.map(
          ([name, label]) =>
            html`<label>${t(label)}<input name=${name} required lang=${name.endsWith('es') ? 'es' : 'en'} /></label>`,
        )}
        <button type="submit" ?disabled=${this._busy}>${t('addActor')}</button>
      </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-actors': AdminActors
  }
}
