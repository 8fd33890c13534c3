// Which root types a user may change (design.md, "The server is the guard").

import * as Y from 'yjs'
import { parseFragmentName, sectionsKey, serverOnlyRoots } from '../../schema/ydoc.ts'
import { mayEditOutline, mayEditSection, type Permissions } from '../../schema/roles.ts'

export type { Permissions }

/** Section id → the actor it belongs to (undefined for a narrative section), for every listed section. */
export type SectionOwners = ReadonlyMap<string, string | undefined>

/** The section id of a body root name (`es/iom` → `iom`), or undefined for any other root. */
export function bodySection(root: string): string | undefined {
  return parseFragmentName(root)?.sectionId
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
 * The roots among `roots` that `who` may not change, in a stable order (empty: allowed): the
 * sign-offs and comments (`serverOnlyRoots`, written by the server only) and the `approved`
 * bodies for everyone; the outline roots unless `mayEditOutline`; and the other bodies (`es/<id>`,
 * `en/<id>` of a section in `owners`) by `mayEditSection` (`schema/roles.ts`).
 */
export function forbiddenRoots(
  roots: Iterable<string>,
  who: Permissions,
  owners: SectionOwners,
  approved: ReadonlySet<string> = new Set(),
): string[] {
  const allowed = (root: string): boolean => {
    if (serverOnlyRoots.has(root) || approved.has(root)) return false
    if (mayEditOutline(who)) return true
    const section = bodySection(root)
    return section !== undefined && owners.has(section) && mayEditSection(who, owners.get(section))
  }
  return [...roots].filter((root) => !allowed(root)).sort()
}
