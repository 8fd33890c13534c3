// The guard of a report's updates (design.md, "The server is the guard"): each update is applied to
// a candidate Y.Doc that mirrors the live one plus the updates accepted but not yet stored, and it
// is judged on what that transaction did, never on what its structs declare.

import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { readBody, readText } from '../../schema/body-reading.ts'
import { repairBody } from '../../schema/body-repair.ts'
import { writeBody } from '../../schema/body-writing.ts'
import { outlineProblem } from '../../schema/ydoc-shape.ts'
import { approvedBodies } from '../../schema/review.ts'
import { actorsKey, metaKey, reviewKey, rootTypeOf, sectionsKey } from '../../schema/ydoc.ts'
import { bodySection, forbiddenRoots, sectionOwners, type Permissions, type SectionOwners } from './authorize-update.ts'
import { closeForbidden, closeMalformed, closeTooLarge } from '../../schema/close-codes.ts'
import { defaultMaxStructsPerUpdate } from './limits.ts'
import { errorMessage } from '../../schema/error-message.ts'

/** A candidate unused this long (and with nothing queued) is dropped: a report people only read costs one copy of itself less, and rebuilding it takes tens of milliseconds. */
export const candidateIdleMs = 30_000

/** What the guard decided about one update. */
export type Verdict =
  /** Allowed. `effect` is what it changed, to store and broadcast (undefined: it changed nothing); `repair` a server change to store right after it. */
  | { readonly kind: 'accepted'; readonly effect: Uint8Array | undefined; readonly repair: Uint8Array | undefined }
  /** Refused: close the connection with `code` (4400, 4403 or 4413); nothing of it was kept. */
  | { readonly kind: 'refused'; readonly code: number; readonly reason: string }
  /** It builds on content of `client` the server does not have yet (the connection may send it next). */
  | { readonly kind: 'missing'; readonly client: number | undefined; readonly reason: string }

/** Options of {@link UpdateGuard}. */
export interface UpdateGuardOptions {
  /** The live document (what is stored and broadcast). */
  readonly live: Y.Doc
  /** Updates accepted but not applied to the live document yet, oldest first. */
  readonly queued: () => Iterable<Uint8Array>
  /** Most structs plus delete ranges in one update; more is refused with 4413. Default {@link defaultMaxStructsPerUpdate}. */
  readonly maxStructsPerUpdate?: number
}

// biome-ignore lint/suspicious/noExplicitAny: doc.share holds types of any event type
type AnyType = Y.AbstractType<any>

/** Why a refusal happened, thrown inside the analysis and turned into a verdict. */
class Refusal extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message)
  }
}

const outlineRoots: ReadonlySet<string> = new Set([metaKey, sectionsKey, actorsKey])

/**
 * Judges updates on a candidate document. The candidate is made on first use and dropped after a
 * refusal (it may hold part of the refused update) or when the document asks; it is rebuilt from
 * the live document and the queued updates.
 */
export class UpdateGuard {
  private candidate: Y.Doc | undefined
  private owners: SectionOwners | undefined
  /** The approved bodies of the candidate: read-only for everyone (`schema/review.ts`). */
  private approved: ReadonlySet<string> = new Set()
  private readonly rootNames = new Map<AnyType, string>()
  private readonly maxStructs: number
  /** Bodies the judged transaction left in a shape to repair, once it is over. */
  private repairs: string[] = []
  private lastUsed = 0
  private idleTimer: NodeJS.Timeout | undefined

  constructor(private readonly options: UpdateGuardOptions) {
    this.maxStructs = options.maxStructsPerUpdate ?? defaultMaxStructsPerUpdate
  }

  /** Judges `update` of a connection whose user has `who`'s permissions. */
  judge(update: Uint8Array, who: Permissions): Verdict {
    if (who.role === 'viewer' && this.viewerAddsContent(update))
      return {
        kind: 'refused',
        code: closeForbidden,
        reason: 'viewer may not change anything (the update adds content)',
      }
    let decoded: ReturnType<typeof Y.decodeUpdate>
    try {
      decoded = Y.decodeUpdate(update)
    } catch (error) {
      return { kind: 'refused', code: closeMalformed, reason: `undecodable update: ${errorMessage(error)}` }
    }
    let ranges = 0
    for (const deletions of decoded.ds.clients.values()) ranges += deletions.length
    if (decoded.structs.length + ranges > this.maxStructs) {
      return {
        kind: 'refused',
        code: closeTooLarge,
        reason: `an update of ${decoded.structs.length + ranges} structs and deletions exceeds the limit of ${this.maxStructs}`,
      }
    }
    const change = this.whatItChanges(decoded)
    if (change === undefined) return { kind: 'accepted', effect: undefined, repair: undefined }
    if (who.role === 'viewer')
      return { kind: 'refused', code: closeForbidden, reason: `viewer may not change anything (the update ${change})` }
    const missing = this.missingDependency(decoded)
    if (missing !== undefined) return missing
    return this.judgeOnCandidate(update, who)
  }

