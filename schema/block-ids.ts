import type { Node } from 'prosemirror-model'
import { Plugin, PluginKey, type Transaction } from 'prosemirror-state'
import { Transform } from 'prosemirror-transform'

/** Node types whose instances carry a stable block id, the unit aligned across languages. */
export const alignedNodeTypes: ReadonlySet<string> = new Set(['paragraph', 'heading', 'list_item', 'table_row'])

const idAlphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
/** Length of generated ids: 10 characters of 36 give 3.6e15 values, enough to never collide in a report. */
const idLength = 10

/** A new random block id (letters and digits, starting with a letter so it is a valid HTML id). */
export function newBlockId(): string {
  const bytes = new Uint8Array(idLength)
  globalThis.crypto.getRandomValues(bytes)
  let id = 'b'
  for (let i = 1; i < idLength; i++) id += idAlphabet[bytes[i]! % idAlphabet.length]
  return id
}

/** True when `node` is of a type that carries a block id. */
export function isAlignedNode(node: Node): boolean {
  return alignedNodeTypes.has(node.type.name)
}

/**
 * Positions and new ids for every aligned block in `doc` that has no id or repeats an id seen
 * earlier in document order. The first occurrence of an id keeps it, so when a block is split the
 * part before the cursor stays aligned and the new part gets a fresh id.
 */
export function blockIdRepairs(doc: Node): Array<{ pos: number; id: string }> {
  const seen = new Set<string>()
  const repairs: Array<{ pos: number; id: string }> = []
  doc.descendants((node, pos) => {
    if (!isAlignedNode(node)) return true
    const id = node.attrs['id'] as string | null
    if (id && !seen.has(id)) {
      seen.add(id)
    } else {
      let fresh = newBlockId()
      while (seen.has(fresh)) fresh = newBlockId()
      seen.add(fresh)
      repairs.push({ pos, id: fresh })
    }
    return true
  })
  return repairs
}

/** Options of {@link blockIdPlugin}. */
export interface BlockIdPluginOptions {
  /**
   * Whether ids should be repaired after this transaction. Default: always. The editor passes a
   * check that skips transactions coming from remote peers, so only the author of a split or
   * paste assigns the new id and peers do not race to rename the same block.
   */
  readonly shouldRepair?: (tr: Transaction) => boolean
}

/** Key of the block id plugin. */
export const blockIdPluginKey = new PluginKey('cotejo-block-ids')

/**
 * A plugin that keeps block ids present and unique after every change (split, join, paste,
 * typing into an empty document).
 */
export function blockIdPlugin({ shouldRepair = () => true }: BlockIdPluginOptions = {}): Plugin {
  return new Plugin({
    key: blockIdPluginKey,
    appendTransaction(transactions, _oldState, newState) {
      if (!transactions.some((tr) => tr.docChanged && shouldRepair(tr))) return null
      const repairs = blockIdRepairs(newState.doc)
      if (repairs.length === 0) return null
      const tr = newState.tr
      for (const { pos, id } of repairs) tr.setNodeAttribute(pos, 'id', id)
      return tr.setMeta('addToHistory', false)
    },
  })
}

/** A copy of `doc` in which every aligned block has a unique id (the same node when it already has). */
export function withUniqueBlockIds(doc: Node): Node {
  const repairs = blockIdRepairs(doc)
  if (repairs.length === 0) return doc
  const transform = new Transform(doc)
  for (const { pos, id } of repairs) transform.setNodeAttribute(pos, 'id', id)
  return transform.doc
}
