// A property-based test of the guard (fast-check): generated sequences of updates from clients of
// every role — edits made through Yjs, and hand-built structs with any client id, clock, parent,
// origin and content, garbage and skip structs, delete ranges reaching anywhere. After each update
// the guard accepts, only the roots that role may change differ, every section body fits the
// schema, and the stored changes replay to exactly the live document.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readBody } from '../../../schema/body-reading.ts'
import type { Report } from '../../../schema/report.ts'
import { reportToYDoc } from '../../../schema/ydoc.ts'
import { forbiddenRoots, sectionOwners, type Permissions } from '../../../server/collab/authorize-update.ts'
import { UpdateGuard } from '../../../server/collab/update-guard.ts'
import { craftUpdate, type CraftedContent, type CraftedId, type CraftedStruct } from '../crafted-updates.ts'
import { testReport } from '../fixtures.ts'

const roles: readonly Permissions[] = [
  { role: 'viewer', actors: [] },
  { role: 'agency', actors: ['iom'] },
  { role: 'agency', actors: ['ilo'] },
  { role: 'translator', actors: [] },
  { role: 'editor', actors: [] },
]

const rootNames = [
  'meta',
  'sections',
  'actors',
  'es/background',
  'en/background',
  'es/iom',
  'en/iom',
  'es/ilo',
  'en/ilo',
  'es/nowhere',
  'notes',
]
const nodeNames = [
  'paragraph',
  'heading',
  'bullet_list',
  'list_item',
  'report_table',
  'table_row',
  'table_cell',
  'hard_break',
  'script',
  'doc',
  'text',
]
const words = ['uno', 'dos', 'tres', 'OIM', 'IOM', '', 'x']

/** One edit made through a Yjs client, its targets picked by number against the state at the time. */
const editOp = fc.record({
  op: fc.constantFrom(
    'type',
    'type',
    'type',
    'delete',
    'delete',
    'deleteBlock',
    'deleteBlock',
    'format',
    'element',
    'attribute',
    'section',
    'meta',
  ),
  root: fc.nat(),
  at: fc.nat(),
  length: fc.integer({ min: 1, max: 4 }),
  word: fc.constantFrom(...words),
  name: fc.constantFrom(...nodeNames),
  attr: fc.constantFrom('id', 'level', 'kind', 'column', 'onclick', 'order'),
  value: fc.oneof(
    fc.constantFrom('b1', 'actor', 'mandate', 'javascript:x', 'https://oas.org'),
    fc.integer({ min: -1, max: 9 }),
  ),
  mark: fc.constantFrom('strong', 'em', 'link', 'blink'),
})

/** A hand-built struct, its ids picked by number against the structs the live document has. */
const craftedStruct = fc.record({
  shape: fc.constantFrom('item', 'item', 'item', 'gc', 'skip'),
  place: fc.constantFrom('root', 'parent-id', 'origin', 'right-origin', 'both'),
  root: fc.nat(),
  idPick: fc.nat(),
  idPick2: fc.nat(),
  clockShift: fc.integer({ min: -2, max: 2 }),
  parentSub: fc.option(fc.constantFrom('id', 'heading_en', 'kind', 'level'), { nil: undefined }),
  content: fc.constantFrom('string', 'any', 'deleted', 'format', 'embed', 'element', 'text', 'map', 'array', 'doc'),
  word: fc.constantFrom(...words.filter((word) => word !== '')),
  name: fc.constantFrom(...nodeNames),
  length: fc.integer({ min: 1, max: 3 }),
})

const crafted = fc.record({
  clientPick: fc.nat(),
  newClient: fc.boolean(),
  clockShift: fc.integer({ min: -3, max: 1 }),
  structs: fc.array(craftedStruct, { minLength: 1, maxLength: 4 }),
  deletions: fc.array(
    fc.record({ clientPick: fc.nat(), clockPick: fc.nat(), length: fc.integer({ min: 1, max: 5 }) }),
    { maxLength: 2 },
  ),
})

const step = fc.record({
  role: fc.nat({ max: roles.length - 1 }),
  update: fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('edit' as const),
        stale: fc.nat({ max: 3 }),
        ops: fc.array(editOp, { minLength: 1, maxLength: 3 }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('crafted' as const), recipe: crafted }) },
  ),
})

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never
type EditOp = typeof editOp extends fc.Arbitrary<infer T> ? T : never
type StructRecipe = typeof craftedStruct extends fc.Arbitrary<infer T> ? T : never