  /** Applies an update that needs no judging (stored by another instance, or made by the server) to the candidate, if there is one. */
  follow(update: Uint8Array): void {
    const candidate = this.candidate
    if (candidate === undefined) return
    let touchedOutline = false
    let touchedReview = false
    const watch = (transaction: Y.Transaction): void => {
      for (const type of transaction.changed.keys()) {
        const root = this.rootOf(type)
        if (root === sectionsKey) touchedOutline = true
        if (root === reviewKey) touchedReview = true
      }
    }
    candidate.on('afterTransaction', watch)
    try {
      Y.applyUpdate(candidate, update)
    } catch {
      // It is stored already; a candidate that cannot take it is rebuilt from the live doc on next use.
      this.reset()
      return
    } finally {
      candidate.off('afterTransaction', watch)
    }
    if (touchedOutline) this.owners = sectionOwners(candidate)
    if (touchedReview) this.approved = approvedBodies(candidate)
  }

  /** Drops the candidate; the next update rebuilds it. */
  reset(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer)
    this.idleTimer = undefined
    this.candidate?.destroy()
    this.candidate = undefined
    this.owners = undefined
    this.approved = new Set()
    this.rootNames.clear()
  }

  /**
   * True when the first struct run of `update` starts at or after what the server has of its
   * client: new content, read from the update's first bytes without decoding the rest, so a
   * viewer's crafted flood costs nothing to refuse. (A stock viewer's sync step 2 holds no struct.)
   */
  private viewerAddsContent(update: Uint8Array): boolean {
    try {
      const decoder = decoding.createDecoder(update)
      const clients = decoding.readVarUint(decoder)
      if (clients === 0) return false
      const structs = decoding.readVarUint(decoder)
      const client = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      return structs > 0 && clock >= Y.getState((this.candidate ?? this.options.live).store, client)
    } catch {
      return false
    }
  }

  /**
   * What `decoded` would change on the candidate (or the live document): undefined when every
   * struct is one the server has and every deletion is already made (a stock client's sync step 2),
   * else what it does. Costs a look-up per struct and per deleted struct, and builds nothing.
   */
  private whatItChanges(decoded: ReturnType<typeof Y.decodeUpdate>): string | undefined {
    const store = (this.candidate ?? this.options.live).store
    for (const struct of decoded.structs) {
      if (struct instanceof Y.Skip) continue
      if (struct.id.clock + struct.length > Y.getState(store, struct.id.client)) return 'adds content'
    }
    for (const [client, deletions] of decoded.ds.clients) {
      const state = Y.getState(store, client)
      const structs = store.clients.get(client)
      for (const { clock, len } of deletions) {
        if (len === 0) continue
        if (clock + len > state || structs === undefined) return 'deletes content the server does not have'
        for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
          if (!structs[i]!.deleted) return 'deletes content'
        }
      }
    }
    return undefined
  }

  /** A dependency the update names and neither the candidate nor the update holds (checked before applying it, to spare a rebuild). */
  private missingDependency(decoded: ReturnType<typeof Y.decodeUpdate>): Verdict | undefined {
    const store = (this.candidate ?? this.options.live).store
    const known = new Map<number, number>()
    const knownEnd = (client: number): number => known.get(client) ?? Y.getState(store, client)
    for (const struct of decoded.structs) {
      if (struct instanceof Y.Skip) continue
      const { client, clock } = struct.id
      const end = knownEnd(client)
      if (clock > end)
        return {
          kind: 'missing',
          client,
          reason: `the update skips ${client}:${end}..${clock}, which the server does not have`,
        }
      known.set(client, Math.max(end, clock + struct.length))
    }
    for (const struct of decoded.structs) {
      if (!(struct instanceof Y.Item)) continue
      for (const id of [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null]) {
        if (id !== null && id.clock >= knownEnd(id.client))
          return {
            kind: 'missing',
            client: id.client,
            reason: `the update builds on ${id.client}:${id.clock}, which the server does not have`,
          }
      }
    }
    for (const [client, deletions] of decoded.ds.clients) {
      for (const { clock, len } of deletions) {
        if (len > 0 && clock + len > knownEnd(client))
          return {
            kind: 'missing',
            client,
            reason: `the update deletes ${client}:${clock}, which the server does not have`,
          }
      }
    }
    return undefined
  }

  private ensureCandidate(): Y.Doc {
    if (this.candidate !== undefined) return this.candidate
    const candidate = new Y.Doc({ gc: true })
    Y.applyUpdate(candidate, Y.encodeStateAsUpdate(this.options.live))
    for (const update of this.options.queued()) Y.applyUpdate(candidate, update)
    this.candidate = candidate
    this.owners = sectionOwners(candidate)
    this.approved = approvedBodies(candidate)
    this.armIdleTimer()
    return candidate
  }

  private armIdleTimer(): void {
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined
      const idle = Date.now() - this.lastUsed >= candidateIdleMs
      if (idle && [...this.options.queued()].length === 0) this.reset()
      else this.armIdleTimer()
    }, candidateIdleMs)
    this.idleTimer.unref()
  }

  /** The name of the root `type` hangs under, or undefined when its chain of parents is broken. */
  private rootOf(type: AnyType): string | undefined {
    const current = rootTypeOf(type) as AnyType | undefined
    if (current === undefined) return undefined
    let name = this.rootNames.get(current)
    if (name === undefined && this.candidate !== undefined) {
      for (const [key, root] of this.candidate.share) this.rootNames.set(root, key)
      name = this.rootNames.get(current)
    }
    return name
  }

  private judgeOnCandidate(update: Uint8Array, who: Permissions): Verdict {
    const candidate = this.ensureCandidate()
    this.lastUsed = Date.now()
    this.repairs = []
    const origin = Symbol('judged update')
    let transaction: Y.Transaction | undefined
    let effect: Uint8Array | undefined
    let verdict: Verdict | undefined
    const onAfter = (tr: Y.Transaction): void => {
      if (tr.origin !== origin || transaction !== undefined) return
      transaction = tr
      try {
        verdict = this.judgeTransaction(tr, who)
      } catch (error) {
        verdict =
          error instanceof Refusal
            ? { kind: 'refused', code: error.code, reason: error.message }
            : { kind: 'refused', code: closeMalformed, reason: `the update cannot be judged: ${errorMessage(error)}` }
      }
    }
    const onUpdate = (bytes: Uint8Array, updateOrigin: unknown): void => {
      if (updateOrigin === origin && effect === undefined) effect = bytes
    }
    candidate.on('afterTransaction', onAfter)
    candidate.on('update', onUpdate)
    try {
      Y.applyUpdate(candidate, update, origin)
    } catch (error) {
      verdict = {
        kind: 'refused',
        code: closeMalformed,
        reason: `the update cannot be applied: ${errorMessage(error)}`,
      }
    } finally {
      candidate.off('afterTransaction', onAfter)
      candidate.off('update', onUpdate)
    }
    const pending = candidate.store.pendingStructs
    if (verdict?.kind !== 'refused' && (pending !== null || candidate.store.pendingDs !== null)) {
      const client = pending === null ? undefined : pending.missing.keys().next().value
      this.reset()
      return { kind: 'missing', client, reason: 'the update builds on content the server does not have' }
    }
    if (verdict === undefined) return { kind: 'accepted', effect: undefined, repair: undefined }
    if (verdict.kind !== 'accepted') {
      this.reset()
      return verdict
    }
    return {
      kind: 'accepted',
      effect,
      repair: this.repairs.length > 0 ? this.repair(candidate, this.repairs.splice(0)) : undefined,
    }
  }

  /** Judges what `tr` did on the candidate; throws {@link Refusal}. */
  private judgeTransaction(tr: Y.Transaction, who: Permissions): Verdict {
    const candidate = tr.doc
    const roots = new Set<string>()
    // Per root, the texts changed, or 'structure' once anything but characters in a text changed.
    const touched = new Map<string, Set<Y.XmlText> | 'structure'>()
    const addRoot = (type: unknown, what: string, text?: Y.XmlText): void => {
      const root = type instanceof Y.AbstractType ? this.rootOf(type) : undefined
      if (root === undefined) throw new Refusal(closeMalformed, `${what} is not part of any root of the report`)
      roots.add(root)
      const texts = touched.get(root)
      if (text === undefined) touched.set(root, 'structure')
      else if (texts === undefined) touched.set(root, new Set([text]))
      else if (texts !== 'structure') texts.add(text)
    }
    /** The text `item` changes when it is characters or formatting in a text; else undefined. */
    const textOf = (item: Y.Item): Y.XmlText | undefined =>
      item.parent instanceof Y.XmlText && item.parentSub === null && !(item.content instanceof Y.ContentType)
        ? item.parent
        : undefined
    for (const [client, after] of tr.afterState) {
      const before = tr.beforeState.get(client) ?? 0
      if (after <= before) continue
      const structs = candidate.store.clients.get(client)!
      for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
        const item = structs[i]!
        if (!(item instanceof Y.Item)) continue
        if (item.content instanceof Y.ContentDoc) throw new Refusal(closeForbidden, 'a report holds no subdocuments')
        const parent = item.parent
        for (const neighbour of [item.left, item.right]) {
          if (neighbour !== null && (neighbour.parent !== parent || neighbour.parentSub !== item.parentSub)) {
            throw new Refusal(closeMalformed, `item ${client}:${item.id.clock} landed next to an item of another type`)
          }
        }
        addRoot(parent, `item ${client}:${item.id.clock}`, textOf(item))
      }
    }
    Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
      if (struct instanceof Y.Item)
        addRoot(struct.parent, `deleted item ${struct.id.client}:${struct.id.clock}`, textOf(struct))
    })
    for (const type of tr.changed.keys()) addRoot(type, 'a changed type', type instanceof Y.XmlText ? type : undefined)
    if (roots.size === 0) return { kind: 'accepted', effect: undefined, repair: undefined }

    if (roots.has(sectionsKey)) this.owners = sectionOwners(candidate)
    const owners = this.owners!
    const refused = forbiddenRoots(roots, who, owners, this.approved)
    if (refused.length > 0) {
      const approved = refused.filter((root) => this.approved.has(root))
      if (approved.length > 0)
        throw new Refusal(
          closeForbidden,
          `${approved.slice(0, 3).join(', ')} ${approved.length === 1 ? 'is' : 'are'} approved and read-only until an editor reopens ${approved.length === 1 ? 'it' : 'them'}`,
        )
      throw new Refusal(
        closeForbidden,
        `${who.role} may not change ${refused.slice(0, 3).join(', ')}${refused.length > 3 ? ', …' : ''}`,
      )
    }

    const repairs: string[] = []
    for (const root of roots) {
      if (outlineRoots.has(root)) {
        const problem = outlineProblem(candidate, root)
        if (problem !== undefined) throw new Refusal(closeForbidden, `not a valid report outline: ${problem}`)
        continue
      }
      const section = bodySection(root)
      if (section === undefined || !owners.has(section))
        throw new Refusal(closeForbidden, `"${root.slice(0, 40)}" is not part of a report`)
      const texts = touched.get(root)
      if (texts !== undefined && texts !== 'structure') {
        // Only characters changed: the texts are all that can have become unfit.
        for (const text of texts) {
          const [problem] = readText(text)
          if (problem !== undefined) throw new Refusal(closeForbidden, `${root}: ${problem.path}: ${problem.message}`)
        }
        continue
      }
      const reading = readBody(candidate.getXmlFragment(root))
      for (const problem of reading.problems) {
        const item = problem.element._item
        const madeNow = item !== null && item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0)
        if (problem.kind === 'foreign' || madeNow)
          throw new Refusal(closeForbidden, `${root}: ${problem.path}: ${problem.message}`)
      }
      if (reading.problems.length > 0) repairs.push(root)
    }
    this.repairs = repairs
    return { kind: 'accepted', effect: undefined, repair: undefined }
  }

  /** Repairs the bodies `roots` on the candidate as one change of the server's; returns it. */
  private repair(candidate: Y.Doc, roots: readonly string[]): Uint8Array | undefined {
    const origin = Symbol('repair')
    let change: Uint8Array | undefined
    const onUpdate = (bytes: Uint8Array, updateOrigin: unknown): void => {
      if (updateOrigin === origin && change === undefined) change = bytes
    }
    candidate.on('update', onUpdate)
    try {
      candidate.transact(() => {
        for (const root of roots) {
          const fragment = candidate.getXmlFragment(root)
          const node = readBody(fragment).node
          if (node !== undefined) writeBody(candidate, fragment, repairBody(node))
        }
      }, origin)
    } finally {
      candidate.off('update', onUpdate)
    }
    return change
  }
}
