import { LitElement, html, nothing, type TemplateResult } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { minPasswordLength } from '../../schema/api/users.ts'
import { roles, type Role } from '../../schema/roles.ts'
import { LocaleController, t } from '../i18n/locale.ts'
import { changeUser, createUser, describeError, listUsers, type ActorJSON, type PublicUser } from './admin-api.ts'

/** What the row being worked on shows: its rights form or its password form. */
type Editing = { readonly username: string; readonly what: 'rights' | 'password' } | undefined

/**
 * The accounts part of `/admin`: the list, a new account (the user changes its temporary
 * password at first sign-in), a user's role and actors, a password reset, deactivating and
 * reactivating.
 */
@customElement('admin-users')
export class AdminUsers extends LitElement {
  /** The actors an agency account may be given (those of the report chosen on the page). */
  @property({ attribute: false }) actors: readonly ActorJSON[] = []
  /** The signed-in admin's username (they cannot deactivate themselves). */
  @property({ type: String }) me = ''

  @state() private _users: PublicUser[] = []
  @state() private _editing: Editing = undefined
  @state() private _newRole: Role = 'editor'
  @state() private _editRole: Role = 'editor'
  @state() private _error = ''
  @state() private _notice = ''
  @state() private _busy = false

  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: a Lit controller; it re-renders its host when the language changes
  private readonly _locale = new LocaleController(this)

  override createRenderRoot(): HTMLElement {
    return this
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this._load()
  }

  private async _load(): Promise<void> {
    try {
      this._users = await listUsers()
    } catch (error) {
      this._error = describeError(error)
    }
  }

  /** Runs `action`, then shows `notice` (or the error in words) and reloads the list. */
  private async _do(action: () => Promise<unknown>, notice: () => string): Promise<boolean> {
    this._busy = true
    this._error = ''
    this._notice = ''
    try {
      await action()
      this._notice = notice()
      await this._load()
      return true
    } catch (error) {
      this._error = describeError(error)
      return false
    } finally {
      this._busy = false
    }
  }

  private _checkedActors(form: HTMLFormElement): string[] {
    return new FormData(form).getAll('actors').map(String)
  }

  private async _onCreate(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const data = new FormData(form)
    const username = String(data.get('username') ?? '').trim()
    const account = {
      username,
      password: String(data.get('password') ?? ''),
      role: this._newRole,
      actors: this._checkedActors(form),
    }
    if (
      await this._do(
        () => createUser(account),
        () => t('userCreated', { name: username }),
      )
    )
      form.reset()
  }