function pick<T>(list: readonly T[], n: number): T | undefined {
  return list.length === 0 ? undefined : list[n % list.length]
}

/** Every struct id the document has, and its clients. */
function idsOf(doc: Y.Doc): { ids: CraftedId[]; clients: number[] } {
  const ids: CraftedId[] = []
  for (const [client, structs] of doc.store.clients)
    for (const struct of structs) ids.push({ client, clock: struct.id.clock + struct.length - 1 })
  return { ids, clients: [...doc.store.clients.keys()] }
}

function applyEdit(doc: Y.Doc, op: EditOp): void {
  const bodies = rootNames.filter((name) => name.includes('/'))
  const fragment = doc.getXmlFragment(pick(bodies, op.root)!)
  const elements: Y.XmlElement[] = []
  const texts: Y.XmlText[] = []
  const walk = (type: Y.XmlFragment | Y.XmlElement): void => {
    for (const child of type.toArray()) {
      if (child instanceof Y.XmlElement) {
        elements.push(child)
        walk(child)
      } else if (child instanceof Y.XmlText) texts.push(child)
    }
  }
  walk(fragment)
  const text = pick(texts, op.at)
  const element = pick(elements, op.at)
  switch (op.op) {
    case 'type':
      if (text && op.word !== '') text.insert(op.at % (text.length + 1), op.word)
      return
    case 'delete':
      if (text && text.length > 0)
        text.delete(op.at % text.length, Math.min(op.length, text.length - (op.at % text.length)))
      return
    case 'element': {
      const created = new Y.XmlElement(op.name)
      if (op.name === 'paragraph' || op.name === 'heading') created.insert(0, [new Y.XmlText(op.word || 'p')])
      const into = element && op.at % 2 === 0 ? element : fragment
      into.insert(op.at % (into.length + 1), [created])
      return
    }
    case 'attribute':
      element?.setAttribute(op.attr, op.value as string)
      return
    case 'format':
      if (text && text.length > 0)
        text.format(0, Math.min(op.length, text.length), {
          [op.mark]: op.mark === 'link' ? { href: String(op.value) } : {},
        })
      return
    case 'section': {
      const sections = doc.getArray<Y.Map<unknown>>('sections')
      const entry = sections.get(op.at % sections.length)
      if (entry instanceof Y.Map) entry.set(op.attr === 'kind' ? 'kind' : 'heading_en', String(op.value))
      return
    }
    case 'meta':
      doc.getMap('meta').set(op.attr === 'kind' ? 'status' : 'title_en', String(op.value))
      return
    case 'deleteBlock':
      if (fragment.length > 0) fragment.delete(op.at % fragment.length, 1)
      return
  }
}

function craftedContent(struct: StructRecipe): CraftedContent {
  switch (struct.content) {
    case 'string':
      return { kind: 'string', text: struct.word.repeat(struct.length) }
    case 'any':
      return { kind: 'any', values: Array.from({ length: struct.length }, (_, i) => (i % 2 === 0 ? struct.word : i)) }
    case 'deleted':
      return { kind: 'deleted', length: struct.length }
    case 'format':
      return {
        kind: 'format',
        key: struct.name === 'script' ? 'link' : 'strong',
        value: struct.name === 'script' ? { href: 'javascript:x' } : {},
      }
    case 'embed':
      return { kind: 'embed', value: { image: struct.word } }
    case 'element':
      return { kind: 'type', typeRef: 3, name: struct.name }
    case 'text':
      return { kind: 'type', typeRef: 6 }
    case 'map':
      return { kind: 'type', typeRef: 1 }
    case 'array':
      return { kind: 'type', typeRef: 0 }
    case 'doc':
      return { kind: 'doc', guid: struct.word }
  }
}

/**
 * The update a step sends. An edit is made on the live document as it was `stale` accepted
 * updates ago (a client that has not yet received the latest changes), so concurrent edits merge.
 */
