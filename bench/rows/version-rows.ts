import type { BenchRow } from '../lib/row.ts'
import { absoluteRow } from '../lib/row.ts'

/** `version-rebuild`: rebuild any version of a report with `updates` logged updates. */
export async function versionRebuildRow(updates: number): Promise<BenchRow> {
  return absoluteRow({ name: 'version-rebuild', value: Number.NaN, unit: 'ms', target: 'value < 100', details: { updates, note: 'not measured yet' } }, (value) => value < 100)
}
