import type { Section } from '../../schema/report.ts'
import type { MessageKey } from '../i18n/locale.ts'
import type { User } from '../app/api.ts'

/** Whether `user` may edit the bodies of `section`, and if not, the message saying why. */
export interface SectionPermission {
  readonly editable: boolean
  /** Why the section is read-only; null when editable. */
  readonly reason: MessageKey | null
}

/**
 * The same rule the server enforces (design.md, "The server is the guard"): editors and admins
 * edit everything, translators every section body, agencies only the sections of their own
 * actors, viewers nothing.
 */
export function sectionPermission(user: User, section: Pick<Section, 'actor'>): SectionPermission {
  switch (user.role) {
    case 'admin':
    case 'editor':
    case 'translator':
      return { editable: true, reason: null }
    case 'agency':
      return section.actor !== undefined && user.actors.includes(section.actor)
        ? { editable: true, reason: null }
        : { editable: false, reason: 'readOnlyAgency' }
    case 'viewer':
      return { editable: false, reason: 'readOnlyViewer' }
  }
}