function updateOf(live: Y.Doc, history: readonly Uint8Array[], step: Step, editorClient: number): Uint8Array {
  if (step.update.kind === 'edit') {
    const copy = new Y.Doc()
    copy.clientID = editorClient
    Y.applyUpdate(copy, history[Math.max(0, history.length - 1 - step.update.stale)]!)
    const before = Y.encodeStateVector(copy)
    copy.transact(() => {
      for (const op of step.update.kind === 'edit' ? step.update.ops : []) applyEdit(copy, op)
    })
    const update = Y.encodeStateAsUpdate(copy, before)
    copy.destroy()
    return update
  }
  const { recipe } = step.update
  const { ids, clients } = idsOf(live)
  const client = recipe.newClient ? 100_000 + (recipe.clientPick % 50) : (pick(clients, recipe.clientPick) ?? 1)
  const clock = Math.max(0, Y.getState(live.store, client) + recipe.clockShift)
  const structs: CraftedStruct[] = recipe.structs.map((struct) => {
    if (struct.shape !== 'item') return { kind: struct.shape, length: struct.length }
    const id = pick(ids, struct.idPick)
    const id2 = pick(ids, struct.idPick2)
    const shifted = id && { client: id.client, clock: Math.max(0, id.clock + struct.clockShift) }
    const content = craftedContent(struct)
    switch (struct.place) {
      case 'root':
        return {
          kind: 'item',
          parent: pick(rootNames, struct.root)!,
          ...(struct.parentSub !== undefined && { parentSub: struct.parentSub }),
          content,
        }
      case 'parent-id':
        return {
          kind: 'item',
          parent: shifted ?? 'meta',
          ...(struct.parentSub !== undefined && { parentSub: struct.parentSub }),
          content,
        }
      case 'origin':
        return { kind: 'item', ...(shifted ? { origin: shifted } : { parent: 'es/iom' }), content }
      case 'right-origin':
        return { kind: 'item', ...(shifted ? { rightOrigin: shifted } : { parent: 'es/iom' }), content }
      case 'both':
        return {
          kind: 'item',
          ...(shifted && id2 ? { origin: shifted, rightOrigin: id2 } : { parent: 'en/ilo' }),
          content,
        }
    }
  })
  const deletions = recipe.deletions.map((deletion) => {
    const target = pick(clients, deletion.clientPick) ?? client
    return { client: target, clock: deletion.clockPick % (Y.getState(live.store, target) + 3), length: deletion.length }
  })
  return craftUpdate([{ client, clock, structs }], deletions)
}

/** Each root's content as text, to compare before and after. */
function rootsOf(doc: Y.Doc): Map<string, string> {
  const roots = new Map<string, string>()
  for (const name of [...doc.share.keys()].sort()) {
    if (name === 'meta' || name === 'actors') roots.set(name, JSON.stringify(doc.getMap(name).toJSON()))
    else if (name === 'sections') roots.set(name, JSON.stringify(doc.getArray(name).toJSON()))
    else roots.set(name, doc.getXmlFragment(name).toString())
  }
  return roots
}

/**
 * The test report with bodies that concurrent deletions can leave unfit: a list item of two
 * paragraphs in each language of `background`, and an actor table in `es/iom`.
 */
function richReport(): Report {
  const report = testReport()
  const paragraph = (id: string, text: string) => ({
    type: 'paragraph',
    attrs: { id },
    content: [{ type: 'text', text }],
  })
  const list = {
    type: 'bullet_list',
    content: [{ type: 'list_item', attrs: { id: 'li1' }, content: [paragraph('lp1', 'uno'), paragraph('lp2', 'dos')] }],
  }
  const columns = ['mandate', 'programmed', 'executed', 'planned', 'financing']
  const table = {
    type: 'report_table',
    attrs: { id: 't1', kind: 'actor' },
    content: [
      {
        type: 'table_row',
        attrs: { id: 'r1' },
        content: columns.map((column) => ({
          type: 'table_cell',
          attrs: { column },
          content: [paragraph(`c-${column}`, column), paragraph(`d-${column}`, 'más')],
        })),
      },
    ],
  }
  const sections = report.sections.map((section) => {
    if (section.id === 'background')
      return {
        ...section,
        es: { type: 'doc' as const, content: [...section.es.content!, list] },
        en: { type: 'doc' as const, content: [...section.en.content!, list] },
      }
    if (section.id === 'iom')
      return { ...section, es: { type: 'doc' as const, content: [...section.es.content!, table] } }
    return section
  })
  return { ...report, sections }
}

