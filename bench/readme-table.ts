// `npm run bench:table`: writes the results of the last full `npm run bench` run
// (`bench/results/latest.json`) into README.md, between the markers `<!-- bench-table:start -->`
// and `<!-- bench-table:end -->`, as the table `bench/run.ts` prints, followed by a line saying
// when the run was and how many rows passed. With `--check` it writes nothing and exits 1 when the
// table in README.md is not the one latest.json gives (run without `--check` to update it).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { errorMessage } from '../schema/error-message.ts'
import { round } from './lib/stats.ts'

/** The line after which README.md's generated table starts. */
const startMarker = '<!-- bench-table:start -->'
/** The line before which README.md's generated table ends. */
const endMarker = '<!-- bench-table:end -->'

const resultsDir = new URL('./results/', import.meta.url)
const historyDir = new URL('./history/', resultsDir)
const latestFile = new URL('./latest.json', resultsDir)
const readmeFile = new URL('../README.md', import.meta.url)

/**
 * One row as stored in latest.json: a `BenchRow` (`bench/lib/row.ts`) after JSON, where a row that
 * failed to run has `value: null` (JSON has no NaN).
 */
interface StoredRow {
  readonly name: string
  readonly value: number | null
  readonly unit: string
  readonly reference: number | null
  readonly referenceSystem?: string
  readonly ratio: number | null
  readonly target: string
  readonly pass: boolean
}

/** The results of one full run: its rows and, when known, the name of its dated copy in `history/`. */
interface BenchRun {
  readonly rows: readonly StoredRow[]
  /** File name in `bench/results/history/` holding the same bytes (its name is the run's time), or undefined. */
  readonly historyName: string | undefined
}

/** True when `value` is a number or null. */
function isFigure(value: unknown): value is number | null {
  return value === null || typeof value === 'number'
}

/** What each required field of a stored row must be. */
const fieldChecks: Readonly<Record<string, (value: unknown) => boolean>> = {
  name: (value) => typeof value === 'string',
  value: isFigure,
  unit: (value) => typeof value === 'string',
  reference: isFigure,
  ratio: isFigure,
  target: (value) => typeof value === 'string',
  pass: (value) => typeof value === 'boolean',
}

/** The rows of latest.json's text; throws `RangeError` naming the first row (or field) that is not a bench row. */
function parseRows(text: string): StoredRow[] {
  const data: unknown = JSON.parse(text)
  if (!Array.isArray(data)) throw new RangeError('bench/results/latest.json must hold an array of rows')
  return data.map((row: unknown, index) => {
    const fields = (typeof row === 'object' && row !== null ? row : {}) as Record<string, unknown>
    const problem = Object.entries(fieldChecks).find(([field, check]) => !check(fields[field]))
    if (problem !== undefined) throw new RangeError(`latest.json: row ${index + 1} has no valid "${problem[0]}"`)
    return fields as unknown as StoredRow
  })
}

/**
 * Reads latest.json and finds its dated copy in `history/` (`bench/run.ts` writes both with the
 * same bytes), which is the only record of when the run was.
 */
function readRun(): BenchRun {
  const text = readFileSync(latestFile, 'utf8')
  let names: string[] = []
  try {
    names = readdirSync(historyDir).filter((name) => name.endsWith('.json'))
  } catch {
    // No history directory: the run's time is unknown, which the table says.
  }
  const historyName = names
    .sort()
    .reverse()
    .find((name) => readFileSync(new URL(name, historyDir), 'utf8') === text)
  return { rows: parseRows(text), historyName }
}

/** A figure as `bench/run.ts` prints it: rounded to two decimals, `—` for none. */
function figure(value: number | null): string {
  return value === null ? '—' : String(round(value, 2))
}

/** `text` safe inside a table cell: a `|` would end the cell. */
function inCell(text: string): string {
  return text.replaceAll('|', '\\|')
}

/** The time of a run from its history file name (`2026-12-02T21-28-59-554Z.json` → `2026-12-02 21:28 UTC`). */
function runTime(historyName: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})/.exec(historyName)
  return match ? `${match[1]} ${match[2]}:${match[3]} UTC` : historyName
}

/** The markdown that goes between the markers: the table in `bench/run.ts`'s columns, then a line about the run. */
function benchTable(run: BenchRun): string {
  const lines = ['| row | ours | reference | ratio | target | pass |', '|---|---|---|---|---|---|']
  for (const row of run.rows) {
    const ours = `${figure(row.value)} ${row.unit}`
    const system = row.referenceSystem ?? 'reference'
    const reference = row.reference === null ? '—' : `${figure(row.reference)} ${row.unit} (${system})`
    const cells = [row.name, ours, reference, figure(row.ratio), row.target, row.pass ? 'yes' : 'NO']
    lines.push(`| ${cells.map(inCell).join(' | ')} |`)
  }
  const passing = run.rows.filter((row) => row.pass).length
  const when =
    run.historyName === undefined
      ? 'Run of unknown date (no copy of `bench/results/latest.json` in `bench/results/history/`)'
      : `Run of ${runTime(run.historyName)} (\`bench/results/history/${run.historyName}\`)`
  lines.push('', `${when}: ${passing} of ${run.rows.length} rows pass.`)
  return lines.join('\n')
}

/**
 * `readme` with the text between its markers replaced by `table`. Throws `RangeError` when a marker
 * is missing, repeated, or the end comes before the start.
 */
function withTable(readme: string, table: string): string {
  const start = readme.indexOf(startMarker)
  const end = readme.indexOf(endMarker)
  if (start < 0 || end < 0) throw new RangeError(`README.md must hold the lines ${startMarker} and ${endMarker}`)
  if (readme.indexOf(startMarker, start + 1) >= 0 || readme.indexOf(endMarker, end + 1) >= 0) {
    throw new RangeError(`README.md must hold ${startMarker} and ${endMarker} once each`)
  }
  if (end < start) throw new RangeError(`README.md's ${endMarker} comes before its ${startMarker}`)
  return `${readme.slice(0, start + startMarker.length)}\n${table}\n${readme.slice(end)}`
}

/** Runs the command; returns the exit code. */
function main(args: readonly string[]): number {
  const unknown = args.filter((arg) => arg !== '--check')
  if (unknown.length > 0) {
    console.error(`bench:table: unknown argument ${unknown.join(' ')} (the only one is --check)`)
    return 1
  }
  const readme = readFileSync(readmeFile, 'utf8')
  const updated = withTable(readme, benchTable(readRun()))
  if (args.includes('--check')) {
    if (updated === readme) return 0
    console.error(
      "bench:table: README.md's benchmark table is not the one bench/results/latest.json gives; run `npm run bench:table` to update it.",
    )
    return 1
  }
  if (updated !== readme) writeFileSync(readmeFile, updated)
  const what = updated === readme ? 'already held' : 'now holds'
  console.log(`bench:table: README.md ${what} the table of bench/results/latest.json.`)
  return 0
}

try {
  process.exitCode = main(process.argv.slice(2))
} catch (error) {
  console.error(`bench:table: ${errorMessage(error)}`)
  process.exitCode = 1
}
