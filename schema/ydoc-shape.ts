// The shapes of a report's `meta`, `sections` and `actors` (interface.md, "The Y.Doc of a report"),
// checked on what the Y.Doc holds, without changing it.

import * as Y from 'yjs'
import { isSlug } from './check.ts'
import { reportKinds, reportStatuses, sectionKinds } from './report.ts'
import { actorsKey, metaKey, sectionsKey } from './ydoc.ts'
import { hasListContent, hasMapEntries } from './ytype-content.ts'

/** Keys `meta` may hold, each a string. */
const metaKeys: ReadonlySet<string> = new Set([
  'id',
  'title_es',
  'title_en',
  'kind',
  'status',
  'symbol',
  'front_es',
  'front_en',
])
/** Keys an actor entry holds, each a string. */
const actorKeys: ReadonlySet<string> = new Set(['name_es', 'name_en', 'acronym_es', 'acronym_en'])
/** Keys a `sections` entry may hold. */
const sectionKeys: ReadonlySet<string> = new Set(['id', 'kind', 'actor', 'heading_es', 'heading_en', 'groups'])

/** The longest text a heading, title or name may have: ten times the longest in the bundled reports. */
const maxOutlineText = 4000
/** The front matter of an original may be a page of lines. */
const maxFrontText = 64 * 1024

function stringProblem(value: unknown, what: string, max = maxOutlineText): string | undefined {
  if (typeof value !== 'string') return `${what} must be a string`
  if (value.length > max) return `${what} is longer than ${max} characters`
  return undefined
}

/** Why `meta` does not have its shape, or undefined. */
export function metaProblem(doc: Y.Doc): string | undefined {
  const meta = doc.getMap<unknown>(metaKey)
  if (hasListContent(meta)) return 'meta holds list items'
  for (const [key, value] of meta.entries()) {
    if (!metaKeys.has(key)) return `meta has no key "${key}"`
    const problem = stringProblem(value, `meta.${key}`, key.startsWith('front_') ? maxFrontText : maxOutlineText)
    if (problem !== undefined) return problem
  }
  const kind = meta.get('kind')
  if (kind !== undefined && !(reportKinds as readonly unknown[]).includes(kind))
    return `meta.kind ${JSON.stringify(kind)} is not a report kind`
  const status = meta.get('status')
  if (status !== undefined && !(reportStatuses as readonly unknown[]).includes(status))
    return `meta.status ${JSON.stringify(status)} is not a report status`
  return undefined
}

/** Why `actors` does not have its shape, or undefined. */
export function actorsProblem(doc: Y.Doc): string | undefined {
  const actors = doc.getMap<unknown>(actorsKey)
  if (hasListContent(actors)) return 'actors holds list items'
  for (const [id, entry] of actors.entries()) {
    if (!isSlug(id)) return `actor id ${JSON.stringify(id)} is not a slug`
    if (!(entry instanceof Y.Map)) return `actor "${id}" is not a map`
    if (hasListContent(entry)) return `actor "${id}" holds list items`
    for (const [key, value] of entry.entries()) {
      if (!actorKeys.has(key)) return `actor "${id}" has no key "${key}"`
      const problem = stringProblem(value, `actor "${id}".${key}`)
      if (problem !== undefined) return problem
    }
  }
  return undefined
}

function groupsProblem(value: unknown, id: string): string | undefined {
  if (!Array.isArray(value)) return `section "${id}".groups must be a list`
  for (const group of value as unknown[]) {
    if (group === null || typeof group !== 'object' || Array.isArray(group))
      return `section "${id}".groups holds something other than headings`
    const keys = Object.keys(group)
    if (keys.length !== 2 || !keys.includes('es') || !keys.includes('en'))
      return `section "${id}".groups entries hold exactly es and en`
    const { es, en } = group as { es: unknown; en: unknown }
    const problem = stringProblem(es, `section "${id}".groups`) ?? stringProblem(en, `section "${id}".groups`)
    if (problem !== undefined) return problem
  }
  return undefined
}

/** Why `sections` does not have its shape, or undefined. */
export function sectionsProblem(doc: Y.Doc): string | undefined {
  const sections = doc.getArray<unknown>(sectionsKey)
  if (hasMapEntries(sections)) return 'sections holds map entries'
  const ids = new Set<string>()
  let index = 0
  for (const entry of sections.toArray()) {
    const where = `sections[${index++}]`
    if (!(entry instanceof Y.Map)) return `${where} is not a map`
    if (hasListContent(entry)) return `${where} holds list items`
    for (const [key, value] of entry.entries()) {
      if (!sectionKeys.has(key)) return `${where} has no key "${key}"`
      if (key === 'groups') {
        const problem = groupsProblem(value, String(entry.get('id')))
        if (problem !== undefined) return problem
      } else {
        const problem = stringProblem(value, `${where}.${key}`)
        if (problem !== undefined) return problem
      }
    }
    const id = entry.get('id')
    if (!isSlug(id)) return `${where}.id ${JSON.stringify(id)} is not a slug`
    if (ids.has(id)) return `section "${id}" appears twice`
    ids.add(id)
    const kind = entry.get('kind')
    if (!(sectionKinds as readonly unknown[]).includes(kind)) return `section "${id}" has kind ${JSON.stringify(kind)}`
    const actor = entry.get('actor')
    if (actor !== undefined && !isSlug(actor)) return `section "${id}".actor ${JSON.stringify(actor)} is not a slug`
    if (kind === 'actor' && actor === undefined) return `actor section "${id}" names no actor`
  }
  return undefined
}

/** Why the root `name` of `doc` does not have its shape, or undefined; bodies are checked by `readBody`. */
export function outlineProblem(doc: Y.Doc, name: string): string | undefined {
  if (name === metaKey) return metaProblem(doc)
  if (name === actorsKey) return actorsProblem(doc)
  if (name === sectionsKey) return sectionsProblem(doc)
  return undefined
}
