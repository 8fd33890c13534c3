import { anchorSimilarity } from './anchors.ts'

/** One block to align: its length in characters and its anchors. */
export interface AlignUnit {
  readonly length: number
  readonly anchors: readonly string[]
}

/** A group of aligned blocks: indices into each side (1–1, 1–0, 0–1, 1–2 or 2–1). */
export interface Bead {
  readonly a: readonly number[]
  readonly b: readonly number[]
}

/**
 * Prior probabilities of the bead shapes, from Gale and Church (1993): 1–1 0.89; 1–0 and 0–1
 * together 0.0099; 2–1 and 1–2 together 0.089 (each shape gets half).
 */
const priors = { oneOne: 0.89, oneNone: 0.0099 / 2, twoOne: 0.089 / 2 }
/** Variance of the length difference per character, from Gale and Church (1993). */
const lengthVariance = 6.8
/** Weight of anchor disagreement: a 1–1 pair sharing no anchors costs about as much as a large length mismatch. */
const anchorWeight = 3

/**
 * Bounds of the expected length ratio between the two sides. The ratio is estimated from the
 * section's totals, but a long block without counterpart skews small sections; translations
 * between Spanish and English stay within a third of each other's length.
 */
const ratioBounds = [0.75, 1.33] as const

/** Standard normal cumulative distribution (Abramowitz and Stegun 26.2.17). */
function normalCdf(x: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(x))
  const d = 0.3989423 * Math.exp((-x * x) / 2)
  const p = d * t * (0.3193815 + t * (-0.3565638 + t * (1.781478 + t * (-1.821256 + t * 1.330274))))
  return x > 0 ? 1 - p : p
}

function lengthCost(la: number, lb: number, ratio: number): number {
  if (la === 0 && lb === 0) return 0
  const mean = (la + lb / ratio) / 2
  const delta = (lb - la * ratio) / Math.sqrt(Math.max(mean, 1) * lengthVariance)
  const p = Math.max(2 * (1 - normalCdf(Math.abs(delta))), 1e-12)
  return -Math.log(p)
}

function anchorCost(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 0
  return anchorWeight * (1 - anchorSimilarity(a, b))
}

/**
 * Align two sequences of blocks in order with a dynamic programme over the bead shapes 1–1, 1–0,
 * 0–1, 2–1 and 1–2 (Gale–Church): the cost of a bead is its shape's prior, how far the lengths
 * are from the expected ratio (estimated from the two totals), and how many anchors the two sides
 * do not share. Returns the beads in order.
 * The expected length ratio is the totals' ratio, kept within `ratioBounds`.
 */
export function alignUnits(a: readonly AlignUnit[], b: readonly AlignUnit[]): Bead[] {
  const totalA = a.reduce((sum, unit) => sum + unit.length, 0)
  const totalB = b.reduce((sum, unit) => sum + unit.length, 0)
  const ratio = totalA > 0 && totalB > 0 ? Math.min(Math.max(totalB / totalA, ratioBounds[0]), ratioBounds[1]) : 1
  const n = a.length
  const m = b.length
  const cost: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(Infinity))
  const back: Array<Array<[number, number]>> = Array.from({ length: n + 1 }, () =>
    new Array<[number, number]>(m + 1).fill([0, 0]),
  )
  cost[0]![0] = 0
  const joined = (units: readonly AlignUnit[], from: number, count: number): AlignUnit => {
    let length = 0
    const anchors: string[] = []
    for (let k = from; k < from + count; k++) {
      length += units[k]!.length
      anchors.push(...units[k]!.anchors)
    }
    return { length, anchors }
  }
  const shapes: Array<[number, number, number]> = [
    [1, 1, -Math.log(priors.oneOne)],
    [1, 0, -Math.log(priors.oneNone)],
    [0, 1, -Math.log(priors.oneNone)],
    [2, 1, -Math.log(priors.twoOne)],
    [1, 2, -Math.log(priors.twoOne)],
  ]
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (i === 0 && j === 0) continue
      for (const [di, dj, prior] of shapes) {
        if (i < di || j < dj) continue
        const before = cost[i - di]![j - dj]!
        if (before === Infinity) continue
        let step = prior
        if (di > 0 && dj > 0) {
          const left = joined(a, i - di, di)
          const right = joined(b, j - dj, dj)
          step += lengthCost(left.length, right.length, ratio) + anchorCost(left.anchors, right.anchors)
        }
        if (before + step < cost[i]![j]!) {
          cost[i]![j] = before + step
          back[i]![j] = [di, dj]
        }
      }
    }
  }
  const beads: Bead[] = []
  for (let i = n, j = m; i > 0 || j > 0; ) {
    const [di, dj] = back[i]![j]!
    beads.push({
      a: Array.from({ length: di }, (_, k) => i - di + k),
      b: Array.from({ length: dj }, (_, k) => j - dj + k),
    })
    i -= di
    j -= dj
  }
  return beads.reverse()
}
