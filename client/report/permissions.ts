import type { Section } from '../../schema/report.ts'
import { mayEditSection } from '../../schema/roles.ts'
import type { MessageKey } from '../i18n/locale.ts'
import type { User } from '../app/api.ts'

/** Whether `user` may edit the bodies of `section`, and if not, the message saying why. */
export interface SectionPermission {
  readonly editable: boolean
  /** Why the section is read-only; null when editable. */
  readonly reason: MessageKey | null
}

/** The edit rule the server's guard enforces (`schema/roles.ts`), with the reason a person reads. */
export function sectionPermission(user: User, section: Pick<Section, 'actor'>): SectionPermission {
  if (mayEditSection(user, section.actor)) return { editable: true, reason: null }
  return { editable: false, reason: user.role === 'viewer' ? 'readOnlyViewer' : 'readOnlyAgency' }
}
