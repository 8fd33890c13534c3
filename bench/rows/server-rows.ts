import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { startChild } from '../lib/child.ts'
import { ratioRow, type BenchRow } from '../lib/row.ts'
import { median, percentile } from '../lib/stats.ts'
import { loadCore, runLoad, startSystem, systemNames, type RunningSystem } from '../lib/systems.ts'
import type { SystemKind, Target } from '../load/clients.ts'
import type { FanoutOptions } from '../load/fanout.ts'

/** Sizes of the server benchmarks; `quick` shrinks them for a smoke run. */
export interface ServerBenchSizes {
  readonly fanoutObservers: number
  readonly mixedWriters: number
  readonly mixedObservers: number
  readonly durationMs: number
  readonly memoryConnections: number
  readonly coldOpenSamples: number
}

/** The sizes the issue asks for. */
export const fullSizes: ServerBenchSizes = {
  fanoutObservers: 500,
  mixedWriters: 50,
  mixedObservers: 200,
  durationMs: 15_000,
  memoryConnections: 50,
  coldOpenSamples: 5,
}
/** Small sizes to check the harness end to end in a minute. */
export const quickSizes: ServerBenchSizes = {
  fanoutObservers: 20,
  mixedWriters: 4,
  mixedObservers: 10,
  durationMs: 3_000,
  memoryConnections: 10,
  coldOpenSamples: 2,
}

async function fanout(system: SystemKind, options: Omit<FanoutOptions, keyof Target>): Promise<Record<string, number>> {
  const running = await startSystem(system)
  try {
    const cpuBefore = running.child.cpuSeconds()
    const result = await runLoad('bench/load/fanout.ts', { ...running.target, ...options })
    return { ...result, serverCpuSeconds: running.child.cpuSeconds() - cpuBefore }
  } finally {
    await running.child.stop()
  }
}

function bestOf(
  results: Partial<Record<SystemKind, Record<string, number>>>,
  key: string,
): { system: SystemKind; value: number } {
  const references = (['yws', 'hocuspocus'] as const)
    .filter((s) => results[s])
    .map((s) => ({ system: s, value: results[s]![key]! }))
  return references.reduce((best, r) => (r.value < best.value ? r : best))
}

/**
 * `fanout-p99`: one writer, many observers; p99 from send to receipt by all. A fast typist (20
 * updates/s) for 30 s per system: ≈ 600 samples, so the p99 is the sixth-worst update rather than
 * the second-worst of 150 (one scheduler hiccup moved it by 2×).
 *
 * *Decision:* each system's 30 s are two runs of 15 s, in the order ours, references, references,
 * ours, and the p99 is taken over both runs' updates together. With one run per system, minutes
 * apart, whichever system met a busy minute of the shared disk or of the neighbours lost the row;
 * the two halves put every system in the early and the late part of the row alike.
 */
export async function fanoutRow(sizes: ServerBenchSizes): Promise<BenchRow> {
  const options = {
    observers: sizes.fanoutObservers,
    writers: 1,
    rate: 20,
    durationMs: sizes.durationMs,
    keepLatencies: true,
  }
  const order: SystemKind[] = ['ours', 'yws', 'hocuspocus']
  const runs: Partial<Record<SystemKind, Array<Record<string, number | number[]>>>> = {}
  for (const system of [...order, ...[...order].reverse()]) {
    runs[system] ??= []
    runs[system].push(await fanout(system, options))
  }
  const results: Partial<Record<SystemKind, Record<string, number>>> = {}
  for (const system of order) results[system] = pooled(runs[system]!)
  const reference = bestOf(results, 'p99')
  return ratioRow(
    {
      name: 'fanout-p99',
      value: results.ours!['p99']!,
      unit: 'ms',
      reference: reference.value,
      referenceSystem: systemNames[reference.system],
      target: 'ratio <= 1.2 against each reference',
      details: results,
    },
    (ratio) => ratio <= 1.2,
  )
}

