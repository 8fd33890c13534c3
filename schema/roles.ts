// Who may do what (interface.md, `/api/users`; design.md, "The server is the guard"). The one
// statement of the edit rule: the server's guard enforces it, the client shows it.

/** The roles a user can have, from most to least powerful. */
export const roles = ['admin', 'editor', 'translator', 'agency', 'viewer'] as const

/** A user's role. */
export type Role = (typeof roles)[number]

/** True when `value` is a role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value)
}

/** What a user may do: their role and, for agencies, the actors they hold. */
export interface Permissions {
  readonly role: Role
  /** Actor ids an agency user may edit; empty for other roles. */
  readonly actors: readonly string[]
}

/** Editors and admins change the outline, the front matter and the actors registry. */
export function mayEditOutline(who: Permissions): boolean {
  return who.role === 'admin' || who.role === 'editor'
}

/**
 * Whether `who` may change the bodies (either language) of a section whose actor is `actor`
 * (undefined: a narrative section): editors, admins and translators every section, agencies only
 * the sections of actors they hold, viewers none.
 */
export function mayEditSection(who: Permissions, actor: string | undefined): boolean {
  switch (who.role) {
    case 'admin':
    case 'editor':
    case 'translator':
      return true
    case 'agency':
      return actor !== undefined && who.actors.includes(actor)
    case 'viewer':
      return false
  }
}

/** The roles that may import a new report (`POST /api/reports/import`, the `/import` page). */
export const importRoles: readonly Role[] = ['editor', 'admin']

/** Editors and admins import reports; the route requires these roles and the client shows the page to them only. */
export function mayImport(who: Pick<Permissions, 'role'>): boolean {
  return importRoles.includes(who.role)
}
