// Which root types a user may change (design.md, "The server is the guard").

import type * as Y from 'yjs'
import { sectionsOf } from '../../schema/ydoc.ts'
import type { Role } from '../storage/storage.ts'

/** What a connection's user may do: its role and, for agencies, its actors. */
export interface Permissions {
  readonly role: Role
  readonly actors: readonly string[]
}

const bodyPattern = /^(es|en)\/(.+)$/

/**
 * The roots among `roots` that `who` may not change in `doc`, in a stable order (empty: allowed).
 * Editors and admins may change anything; translators any section body (`es/<id>`, `en/<id>` of a
 * section listed in `sections`) but not `sections`, `meta` or `actors`; agencies only the bodies of
 * sections whose actor they hold; viewers nothing.
 */
export function forbiddenRoots(doc: Y.Doc, roots: ReadonlySet<string>, who: Permissions): string[] {
  if (who.role === 'admin' || who.role === 'editor') return []
  if (who.role === 'viewer') return [...roots].sort()
  const actorOf = new Map<string, string | undefined>(sectionsOf(doc).map((section) => [section.id, section.actor]))
  const allowed = (root: string): boolean => {
    const match = bodyPattern.exec(root)
    if (match === null || !actorOf.has(match[2]!)) return false
    if (who.role === 'translator') return true
    const actor = actorOf.get(match[2]!)
    return actor !== undefined && who.actors.includes(actor)
  }
  return [...roots].filter((root) => !allowed(root)).sort()
}