  private async _onSaveRights(event: SubmitEvent, user: PublicUser): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const change = { role: this._editRole, actors: this._editRole === 'agency' ? this._checkedActors(form) : [] }
    if (
      await this._do(
        () => changeUser(user.username, change),
        () => t('userSaved', { name: user.username }),
      )
    )
      this._editing = undefined
  }

  private async _onResetPassword(event: SubmitEvent, user: PublicUser): Promise<void> {
    event.preventDefault()
    const password = String(new FormData(event.currentTarget as HTMLFormElement).get('password') ?? '')
    const done = await this._do(
      () => changeUser(user.username, { password }),
      () => t('passwordReset', { name: user.username }),
    )
    if (done) this._editing = undefined
  }

  private async _onToggleActive(user: PublicUser): Promise<void> {
    const active = user.active === false
    if (!active && !confirm(t('confirmDeactivate', { name: user.username }))) return
    await this._do(
      () => changeUser(user.username, { active }),
      () => t(active ? 'userReactivated' : 'userDeactivated', { name: user.username }),
    )
  }

  private _edit(user: PublicUser, what: 'rights' | 'password'): void {
    const same = this._editing?.username === user.username && this._editing.what === what
    this._editing = same ? undefined : { username: user.username, what }
    this._editRole = user.role
  }

  private _roleSelect(id: string, value: Role, onChange: (role: Role) => void): TemplateResult {
    return html`<select id=${id} name="role" @change=${(event: Event) => onChange((event.target as HTMLSelectElement).value as Role)}>
      ${roles.map((role) => html`<option value=${role} ?selected=${role === value}>${t(`role_${role}`)}</option>`)}
    </select>`
  }

  private _actorChoices(checked: readonly string[], enabled: boolean): TemplateResult {
    return html`<fieldset class="actor-choices" ?disabled=${!enabled}>
      <legend>${t('actorsFor')} ${enabled ? nothing : html`<span class="muted">(${t('actorsOnlyAgency')})</span>`}</legend>
      ${this.actors.length === 0 ? html`<p class="muted">${t('noActorsInReport')}</p>` : nothing}
      ${this.actors.map(
        (actor) => html`<label class="check"><input type="checkbox" name="actors" value=${actor.id}
          ?checked=${checked.includes(actor.id)} />${actor.acronym.en === actor.acronym.es ? actor.acronym.en : `${actor.acronym.es} / ${actor.acronym.en}`}</label>`,
      )}
    </fieldset>`
  }

  private _renderEditor(user: PublicUser): TemplateResult | typeof nothing {
    if (this._editing?.username !== user.username) return nothing
    const id = `edit-${user.username}`
    if (this._editing.what === 'password')
      return html`<tr class="editing-row"><td colspan="5">
        <form class="admin-form" @submit=${(event: SubmitEvent) => this._onResetPassword(event, user)} aria-labelledby=${`${id}-title`}>
          <h3 id=${`${id}-title`}>${t('resetHeading', { name: user.username })}</h3>
          <label>${t('temporaryPassword')}<input name="password" type="password" autocomplete="new-password" required minlength=${minPasswordLength} /></label>
          <button type="submit" ?disabled=${this._busy}>${t('resetPassword')}</button>
          <button type="button" @click=${() => (this._editing = undefined)}>${t('cancel')}</button>
        </form></td></tr>`
    return html`<tr class="editing-row"><td colspan="5">
      <form class="admin-form" @submit=${(event: SubmitEvent) => this._onSaveRights(event, user)} aria-labelledby=${`${id}-title`}>
        <h3 id=${`${id}-title`}>${t('editUserHeading', { name: user.username })}</h3>
        <label for=${`${id}-role`}>${t('colRole')}</label>
        ${this._roleSelect(`${id}-role`, this._editRole, (role) => (this._editRole = role))}
        ${this._actorChoices(user.actors, this._editRole === 'agency')}
        <button type="submit" ?disabled=${this._busy}>${t('save')}</button>
        <button type="button" @click=${() => (this._editing = undefined)}>${t('cancel')}</button>
      </form></td></tr>`
  }

  private _renderUser(user: PublicUser): TemplateResult {
    const inactive = user.active === false
    const name = user.username
    return html`<tr class=${inactive ? 'inactive' : ''} data-user=${name}>
        <th scope="row">${name}</th>
        <td>${t(`role_${user.role}`)}</td>
        <td>${user.actors.join(', ')}</td>
        <td>
          <span class="badge">${inactive ? t('userInactive') : t('userActive')}</span>
          ${user.mustChangePassword ? html`<span class="badge">${t('mustChange')}</span>` : nothing}
        </td>
        <td><div class="row-actions">
          <button type="button" aria-label=${t('editUserLabel', { name })} aria-expanded=${this._editing?.username === name && this._editing.what === 'rights' ? 'true' : 'false'}
            @click=${() => this._edit(user, 'rights')}>${t('edit')}</button>
          <button type="button" aria-label=${t('resetPasswordLabel', { name })} aria-expanded=${this._editing?.username === name && this._editing.what === 'password' ? 'true' : 'false'}
            @click=${() => this._edit(user, 'password')}>${t('resetPassword')}</button>
          ${
            name === this.me
              ? nothing
              : html`<button type="button" ?disabled=${this._busy} aria-label=${t(inactive ? 'reactivateLabel' : 'deactivateLabel', { name })}
                  @click=${() => this._onToggleActive(user)}>${t(inactive ? 'reactivate' : 'deactivate')}</button>`
          }
        </div></td>
      </tr>
      ${this._renderEditor(user)}`
  }

  override render(): TemplateResult {
    return html`
      <p class="error banner" role="alert" ?hidden=${this._error === ''}>${this._error}</p>
      <p class="notice-line" role="status">${this._notice}</p>
      <table class="admin-table">
        <caption>${t('usersCaption')}</caption>
        <thead><tr>
          <th scope="col">${t('colUsername')}</th><th scope="col">${t('colRole')}</th><th scope="col">${t('colActors')}</th>
          <th scope="col">${t('colState')}</th><th scope="col">${t('colActions')}</th>
        </tr></thead>
        <tbody>${this._users.map((user) => this._renderUser(user))}</tbody>
      </table>
      <form class="admin-form new-user" @submit=${this._onCreate} aria-labelledby="new-user-title" novalidate>
        <h2 id="new-user-title">${t('newUserHeading')}</h2>
        <label>${t('colUsername')}<input name="username" autocomplete="off" required /></label>
        <label>${t('temporaryPassword')}<input name="password" type="password" autocomplete="new-password" required
          minlength=${minPasswordLength} aria-describedby="new-user-password-hint" /></label>
        <p id="new-user-password-hint" class="muted hint">${t('temporaryPasswordHint')}</p>
        <label for="new-user-role">${t('colRole')}</label>
        ${this._roleSelect('new-user-role', this._newRole, (role) => (this._newRole = role))}
        ${this._actorChoices([], this._newRole === 'agency')}
        <button type="submit" ?disabled=${this._busy}>${t('createUser')}</button>
      </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-users': AdminUsers
  }
}
