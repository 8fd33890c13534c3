import { performance } from 'node:perf_hooks'
import { diffReports } from '../../schema/diff/report-diff.ts'
import type { DocJSON, NodeJSON, Report } from '../../schema/report.ts'
import { absoluteRow, type BenchRow } from '../lib/row.ts'
import { annualReport } from '../lib/annual-report.ts'
import { median } from '../lib/stats.ts'

/** A copy of `node` whose first non-empty text gets `suffix` appended: one block changed. */
function changeFirstText(node: NodeJSON, suffix: string): { node: NodeJSON; done: boolean } {
  if (node.type === 'text' && node.text) return { node: { ...node, text: node.text + suffix }, done: true }
  let done = false
  const content = (node.content ?? []).map((child) => {
    if (done) return child
    const changed = changeFirstText(child, suffix)
    done = changed.done
    return changed.node
  })
  return { node: { ...node, ...(node.content ? { content } : {}) }, done }
}

/** The annual report with one block changed in every section, in both languages. */
function changedEverywhere(report: Report): Report {
  return {
    ...report,
    sections: report.sections.map((section) => ({
      ...section,
      es: changeFirstText(section.es, ' (revisado)').node as DocJSON,
      en: changeFirstText(section.en, ' (revised)').node as DocJSON,
    })),
  }
}

/** `diff-full-report`: the diff between two versions that differ in every section. */
export function diffFullReportRow(samples = 20): BenchRow {
  const before = annualReport()
  const after = changedEverywhere(before)
  const times: number[] = []
  let changed = 0
  for (let i = 0; i < samples; i++) {
    const startedAt = performance.now()
    changed = diffReports(before, after).sections.length
    times.push(performance.now() - startedAt)
  }
  return absoluteRow(
    {
      name: 'diff-full-report',
      value: median(times),
      unit: 'ms',
      target: 'value < 100',
      details: { sectionsChanged: changed, sections: before.sections.length, max: Math.max(...times) },
    },
    (value) => value < 100 && changed === before.sections.length,
  )
}
