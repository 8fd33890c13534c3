// Which root types a user may change (design.md, "The server is the guard").

import * as Y from 'yjs'
import { sectionsKey } from '../../schema/ydoc.ts'
import type { Role } from '../storage/storage.ts'

/** What a connection's user may do: its role and, for agencies, its actors. */
export interface Permissions {
  readonly role: Role
  readonly actors: readonly string[]
}

/** Section id → the actor it belongs to (undefined for a narrative section), for every listed section. */
export type SectionOwners = ReadonlyMap<string, string | undefined>

/** `es/<id>` or `en/<id>`: the language and the section id. */
const bodyPattern = /^(es|en)\/(.+)$/

/** The section id of a body root name (`es/iom` → `iom`), or undefined for any other root. */
export function bodySection(root: string): string | undefined {
  return bodyPattern.exec(root)?.[2]
}

/**
 * The owners of the sections listed in `doc`'s `sections`, read once (and again only when
 * `sections` changes), so that authorizing a keystroke does not read the whole outline.
 */
export function sectionOwners(doc: Y.Doc): Map<string, string | undefined> {
  const owners = new Map<string, string | undefined>()
  for (const entry of doc.getArray<unknown>(sectionsKey).toArray()) {
    if (!(entry instanceof Y.Map)) continue
    const id = entry.get('id')
    const actor = entry.get('actor')
    if (typeof id === 'string') owners.set(id, typeof actor === 'string' ? actor : undefined)
  }
  return owners
}

/**
 * The roots among `roots` that `who` may not change, in a stable order (empty: allowed). Editors
 * and admins may change anything; translators any section body (`es/<id>`, `en/<id>` of a section
 * in `owners`) but not `sections`, `meta` or `actors`; agencies only the bodies of sections whose
 * actor they hold; viewers nothing.
 */
export function forbiddenRoots(roots: Iterable<string>, who: Permissions, owners: SectionOwners): string[] {
  const all = [...roots]
  if (who.role === 'admin' || who.role === 'editor') return []
  if (who.role === 'viewer') return all.sort()
  const allowed = (root: string): boolean => {
    const section = bodySection(root)
    if (section === undefined || !owners.has(section)) return false
    if (who.role === 'translator') return true
    const actor = owners.get(section)
    return actor !== undefined && who.actors.includes(actor)
  }
  return all.filter((root) => !allowed(root)).sort()
}
