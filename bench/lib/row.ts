/** One row of the benchmark table, as written to `bench/results/latest.json`. */
export interface BenchRow {
  readonly name: string
  /** Our figure. */
  readonly value: number
  readonly unit: string
  /** The same figure for the comparison system, measured in the same run (null when the target is absolute). */
  readonly reference: number | null
  /** Which system `reference` was measured on. */
  readonly referenceSystem?: string
  /** `value / reference` (null without a reference). */
  readonly ratio: number | null
  /** The target, in words: `ratio <= 1.2`, `value < 100`, … */
  readonly target: string
  readonly pass: boolean
  /** Anything else measured on the way (load generator CPU, updates lost, every reference…). */
  readonly details?: Readonly<Record<string, unknown>>
}

/** A row compared with a reference: `ratio = value / reference`, passing when `check(ratio)` holds. */
export function ratioRow(
  fields: {
    name: string
    value: number
    unit: string
    reference: number
    referenceSystem: string
    target: string
    details?: Record<string, unknown>
  },
  check: (ratio: number, value: number) => boolean,
): BenchRow {
  const ratio = fields.value / fields.reference
  return { ...fields, ratio, pass: Number.isFinite(ratio) && check(ratio, fields.value) }
}

/** A row with an absolute target and no reference. */
export function absoluteRow(
  fields: { name: string; value: number; unit: string; target: string; details?: Record<string, unknown> },
  check: (value: number) => boolean,
): BenchRow {
  return { ...fields, reference: null, ratio: null, pass: Number.isFinite(fields.value) && check(fields.value) }
}
