/**
 * The keys of `after` that moved relative to `before`: the common keys not in a longest common
 * subsequence of the two orders. Moving one row past five others reports one move, not five.
 */
export function movedKeys(before: readonly string[], after: readonly string[]): Set<string> {
  const inBoth = new Set(before.filter((key) => after.includes(key)))
  const a = before.filter((key) => inBoth.has(key))
  const b = after.filter((key) => inBoth.has(key))
  if (a.every((key, i) => key === b[i])) return new Set()
  // Classic O(n·m) LCS table; sections hold at most a few hundred blocks.
  const lengths: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i]![j] = a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!)
    }
  }
  const stable = new Set<string>()
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      stable.add(a[i]!)
      i++
      j++
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) i++
    else j++
  }
  return new Set([...inBoth].filter((key) => !stable.has(key)))
}
