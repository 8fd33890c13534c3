import type { NodeJSON } from '../report.ts'
import { textUnits } from '../diff/text-units.ts'

/** A short stable hash of a string (32-bit FNV-1a, hex): enough to notice that a block changed. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(16).padStart(8, '0')
}

/** The fingerprint of every textblock of a body, by block id (formatting included). */
export function blockFingerprints(doc: NodeJSON): Map<string, string> {
  return new Map(textUnits(doc).units.map((unit) => [unit.key, fingerprint(unit.signature)]))
}

/** The block ids whose content differs between two fingerprint maps, added and removed ones included. */
export function changedBlockIds(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const changed: string[] = []
  for (const [id, print] of after) if (before.get(id) !== print) changed.push(id)
  for (const id of before.keys()) if (!after.has(id)) changed.push(id)
  return changed
}
