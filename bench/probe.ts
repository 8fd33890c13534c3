// Probe, not a row: one system at one load, with the server's CPU per update, so a change to the
// server can be judged on a noisy machine (latencies vary with the neighbours; CPU per update less).
// `tsx bench/probe.ts '{"system":"ours","writers":10,"observers":5,"rate":80,"durationMs":8000}'`
// Set PROBE_PROFILE=1 to write a CPU profile of the server to <tmpdir>/cotejo-profiles/.
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runLoad, startSystem } from './lib/systems.ts'
import type { SystemKind } from './load/clients.ts'

const options = JSON.parse(process.argv[2] ?? '{}') as {
  system?: SystemKind
  writers?: number
  observers?: number
  rate?: number
  durationMs?: number
}
const system = options.system ?? 'ours'
const env: Record<string, string> = process.env['PROBE_PROFILE']
  ? { BENCH_PROFILE: join(tmpdir(), 'cotejo-profiles') }
  : {}
const running = await startSystem(system, env)
const cpuBefore = running.child.cpuSeconds()
const rssBefore = running.child.rssBytes()
const result = await runLoad('bench/load/fanout.ts', {
  ...running.target,
  writers: options.writers ?? 10,
  observers: options.observers ?? 5,
  rate: options.rate ?? 80,
  durationMs: options.durationMs ?? 8000,
})
const cpu = running.child.cpuSeconds() - cpuBefore
console.log(
  JSON.stringify({
    system,
    ...result,
    serverCpuSeconds: cpu,
    serverCpuMsPerUpdate: (cpu * 1000) / result['updates']!,
    rssMB: running.child.rssBytes() / 1e6,
    rssBeforeMB: rssBefore / 1e6,
  }),
)
await running.child.stop()
process.exit(0)