/** How many generated updates the guard accepted and refused, to see the test is not vacuous. */
const tally = { accepted: 0, refused: 0, repaired: 0 }

/** Runs `steps` against a fresh report; returns how many updates were judged. */
function runSequence(steps: readonly Step[]): number {
  const initial = Y.encodeStateAsUpdate(reportToYDoc(richReport()))
  const live = new Y.Doc()
  Y.applyUpdate(live, initial)
  const guard = new UpdateGuard({ live, queued: () => [], maxStructsPerUpdate: 1000 })
  const log: Uint8Array[] = [initial]
  const history: Uint8Array[] = [initial]
  steps.forEach((step, index) => {
    const who = roles[step.role]!
    const update = updateOf(live, history, step, 50_000 + index)
    const before = rootsOf(live)
    const owners = sectionOwners(live)
    const verdict = guard.judge(update, who)
    if (verdict.kind !== 'accepted') {
      tally.refused++
      return
    }
    tally.accepted++
    if (verdict.repair !== undefined) tally.repaired++
    for (const change of [verdict.effect, verdict.repair]) {
      if (change === undefined) continue
      Y.applyUpdate(live, change)
      log.push(change)
    }
    history.push(Y.encodeStateAsUpdate(live))
    const after = rootsOf(live)
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter(
      (name) => before.get(name) !== after.get(name),
    )
    // A repair is the server's own; what the sender changed must be within its role even so.
    expect(forbiddenRoots(changed, who, owners), `step ${index}: ${who.role} changed ${changed.join(', ')}`).toEqual([])
    for (const name of live.share.keys()) {
      if (!name.includes('/') || !owners.has(name.split('/')[1]!)) continue
      expect(
        readBody(live.getXmlFragment(name)).problems.map((problem) => problem.message),
        `step ${index}: ${name} fits the schema`,
      ).toEqual([])
    }
    const replayed = new Y.Doc()
    for (const change of log) Y.applyUpdate(replayed, change)
    expect(rootsOf(replayed), `step ${index}: the stored changes replay to the live document`).toEqual(rootsOf(live))
    expect(Y.encodeStateVector(replayed)).toEqual(Y.encodeStateVector(live))
    replayed.destroy()
  })
  guard.reset()
  live.destroy()
  return steps.length
}

/**
 * Sequences that failed once, run first every time. Seed 105276265: a translator's format struct
 * placed after a table cell's `column` attribute replaced it; the repair moved the cell's
 * paragraphs to the last column, and updateYFragment left one of them behind as well, so its
 * block id appeared twice (schema/body-writing.ts now checks what it wrote).
 */
const foundBefore: Step[] = [
  {
    role: 3,
    update: {
      kind: 'crafted',
      recipe: {
        clientPick: 0,
        newClient: false,
        clockShift: 0,
        structs: [
          {
            shape: 'item',
            place: 'origin',
            root: 0,
            idPick: 335044164,
            idPick2: 0,
            clockShift: 2,
            parentSub: undefined,
            content: 'format',
            word: 'uno',
            name: 'paragraph',
            length: 1,
          },
        ],
        deletions: [{ clientPick: 0, clockPick: 301953407, length: 1 }],
      },
    },
  },
]

describe('the guard, on generated updates', () => {
  it('lets each role change only its roots, keeps every body valid, and stores exactly what the live document holds', () => {
    const seed = Number(process.env['SEED_GUARD'] ?? Math.floor(Math.random() * 2 ** 31))
    console.log(`guard property: seed ${seed} (replay with SEED_GUARD=${seed})`)
    let judged = 0
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        judged += runSequence(steps)
      }),
      { seed, numRuns: Number(process.env['GUARD_RUNS'] ?? 5000), examples: [[foundBefore]] },
    )
    console.log(
      `guard property: ${judged} updates judged, ${tally.accepted} accepted (${tally.repaired} repaired), ${tally.refused} refused`,
    )
    // Both outcomes must be common, or the property says little.
    expect(tally.accepted).toBeGreaterThan(judged / 5)
    expect(tally.refused).toBeGreaterThan(judged / 5)
    // Stale edits merge into bodies to repair often enough that the repair is checked too.
    expect(tally.repaired).toBeGreaterThan(0)
  }, 300_000)
})
