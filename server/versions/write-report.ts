// Writes an old report into a Y.Doc as the smallest change (restore): section bodies through
// schema/body-writing.ts (updateYFragment, checked), the outline, meta (except status) and actors entry by entry.

import { Node } from 'prosemirror-model'
import type * as Y from 'yjs'
import { writeBody } from '../../schema/body-writing.ts'
import { schema } from '../../schema/prosemirror-schema.ts'
import type { Actor, Report, Section } from '../../schema/report.ts'
import {
  actorToYMap,
  actorsKey,
  actorsOf,
  metaKey,
  sectionFragment,
  sectionToYMap,
  sectionsKey,
  sectionsOf,
} from '../../schema/ydoc.ts'

const outlineOf = (sections: ReadonlyArray<Omit<Section, 'es' | 'en'>>): string =>
  JSON.stringify(
    sections.map(({ id, kind, actor, heading, groups }) => ({ id, kind, actor: actor ?? null, heading, groups })),
  )

function writeActors(doc: Y.Doc, actors: readonly Actor[]): void {
  const now = new Map(actorsOf(doc).map((actor) => [actor.id, JSON.stringify(actor)]))
  const map = doc.getMap<Y.Map<string>>(actorsKey)
  const wanted = new Set(actors.map((actor) => actor.id))
  for (const id of now.keys()) if (!wanted.has(id)) map.delete(id)
  for (const actor of actors) {
    if (now.get(actor.id) === JSON.stringify(actor)) continue
    map.set(actor.id, actorToYMap(actor))
  }
}

/**
 * Makes `doc` hold `report`'s content in one transaction, changing only what differs: each
 * section body is written with `updateYFragment` (unchanged blocks keep their Yjs items, so
 * concurrent edits elsewhere and remote cursors survive), the outline is rewritten only when it
 * differs, meta keys one by one (the status is left alone: restoring content does not unpublish),
 * actors entry by entry. Bodies of sections the old report did not have are emptied.
 */
export function writeReportInto(doc: Y.Doc, report: Report): void {
  doc.transact(() => {
    const meta = doc.getMap<unknown>(metaKey)
    const values: Record<string, string> = {
      title_es: report.meta.title.es,
      title_en: report.meta.title.en,
      kind: report.meta.kind,
      symbol: report.meta.symbol,
      front_es: report.meta.front.es,
      front_en: report.meta.front.en,
    }
    for (const [key, value] of Object.entries(values)) if (meta.get(key) !== value) meta.set(key, value)
    writeActors(doc, report.actors)
    const current = sectionsOf(doc)
    if (outlineOf(current) !== outlineOf(report.sections)) {
      const sections = doc.getArray<Y.Map<unknown>>(sectionsKey)
      sections.delete(0, sections.length)
      sections.push(report.sections.map(sectionToYMap))
    }
    const kept = new Set(report.sections.map((section) => section.id))
    for (const section of current) {
      if (kept.has(section.id)) continue
      for (const language of ['es', 'en'] as const) {
        const fragment = sectionFragment(doc, language, section.id)
        if (fragment.length > 0) fragment.delete(0, fragment.length)
      }
    }
    for (const section of report.sections) {
      for (const language of ['es', 'en'] as const) {
        const body = Node.fromJSON(schema, section[language])
        writeBody(doc, sectionFragment(doc, language, section.id), body)
      }
    }
  })
}
