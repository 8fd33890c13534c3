import { Node } from 'prosemirror-model'
import { prosemirrorToYXmlFragment } from 'y-prosemirror'
import * as Y from 'yjs'
import type { Bilingual, Language } from './languages.ts'
import { emptyBody, readBody, type BodyProblem } from './body-reading.ts'
import { repairBody } from './body-repair.ts'
import { schema } from './prosemirror-schema.ts'
import type { Actor, DocJSON, Report, ReportKind, ReportMeta, ReportStatus, Section, SectionKind } from './report.ts'
import { errorMessage } from './error-message.ts'

// The Y.Doc layout is a public contract (docs: interface.md, "The Y.Doc of a report").

/** Name of the `Y.Map` holding the report's meta. */
export const metaKey = 'meta'
/** Name of the `Y.Array<Y.Map>` holding the sections in reading order. */
export const sectionsKey = 'sections'
/** Name of the `Y.Map<Y.Map>` holding the actors registry. */
export const actorsKey = 'actors'
/** Name of the `Y.Map` holding the sign-off of each body (`schema/review.ts`); only the server writes it. */
export const reviewKey = 'review'
/** Name of the `Y.Map` holding the comment threads (`schema/comments.ts`); only the server writes it. */
export const commentsKey = 'comments'
/** The roots no client may write: the server records sign-offs and comments itself (who, when, checked). */
export const serverOnlyRoots: ReadonlySet<string> = new Set([reviewKey, commentsKey])

/** Name of the `Y.XmlFragment` holding the body of a section in a language: `es/<id>` or `en/<id>`. */
export function fragmentName(language: Language, sectionId: string): string {
  return `${language}/${sectionId}`
}

/** `es/<id>` or `en/<id>`. */
const fragmentNamePattern = /^(es|en)\/(.+)$/

/** The language and section of a body fragment's name (`es/iom` → es, iom), or undefined for any other root. */
export function parseFragmentName(
  name: string,
): { readonly language: Language; readonly sectionId: string } | undefined {
  const match = fragmentNamePattern.exec(name)
  return match ? { language: match[1] as Language, sectionId: match[2]! } : undefined
}

// Yjs types a parent as AbstractType<YEvent<any>>; kept private so no `any` is exported.
// biome-ignore lint/suspicious/noExplicitAny: Yjs's own type for a parent; not exported
type AnyType = Y.AbstractType<Y.YEvent<any>>

/**
 * The root type that `type` hangs under (itself when it is a root), walking up its items'
 * parents; undefined when the chain is broken (a parent that is not a type, as a pending or
 * garbage-collected item leaves).
 */
export function rootTypeOf(type: Y.AbstractType<unknown>): Y.AbstractType<unknown> | undefined {
  let current = type as AnyType
  while (current._item !== null) {
    const parent = current._item.parent
    if (!(parent instanceof Y.AbstractType)) return undefined
    current = parent
  }
  return current as unknown as Y.AbstractType<unknown>
}

/** The body fragment of a section in a language. */
export function sectionFragment(ydoc: Y.Doc, language: Language, sectionId: string): Y.XmlFragment {
  return ydoc.getXmlFragment(fragmentName(language, sectionId))
}

/** The `sections` entry of a section (its id, kind, actor, headings and groups; no body). */
export function sectionToYMap(section: Omit<Section, 'es' | 'en'>): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  map.set('id', section.id)
  map.set('kind', section.kind)
  if (section.actor !== undefined) map.set('actor', section.actor)
  map.set('heading_es', section.heading.es)
  map.set('heading_en', section.heading.en)
  map.set(
    'groups',
    section.groups.map((group) => ({ es: group.es, en: group.en })),
  )
  return map
}

/** The `actors` entry of an actor. */
export function actorToYMap(actor: Actor): Y.Map<string> {
  const map = new Y.Map<string>()
  map.set('name_es', actor.name.es)
  map.set('name_en', actor.name.en)
  map.set('acronym_es', actor.acronym.es)
  map.set('acronym_en', actor.acronym.en)
  return map
}

/**
 * Write `report` into `ydoc` (a new one by default) in the public layout, in one transaction.
 * Meant for a new, empty document: it does not clear what is already there. Bodies are converted
 * with y-prosemirror's own conversion, so an editor bound to a fragment sees exactly the report.
 */
export function reportToYDoc(report: Report, ydoc: Y.Doc = new Y.Doc()): Y.Doc {
  ydoc.transact(() => {
    const meta = ydoc.getMap<unknown>(metaKey)
    meta.set('id', report.id)
    meta.set('title_es', report.meta.title.es)
    meta.set('title_en', report.meta.title.en)
    meta.set('kind', report.meta.kind)
    meta.set('status', report.meta.status)
    meta.set('symbol', report.meta.symbol)
    meta.set('front_es', report.meta.front.es)
    meta.set('front_en', report.meta.front.en)
    const actors = ydoc.getMap<Y.Map<string>>(actorsKey)
    for (const actor of report.actors) actors.set(actor.id, actorToYMap(actor))
    ydoc.getArray<Y.Map<unknown>>(sectionsKey).push(report.sections.map(sectionToYMap))
    for (const section of report.sections) {
      for (const language of ['es', 'en'] as const) {
        const body = Node.fromJSON(schema, section[language])
        prosemirrorToYXmlFragment(body, sectionFragment(ydoc, language, section.id))
      }
    }
  })
  return ydoc
}