/** One system's fan-out runs taken together: percentiles over all their updates, totals summed, rates averaged. */
function pooled(runs: ReadonlyArray<Record<string, number | number[]>>): Record<string, number> {
  const latencies = runs.flatMap((run) => run['latencies'] as number[])
  const sum = (key: string) => runs.reduce((total, run) => total + (run[key] as number), 0)
  return {
    updates: sum('updates'),
    lost: sum('lost'),
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: Math.max(...latencies),
    updatesPerSecond: sum('updatesPerSecond') / runs.length,
    loadCpuPercent: sum('loadCpuPercent') / runs.length,
    serverCpuSeconds: sum('serverCpuSeconds'),
    runs: runs.length,
  }
}

/** `fanout-mixed-p99`: many writers in different sections, many observers; nothing may be lost. */
export async function fanoutMixedRow(sizes: ServerBenchSizes): Promise<BenchRow> {
  const options = {
    observers: sizes.mixedObservers,
    writers: sizes.mixedWriters,
    rate: 10,
    durationMs: sizes.durationMs,
  }
  const results: Partial<Record<SystemKind, Record<string, number>>> = {}
  for (const system of ['ours', 'yws', 'hocuspocus'] as const) results[system] = await fanout(system, options)
  const reference = bestOf(results, 'p99')
  return ratioRow(
    {
      name: 'fanout-mixed-p99',
      value: results.ours!['p99']!,
      unit: 'ms',
      reference: reference.value,
      referenceSystem: systemNames[reference.system],
      target: 'ratio <= 1.2 against each reference; 0 updates lost',
      details: results,
    },
    (ratio) => ratio <= 1.2 && results.ours!['lost'] === 0,
  )
}

const doublingRates = [100, 200, 400, 800, 1600, 3200, 6400]

/** One system's search for the highest total rate (updates/s) it sustains with p99 ≤ 100 ms and nothing lost. */
class RateSearch {
  readonly steps: Array<Record<string, number>> = []
  /** The highest rate delivered at a step that held. */
  rate = 0
  private low = 0
  private high = 0
  private doublings = 0
  private bisections = 0

  constructor(readonly running: RunningSystem) {}

  /**
   * The offered rate of the next step, or undefined when the search is over: double the offered
   * rate until p99 passes 100 ms, then halve the gap twice between the last rate that held and the
   * first that did not (the answer is within ~12 % of the limit).
   */
  next(): number | undefined {
    if (this.high === 0) return doublingRates[this.doublings]
    if (this.low === 0 || this.bisections === 2) return undefined
    return Math.round((this.low + this.high) / 2)
  }

  record(total: number, result: Record<string, number>): void {
    this.steps.push({ total, ...result })
    const held = result['p99']! <= 100 && result['lost']! === 0
    if (held) this.rate = Math.max(this.rate, result['updatesPerSecond']!)
    if (this.high === 0) this.doublings++
    else this.bisections++
    if (held) this.low = total
    else this.high = total
  }
}

/**
 * The sustained rates of ours and of the in-memory reference, both searched in lockstep: each
 * round, each system still searching runs its next step, one after the other. *Decision:*
 * interleaved rather than one search after the other, so both meet the same machine. One after
 * the other, a quiet minute for one and a busy one for the other (neighbours, the shared disk)
 * swung the ratio between 0.58 and 1.12 from one full run to the next.
 */
async function sustainedRates(durationMs: number): Promise<{ ours: RateSearch; yws: RateSearch }> {
  const ours = new RateSearch(await startSystem('ours'))
  const yws = new RateSearch(await startSystem('yws'))
  const writers = 10
  try {
    for (let searching = true; searching; ) {
      searching = false
      for (const search of [ours, yws]) {
        const total = search.next()
        if (total === undefined) continue
        searching = true
        search.record(
          total,
          await runLoad('bench/load/fanout.ts', {
            ...search.running.target,
            observers: 5,
            writers,
            rate: total / writers,
            durationMs,
          }),
        )
      }
    }
  } finally {
    await Promise.all([ours.running.child.stop(), yws.running.child.stop()])
  }
  return { ours, yws }
}

