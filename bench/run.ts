// `npm run bench`: every benchmark on loopback, bounded in time; prints a table and writes
// bench/results/latest.json (and a dated copy in bench/results/history/).
// BENCH_ONLY=name,name runs some rows; BENCH_QUICK=1 shrinks every size for a smoke run.
import { mkdirSync, writeFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import type { BenchRow } from './lib/row.ts'
import { round } from './lib/stats.ts'
import { diffFullReportRow } from './rows/model-rows.ts'
import {
  coldOpenRow,
  fanoutMixedRow,
  fanoutRow,
  fullSizes,
  memoryRow,
  quickSizes,
  throughputRow,
} from './rows/server-rows.ts'
import { versionRebuildRow } from './rows/version-rows.ts'
import { keystrokeRow, openReportRow } from './rows/browser-rows.ts'
import { guardKeystrokeRow, guardViewerFloodRow } from './rows/guard-rows.ts'

const quick = process.env['BENCH_QUICK'] === '1'
const sizes = quick ? quickSizes : fullSizes
const only = process.env['BENCH_ONLY']
  ?.split(',')
  .map((name) => name.trim())
  .filter(Boolean)

/** Every row, in the order of the issue's table. */
const rows: Array<[string, () => Promise<BenchRow> | BenchRow]> = [
  ['fanout-p99', () => fanoutRow(sizes)],
  ['fanout-mixed-p99', () => fanoutMixedRow(sizes)],
  ['throughput', () => throughputRow(sizes)],
  ['memory-per-report', () => memoryRow(sizes)],
  ['cold-open', () => coldOpenRow(sizes)],
  ['diff-full-report', () => diffFullReportRow()],
  ['version-rebuild', () => versionRebuildRow(quick ? 1_000 : 10_000)],
  ['open-report', () => openReportRow(quick ? 2 : 9)],
  ['keystroke-p95', () => keystrokeRow(quick ? 50 : 200)],
  ['guard-keystroke', () => guardKeystrokeRow(quick ? 100 : 500)],
  ['guard-viewer-flood', () => guardViewerFloodRow()],
]

const results: BenchRow[] = []
const startedAt = performance.now()
for (const [name, run] of rows) {
  if (only && !only.includes(name)) continue
  const rowStart = performance.now()
  process.stderr.write(`bench: ${name}…\n`)
  try {
    results.push(await run())
  } catch (error) {
    results.push({
      name,
      value: Number.NaN,
      unit: '',
      reference: null,
      ratio: null,
      target: 'ran',
      pass: false,
      details: { error: String((error as Error).stack ?? error) },
    })
  }
  process.stderr.write(`bench: ${name} done in ${round((performance.now() - rowStart) / 1000, 1)} s\n`)
}

const cell = (value: number | null) => (value === null ? '—' : String(round(value, 2)))
console.log('\n| row | ours | reference | ratio | target | pass |\n|---|---|---|---|---|---|')
for (const row of results) {
  console.log(
    `| ${row.name} | ${cell(row.value)} ${row.unit} | ${row.reference === null ? '—' : `${cell(row.reference)} ${row.unit} (${row.referenceSystem})`} | ${cell(row.ratio)} | ${row.target} | ${row.pass ? 'yes' : 'NO'} |`,
  )
}
console.log(
  `\n${results.filter((r) => r.pass).length} of ${results.length} rows pass; ${round((performance.now() - startedAt) / 60_000, 1)} min${quick ? ' (quick sizes)' : ''}`,
)

const resultsDir = new URL('./results/', import.meta.url)
mkdirSync(new URL('./history/', resultsDir), { recursive: true })
const json = `${JSON.stringify(results, null, 2)}\n`
if (!quick && !only) {
  writeFileSync(new URL('./latest.json', resultsDir), json)
  writeFileSync(new URL(`./history/${new Date().toISOString().replace(/[:.]/g, '-')}.json`, resultsDir), json)
} else {
  writeFileSync(new URL('./partial.json', resultsDir), json)
}
process.exit(0)
