// Who changed which sections between two seqs, read from the log: each update's user, and the
// roots its transaction changed when replayed onto the state before it.

import * as Y from 'yjs'
import type { Storage, VersionAuthor } from '../storage/storage.ts'
import { changedRoots, sectionOfRoot } from './root-names.ts'

/** The authors of the log entries in (after, upTo]: per user, the sections changed, in first-change order. */
export async function logAuthors(
  storage: Storage,
  report: string,
  after: number,
  upTo: number,
): Promise<VersionAuthor[]> {
  if (upTo <= after) return []
  const doc = new Y.Doc()
  try {
    if (after > 0) Y.applyUpdate(doc, await storage.stateAt(report, after))
    const authors = new Map<string, Set<string>>()
    let user = ''
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      const sections = authors.get(user) ?? new Set<string>()
      for (const root of changedRoots(doc, transaction)) sections.add(sectionOfRoot(root))
      if (sections.size > 0) authors.set(user, sections)
    })
    for (const entry of await storage.updatesBetween(report, after, upTo)) {
      user = entry.user
      Y.applyUpdate(doc, entry.update)
    }
    return [...authors].map(([name, sections]) => ({ user: name, sections: [...sections] }))
  } finally {
    doc.destroy()
  }
}