function text(map: Y.Map<unknown>, key: string): string {
  const value = map.get(key)
  return typeof value === 'string' ? value : ''
}

function bilingual(map: Y.Map<unknown>, key: string): Bilingual {
  return { es: text(map, `${key}_es`), en: text(map, `${key}_en`) }
}

/** What did not fit the schema in a section body that was read anyway. */
export interface UnfitBody {
  readonly section: string
  readonly language: Language
  /** The problems found, or the error reading it threw. */
  readonly problems: readonly Pick<BodyProblem, 'kind' | 'path' | 'message'>[]
}

/** Called for each body that did not fit the schema while a report was read. */
export type OnUnfitBody = (unfit: UnfitBody) => void

/**
 * The ProseMirror JSON of a section body in a language, read without changing `ydoc` (unlike
 * y-prosemirror's own conversion, which deletes what it cannot parse). An empty fragment (a
 * section whose body was never written) reads as one empty paragraph. A body that does not fit the
 * schema (stored before the server checked bodies) is read leaving out what does not fit and
 * fitting the rest, and reported to `onUnfit`; one that cannot be read at all reads as an empty
 * paragraph, so one section never takes the whole report down.
 */
export function sectionBodyJSON(ydoc: Y.Doc, language: Language, sectionId: string, onUnfit?: OnUnfitBody): DocJSON {
  const fragment = sectionFragment(ydoc, language, sectionId)
  if (fragment.length === 0) return emptyBody().toJSON() as DocJSON
  try {
    const reading = readBody(fragment, { lenient: true })
    if (reading.problems.length === 0) return reading.doc!
    onUnfit?.({
      section: sectionId,
      language,
      problems: reading.problems.map(({ kind, path, message }) => ({ kind, path, message })),
    })
    return (reading.node === undefined ? emptyBody() : repairBody(reading.node)).toJSON() as DocJSON
  } catch (error) {
    onUnfit?.({
      section: sectionId,
      language,
      problems: [{ kind: 'foreign', path: 'doc', message: `the body could not be read: ${errorMessage(error)}` }],
    })
    return emptyBody().toJSON() as DocJSON
  }
}

/** The sections registry of `ydoc` (ids, kinds, headings), without bodies. */
export function sectionsOf(ydoc: Y.Doc): Array<Omit<Section, 'es' | 'en'>> {
  return ydoc
    .getArray<Y.Map<unknown>>(sectionsKey)
    .toArray()
    .map((map) => {
      const actor = map.get('actor')
      const groups = map.get('groups')
      return {
        id: text(map, 'id'),
        kind: text(map, 'kind') as SectionKind,
        ...(typeof actor === 'string' ? { actor } : {}),
        heading: bilingual(map, 'heading'),
        groups: Array.isArray(groups) ? (groups as Bilingual[]).map((g) => ({ es: g.es, en: g.en })) : [],
      }
    })
}

/** The actors registry of `ydoc`, in insertion order. */
export function actorsOf(ydoc: Y.Doc): Actor[] {
  const actors: Actor[] = []
  ydoc.getMap<Y.Map<unknown>>(actorsKey).forEach((map, id) => {
    actors.push({ id, name: bilingual(map, 'name'), acronym: bilingual(map, 'acronym') })
  })
  return actors
}

/** The meta of `ydoc`. */
export function metaOf(ydoc: Y.Doc): ReportMeta {
  const meta = ydoc.getMap<unknown>(metaKey)
  return {
    title: bilingual(meta, 'title'),
    kind: text(meta, 'kind') as ReportKind,
    status: text(meta, 'status') as ReportStatus,
    symbol: text(meta, 'symbol'),
    front: bilingual(meta, 'front'),
  }
}

/** Read the whole report back from `ydoc` without changing it; `id` names it when the meta lacks one; see {@link sectionBodyJSON} for `onUnfit`. */
export function yDocToReport(ydoc: Y.Doc, id?: string, onUnfit?: OnUnfitBody): Report {
  const metaId = ydoc.getMap<unknown>(metaKey).get('id')
  return {
    id: id ?? (typeof metaId === 'string' ? metaId : ''),
    meta: metaOf(ydoc),
    actors: actorsOf(ydoc),
    sections: sectionsOf(ydoc).map((section) => ({
      ...section,
      es: sectionBodyJSON(ydoc, 'es', section.id, onUnfit),
      en: sectionBodyJSON(ydoc, 'en', section.id, onUnfit),
    })),
  }
}
