// The translation records of storage as the translation overview reads them.

import type { PairRecord } from '../../schema/translation/overview.ts'
import type { BlockStateRecord } from '../storage/storage.ts'

/** Looks up the record of a section's block among `states` (undefined: never changed since import). */
export function recordsOf(
  states: readonly BlockStateRecord[],
): (section: string, block: string) => PairRecord | undefined {
  const byKey = new Map(states.map((state) => [`${state.section}\u0000${state.block}`, state]))
  return (section, block) => {
    const state = byKey.get(`${section}\u0000${block}`)
    return (
      state && {
        esChangedAt: state.esChangedAt,
        enChangedAt: state.enChangedAt,
        inStepAt: state.inStepAt,
        ...(state.mark ? { mark: state.mark } : {}),
      }
    )
  }
}
