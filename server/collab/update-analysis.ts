// What a Yjs update touches, found with Yjs's public API without applying it (design.md, "The
// server is the guard"): the root type of every new struct and of every newly deleted item.

import * as Y from 'yjs'
import type { PendingStructs, StructRun } from './pending-structs.ts'

/** Why an update cannot be analysed: malformed, or it builds on content the server does not have. */
export class UnresolvableUpdate extends Error {
  /** `malformed` or `missing-dependency`. */
  readonly code: 'malformed' | 'missing-dependency'
  /** For a missing dependency: the client id whose content is missing, when known. */
  readonly missingClient: number | undefined
  constructor(code: 'malformed' | 'missing-dependency', message: string, missingClient?: number) {
    super(message)
    this.name = 'UnresolvableUpdate'
    this.code = code
    this.missingClient = missingClient
  }
}

/** The effect of an update on a document. */
export interface UpdateAnalysis {
  /** False when the update brings nothing the document (and pending updates) lack: it need not be stored. */
  readonly changed: boolean
  /** Root types (`sections`, `es/<id>`, …) that new structs land in or new deletions remove from. */
  readonly roots: ReadonlySet<string>
  /** The new struct runs, to register as pending until the update is applied. */
  readonly runs: readonly StructRun[]
}

interface LocalRun {
  readonly struct: Y.Item | Y.GC | Y.Skip
  root: string | null | undefined
  state: 'new' | 'resolving' | 'done'
}

type Root = string | null

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- doc.share holds types of any content
type AnyType = Y.AbstractType<any>

function rootNames(doc: Y.Doc): Map<AnyType, string> {
  const names = new Map<AnyType, string>()
  for (const [name, type] of doc.share) names.set(type, name)
  return names
}

/** Analyses `update` against `doc` plus `pending`; throws {@link UnresolvableUpdate}. */
export function analyzeUpdate(doc: Y.Doc, update: Uint8Array, pending: PendingStructs): UpdateAnalysis {
  let decoded: ReturnType<typeof Y.decodeUpdate>
  try {
    decoded = Y.decodeUpdate(update)
  } catch (error) {
    throw new UnresolvableUpdate('malformed', `undecodable update: ${error instanceof Error ? error.message : String(error)}`)
  }
  const store = doc.store
  const names = rootNames(doc)
  const local = new Map<number, LocalRun[]>()
  for (const struct of decoded.structs) {
    const list = local.get(struct.id.client) ?? []
    list.push({ struct, root: undefined, state: 'new' })
    local.set(struct.id.client, list)
  }
  const known = (client: number): number => Math.max(Y.getState(store, client), pending.state(client))

  const storeRoot = (struct: Y.Item | Y.GC): Root => {
    if (!(struct instanceof Y.Item)) return null
    let type = struct.parent
    while (type instanceof Y.AbstractType && type._item !== null) type = type._item.parent
    if (!(type instanceof Y.AbstractType)) return null
    const name = names.get(type)
    if (name === undefined) throw new UnresolvableUpdate('malformed', 'an item refers to a type outside the document')
    return name
  }

  const findLocal = (id: Y.ID): LocalRun | undefined =>
    local.get(id.client)?.find((run) => id.clock >= run.struct.id.clock && id.clock < run.struct.id.clock + run.struct.length)

  /** Root of the item holding `id`; undefined when nobody has it. */
  const rootOf = (id: Y.ID): Root | undefined => {
    if (id.clock < Y.getState(store, id.client)) {
      const structs = store.clients.get(id.client)!
      return storeRoot(structs[Y.findIndexSS(structs, id.clock)]!)
    }
    const run = pending.find(id)
    if (run !== undefined) return run.root
    const mine = findLocal(id)
    return mine === undefined ? undefined : resolveLocal(mine)
  }

  const require = (id: Y.ID): Root => {
    const root = rootOf(id)
    if (root === undefined) throw new UnresolvableUpdate('missing-dependency', `the update builds on ${id.client}:${id.clock}, which the server does not have`, id.client)
    return root
  }

  const extraRoots = new Set<string>()
  const resolveLocal = (run: LocalRun): Root | undefined => {
    if (run.state === 'done') return run.root
    if (run.state === 'resolving') throw new UnresolvableUpdate('malformed', 'the update refers to itself in a cycle')
    run.state = 'resolving'
    const struct = run.struct
    let root: Root | undefined
    if (struct instanceof Y.Skip) root = undefined
    else if (struct instanceof Y.GC) root = null
    else if (struct.origin !== null || struct.rightOrigin !== null) {
      const left = struct.origin === null ? undefined : require(struct.origin)
      const right = struct.rightOrigin === null ? undefined : require(struct.rightOrigin)
      // Yjs drops an item next to a garbage-collected neighbour; otherwise it lands with its left, else right, neighbour.
      if (left === null || right === null) root = null
      else {
        root = left ?? right ?? null
        if (typeof right === 'string') extraRoots.add(right)
      }
    } else if (typeof struct.parent === 'string') root = struct.parent
    else if (struct.parent instanceof Y.ID) root = require(struct.parent)
    else throw new UnresolvableUpdate('malformed', 'an item has neither a parent nor neighbours')
    run.root = root
    run.state = 'done'
    return root
  }

  const roots = new Set<string>()
  const runs: StructRun[] = []
  let changed = false
  for (const [client, list] of local) {
    let next = known(client)
    for (const run of list) {
      const { clock } = run.struct.id
      const end = clock + run.struct.length
      if (run.struct instanceof Y.Skip) continue
      if (clock > next) throw new UnresolvableUpdate('missing-dependency', `the update skips ${client}:${next}..${clock}, which the server does not have`, client)
      if (end <= next) continue
      const root = resolveLocal(run)
      if (root === undefined) throw new UnresolvableUpdate('missing-dependency', 'an item depends on content the server does not have')
      if (root !== null) roots.add(root)
      runs.push({ client, clock, length: run.struct.length, root })
      changed = true
      next = end
    }
  }

  for (const [client, deletions] of decoded.ds.clients) {
    for (const { clock, len } of deletions) {
      let at = clock
      const end = clock + len
      const storeState = Y.getState(store, client)
      if (at < storeState) {
        const structs = store.clients.get(client)!
        for (let i = Y.findIndexSS(structs, at); i < structs.length && structs[i]!.id.clock < end; i++) {
          const struct = structs[i]!
          if (struct instanceof Y.Item && !struct.deleted) {
            const root = storeRoot(struct)
            if (root !== null) roots.add(root)
            changed = true
          }
        }
        at = Math.min(end, storeState)
      }
      while (at < end) {
        const id = Y.createID(client, at)
        const pendingRun = pending.find(id)
        const localRun = pendingRun === undefined ? findLocal(id) : undefined
        if (pendingRun === undefined && localRun === undefined) {
          throw new UnresolvableUpdate('missing-dependency', `the update deletes ${client}:${at}, which the server does not have`, client)
        }
        const root = pendingRun !== undefined ? pendingRun.root : resolveLocal(localRun!)
        if (typeof root === 'string') roots.add(root)
        changed = true
        at = pendingRun !== undefined ? pendingRun.clock + pendingRun.length : localRun!.struct.id.clock + localRun!.struct.length
      }
    }
  }
  for (const root of extraRoots) roots.add(root)
  return { changed, roots, runs }
}