/** `throughput`: sustained durable updates/s into one report before p99 passes 100 ms. */
export async function throughputRow(sizes: ServerBenchSizes): Promise<BenchRow> {
  const durationMs = Math.max(3_000, sizes.durationMs / 3)
  const { ours, yws } = await sustainedRates(durationMs)
  return ratioRow(
    {
      name: 'throughput',
      value: ours.rate,
      unit: 'updates/s',
      reference: yws.rate,
      referenceSystem: systemNames.yws,
      target: 'ratio >= 0.8',
      details: { ours: ours.steps, yws: yws.steps },
    },
    (ratio) => ratio >= 0.8,
  )
}

/**
 * Live memory of a server child (V8 heap in use plus memory outside it: buffers, SQLite's and
 * other native allocations reported as external) after a full garbage collection, the median of
 * three readings. *Decision:* not RSS: the allocator keeps freed pages, so an RSS delta depends on
 * what the process did before (our server's start-up left pages that the report then reused: the
 * delta came out 0.3 MB or negative), not on what the report holds.
 */
async function liveMemory(child: {
  process: import('node:child_process').ChildProcess
  memory(): Record<string, number> | undefined
}): Promise<number> {
  const readings: number[] = []
  for (let i = 0; i < 3; i++) {
    child.process.kill('SIGUSR2')
    await sleep(400)
    const memory = child.memory()
    if (memory === undefined) throw new Error('the server printed no MEMORY line after SIGUSR2')
    readings.push(memory['heapUsed']! + memory['external']!)
  }
  return median(readings)
}

async function memoryDelta(system: SystemKind, connections: number): Promise<number> {
  // Ours starts from a store seeded by an earlier run, as a server restarts in production: seeding
  // (parsing the bundled documents) in the measured process would leave freed heap pages that the
  // report then fills, hiding its cost.
  const dataDir = mkdtempSync(join(tmpdir(), 'cotejo-bench-memory-'))
  if (system === 'ours') await (await startSystem('ours', { BENCH_DATA_DIR: dataDir })).child.stop()
  const running = await startSystem(system, system === 'ours' ? { BENCH_DATA_DIR: dataDir } : { REFERENCE_LAZY: '1' })
  try {
    await sleep(1000)
    const before = await liveMemory(running.child)
    const hold = await startChild('bench/load/hold.ts', [JSON.stringify({ ...running.target, connections })], {
      core: loadCore,
      timeoutMs: 300_000,
    })
    await sleep(2000)
    const after = await liveMemory(running.child)
    await hold.stop()
    return (after - before) / 1e6
  } finally {
    await running.child.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** `memory-per-report`: server memory taken by loading the annual report with N connections. */
export async function memoryRow(sizes: ServerBenchSizes): Promise<BenchRow> {
  const ours = await memoryDelta('ours', sizes.memoryConnections)
  const yws = await memoryDelta('yws', sizes.memoryConnections)
  return ratioRow(
    {
      name: 'memory-per-report',
      value: ours,
      unit: 'MB',
      reference: yws,
      referenceSystem: systemNames.yws,
      target: 'ratio <= 1.2',
      details: { connections: sizes.memoryConnections },
    },
    (ratio) => ratio <= 1.2,
  )
}

/** `cold-open`: a new client receives the full report from a server that has it only in storage. */
export async function coldOpenRow(sizes: ServerBenchSizes): Promise<BenchRow> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cotejo-bench-cold-'))
  const ours: number[] = []
  const reference: number[] = []
  try {
    // First start seeds the store; every sample then restarts the server so the report is only on disk.
    await (await startSystem('ours', { BENCH_DATA_DIR: dataDir })).child.stop()
    for (let i = 0; i < sizes.coldOpenSamples; i++) {
      const running = await startSystem('ours', { BENCH_DATA_DIR: dataDir })
      ours.push((await runLoad('bench/load/cold-open.ts', { ...running.target }))['ms']!)
      await running.child.stop()
    }
    const yws = await startSystem('yws')
    for (let i = 0; i < sizes.coldOpenSamples; i++)
      reference.push((await runLoad('bench/load/cold-open.ts', { ...yws.target }))['ms']!)
    await yws.child.stop()
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
  return ratioRow(
    {
      name: 'cold-open',
      value: median(ours),
      unit: 'ms',
      reference: median(reference),
      referenceSystem: systemNames.yws,
      target: 'ratio <= 2',
      details: { ours, reference },
    },
    (ratio) => ratio <= 2,
  )
}
