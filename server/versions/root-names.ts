// Which root type of a Y.Doc a changed type lives in, and which section a root belongs to.

import type * as Y from 'yjs'
import { parseFragmentName, rootTypeOf } from '../../schema/ydoc.ts'
import { outlineKey } from './section-hashes.ts'

function rootNameOf(doc: Y.Doc, type: Y.AbstractType<unknown>): string | undefined {
  const root = rootTypeOf(type)
  for (const [name, shared] of doc.share) if (shared === root) return name
  return undefined
}

/** The root names a transaction changed (types changed or items deleted inside them). */
export function changedRoots(doc: Y.Doc, transaction: Y.Transaction): Set<string> {
  const roots = new Set<string>()
  for (const type of transaction.changed.keys() as Iterable<Y.AbstractType<unknown>>) {
    const name = rootNameOf(doc, type)
    if (name !== undefined) roots.add(name)
  }
  return roots
}

/** The section id a root belongs to: `es/<id>` and `en/<id>` give `<id>`; `sections`, `meta`, `actors` give `*`. */
export function sectionOfRoot(name: string): string {
  return parseFragmentName(name)?.sectionId ?? outlineKey
}
