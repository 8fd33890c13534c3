import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { checkPair, translationOverview } from '../../../schema/index.ts'
import { importReport } from '../../../schema/import/import-report.ts'
import { labelledPairs } from './seed-pairs.ts'

const seeds = fileURLToPath(new URL('../../../server/seeds/', import.meta.url))
const seed = (name: string): Uint8Array => new Uint8Array(readFileSync(seeds + name))
const key = (f: { check: string; found: string; text: string }): string => `${f.check}:${f.found}:${f.text}`

describe('QA on the labelled pairs of the bundled report', () => {
  for (const pair of labelledPairs) {
    it(`reports only real problems: ${pair.note}`, () => {
      expect(checkPair(pair.es, pair.en).map(key)).toEqual(pair.expect)
    })
  }

  it('still finds every earlier finding labelled real', () => {
    const lost = labelledPairs.flatMap((pair) =>
      pair.before.filter((b) => b.real && !pair.expect.includes(b.finding)).map((b) => b.finding),
    )
    expect(lost).toEqual([])
  })

  it('keeps the labelled pairs as the importer pairs them, with at least 90% of their findings real', () => {
    let n = 0
    const { report } = importReport({
      id: 'annual-report-2011-2012',
      kind: 'annual-report',
      es: seed('annual-report-2011-2012.es.txt'),
      en: seed('annual-report-2011-2012.en.txt'),
      newId: () => `id${++n}`,
    })
    const blocks = translationOverview(report, () => undefined).flatMap((s) => s.blocks)
    const before = labelledPairs.flatMap((p) => p.before)
    const real = labelledPairs.flatMap((p) => p.before.filter((b) => b.real).map((b) => b.finding))
    const now = labelledPairs.flatMap((pair) => {
      const block = blocks.find((b) => b.es === pair.es && b.en === pair.en)
      expect(block, pair.note).toBeDefined()
      return block!.findings.map(key)
    })
    expect(before.filter((b) => b.real).length / before.length).toBeLessThan(0.3)
    // Every finding now on these pairs is one a reader judged real, or one that was missed before.
    expect(now.length).toBe(labelledPairs.reduce((sum, p) => sum + p.expect.length, 0))
    expect(real.every((f) => now.includes(f))).toBe(true)
  })
})
