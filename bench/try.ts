import { startChild } from '/work/main/bench/lib/child.ts'
for (const script of ['bench/servers/reference-yws.ts', 'bench/servers/reference-hocuspocus.ts']) {
  const server = await startChild(script, [], { core: 0 })
  console.log(script, server.ready, 'rss MB', (server.rssBytes() / 1e6).toFixed(1))
  const load = await startChild('bench/load/fanout.ts', [JSON.stringify({ system: script.includes('yws') ? 'yws' : 'hocuspocus', wsBase: server.ready.wsBase, room: 'annual-report-2011-2012', observers: 20, writers: 2, rate: 10, durationMs: 3000 })], { core: 1 })
  console.log(await load.result, 'server cpu', server.cpuSeconds(), 'rss MB', (server.rssBytes() / 1e6).toFixed(1))
  await load.stop(); await server.stop()
}
