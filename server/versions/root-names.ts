// Which root type of a Y.Doc a changed type lives in, and which section a root belongs to.

import type * as Y from 'yjs'
import { outlineKey } from './section-hashes.ts'

// Yjs types a parent as AbstractType<YEvent<any>>; kept private so no `any` is exported.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<Y.YEvent<any>>

function rootNameOf(doc: Y.Doc, type: AnyType): string | undefined {
  let root = type
  while (root._item !== null) root = root._item.parent as AnyType
  for (const [name, shared] of doc.share) if (shared === root) return name
  return undefined
}

/** The root names a transaction changed (types changed or items deleted inside them). */
export function changedRoots(doc: Y.Doc, transaction: Y.Transaction): Set<string> {
  const roots = new Set<string>()
  for (const type of transaction.changed.keys()) {
    const name = rootNameOf(doc, type)
    if (name !== undefined) roots.add(name)
  }
  return roots
}

/** The section id a root belongs to: `es/<id>` and `en/<id>` give `<id>`; `sections`, `meta`, `actors` give `*`. */
export function sectionOfRoot(name: string): string {
  const match = /^(?:es|en)\/(.+)$/.exec(name)
  return match ? match[1]! : outlineKey
}
