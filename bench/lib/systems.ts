import { startChild, type BenchChild } from './child.ts'
import type { SystemKind, Target } from '../load/clients.ts'

/** The core servers run on; load generators get the other one, so neither starves the other. */
export const serverCore = 0
/** The core load generators run on. */
export const loadCore = 1

const scripts: Record<SystemKind, string> = {
  ours: 'bench/servers/ours.ts',
  yws: 'bench/servers/reference-yws.ts',
  hocuspocus: 'bench/servers/reference-hocuspocus.ts',
}

/** Human names of the systems, for tables. */
export const systemNames: Record<SystemKind, string> = {
  ours: 'cotejo (durable)',
  yws: '@y/websocket-server 0.1.1 (in memory)',
  hocuspocus: '@hocuspocus/server 3 (in memory)',
}

/** A benchmarked server process and where its clients connect. */
export interface RunningSystem {
  readonly child: BenchChild
  readonly target: Target
}

/** Start `system` on the server core with the annual report available. */
export async function startSystem(system: SystemKind, env: Record<string, string> = {}): Promise<RunningSystem> {
  const child = await startChild(scripts[system], [], { core: serverCore, env })
  const ready = child.ready as { wsBase: string; room?: string; token?: string }
  return {
    child,
    target: {
      system,
      wsBase: ready.wsBase,
      room: ready.room ?? 'annual-report-2011-2012',
      ...(ready.token ? { token: ready.token } : {}),
    },
  }
}

/** Run the load generator `script` with `options` on the load core; resolve with its RESULT. */
export async function runLoad(script: string, options: Record<string, unknown>): Promise<Record<string, number>> {
  const load = await startChild(script, [JSON.stringify(options)], { core: loadCore, timeoutMs: 300_000 })
  try {
    return (await load.result) as Record<string, number>
  } finally {
    await load.stop()
  }
}
