// Rows for the guard (issue "The server is the guard" › Bounded cost): what authorizing one agency
// keystroke costs as the report grows, and whether a viewer's crafted update stalls the server.

import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import WebSocket from 'ws'
import * as Y from 'yjs'
import type { DocJSON, Report, Section } from '../../schema/report.ts'
import { reportToYDoc } from '../../schema/ydoc.ts'
import { UpdateGuard } from '../../server/collab/update-guard.ts'
import { craftUpdate, updateMessage } from '../../test/server/crafted-updates.ts'
import { absoluteRow, ratioRow, type BenchRow } from '../lib/row.ts'
import { median, percentile } from '../lib/stats.ts'
import { startSystem } from '../lib/systems.ts'

function paragraph(id: string, text: string): DocJSON {
  return { type: 'doc', content: [{ type: 'paragraph', attrs: { id }, content: [{ type: 'text', text }] }] }
}

/** A report of `count` actor sections, each its own actor's, with one paragraph per language. */
function reportOf(count: number): Report {
  const sections: Section[] = Array.from({ length: count }, (_, i) => ({
    id: `s${i}`,
    kind: 'actor',
    actor: `a${i}`,
    heading: { es: `Sección ${i}`, en: `Section ${i}` },
    groups: [],
    es: paragraph(`p${i}`, `Actividades del actor ${i} durante el año`),
    en: paragraph(`p${i}`, `Activities of actor ${i} during the year`),
  }))
  return {
    id: `guard-${count}`,
    meta: {
      title: { es: 'Informe', en: 'Report' },
      kind: 'annual-report',
      status: 'draft',
      symbol: '',
      front: { es: '', en: '' },
    },
    actors: sections.map((section) => ({
      id: section.actor!,
      name: { es: section.id, en: section.id },
      acronym: { es: section.id, en: section.id },
    })),
    sections,
  }
}

/** Milliseconds the guard takes to judge each of `keystrokes` single-character updates of an agency in its own section. */
function keystrokeCosts(sections: number, keystrokes: number): number[] {
  const live = reportToYDoc(reportOf(sections))
  const guard = new UpdateGuard({ live, queued: () => [] })
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(live))
  const own = `s${Math.floor(sections / 2)}`
  const text = (client.getXmlFragment(`es/${own}`).get(0) as Y.XmlElement).get(0) as Y.XmlText
  let update: Uint8Array | undefined
  client.on('update', (bytes: Uint8Array) => {
    update = bytes
  })
  const who = { role: 'agency' as const, actors: [`a${Math.floor(sections / 2)}`] }
  const costs: number[] = []
  for (let i = 0; i < keystrokes + 20; i++) {
    text.insert(text.length, 'x')
    const start = performance.now()
    const verdict = guard.judge(update!, who)
    const cost = performance.now() - start
    if (verdict.kind !== 'accepted' || verdict.effect === undefined)
      throw new Error(`keystroke ${i} was not accepted: ${JSON.stringify(verdict)}`)
    Y.applyUpdate(live, verdict.effect)
    // The first ones build the candidate and warm the code up.
    if (i >= 20) costs.push(cost)
  }
  return costs
}

/**
 * `guard-keystroke`: the guard's cost for one agency keystroke with 10,000 sections against 16,
 * measured in this process on the same machine moments apart. Target ≤ 1.5: authorizing does not
 * read the whole outline, only the section touched.
 */
export function guardKeystrokeRow(keystrokes: number): BenchRow {
  const small: number[] = []
  const large: number[] = []
  // Interleaved rounds, so neither size meets a busier moment of the machine alone.
  for (let round = 0; round < 3; round++) {
    small.push(...keystrokeCosts(16, keystrokes))
    large.push(...keystrokeCosts(10_000, keystrokes))
  }
  return ratioRow(
    {
      name: 'guard-keystroke',
      value: median(large),
      unit: 'ms',
      reference: median(small),
      referenceSystem: 'the same guard, 16 sections',
      target: 'ratio <= 1.5 (10,000 sections against 16)',
      details: { p95With10000: percentile(large, 95), p95With16: percentile(small, 95), keystrokes: large.length },
    },
    (ratio) => ratio <= 1.5,
  )
}

async function signIn(base: string, adminToken: string): Promise<string> {
  const created = await fetch(`${base}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ username: 'bench-viewer', password: 'bench-viewer-password', role: 'viewer' }),
  })
  if (created.status !== 201 && created.status !== 409) throw new Error(`creating the viewer failed: ${created.status}`)
  const login = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-viewer', password: 'bench-viewer-password' }),
  })
  if (!login.ok) throw new Error(`signing the viewer in failed: ${login.status} ${await login.text()}`)
  const { token } = (await login.json()) as { token: string }
  // A new account must change its password before anything else (403 password-change-required,
  // and its sockets are closed with 4401): change it once; the session making the change stays.
  const changed = await fetch(`${base}/api/me/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ current: 'bench-viewer-password', next: 'bench-viewer-password-2' }),
  })
  if (!changed.ok && created.status === 201)
    throw new Error(`changing the viewer's password failed: ${changed.status} ${await changed.text()}`)
  return token
}

/** /healthz answer times (ms) probed every `everyMs` while `during` runs. */
async function probeHealth(base: string, everyMs: number, during: Promise<unknown>): Promise<number[]> {
  const times: number[] = []
  let done = false
  void during.finally(() => {
    done = true
  })
  while (!done) {
    const start = performance.now()
    await fetch(`${base}/healthz`)
    times.push(performance.now() - start)
    await sleep(everyMs)
  }
  return times
}

/** Sends `update` on a viewer's socket; resolves with the close code. */
function floodOnce(wsBase: string, room: string, token: string, update: Uint8Array): Promise<number> {
  const socket = new WebSocket(`${wsBase}/${room}?token=${token}`)
  return new Promise((resolve, reject) => {
    socket.on('error', reject)
    socket.on('close', (code) => resolve(code))
    socket.on('open', () => socket.send(updateMessage(update)))
  })
}

/**
 * `guard-viewer-flood`: the slowest /healthz answer while a viewer sends crafted updates of 40,000
 * structs (about 400 KiB each) to the annual report, ten in a row. Target ≤ 100 ms: a viewer's
 * change is refused before any analysis, so the server never stops answering.
 */
export async function guardViewerFloodRow(): Promise<BenchRow> {
  const running = await startSystem('ours')
  try {
    const base = running.target.wsBase.replace(/^ws/, 'http').replace(/\/collab$/, '')
    const viewer = await signIn(base, running.target.token!)
    // A connection that stays open: the report is loaded before the floods, as when people work in it.
    const present = new WebSocket(`${running.target.wsBase}/${running.target.room}?token=${viewer}`)
    await new Promise((resolve, reject) => {
      present.once('message', resolve)
      present.once('error', reject)
      present.once('close', (code, reason) => reject(new Error(`the viewer's socket was closed: ${code} ${reason}`)))
    })
    const idle = await probeHealth(base, 5, sleep(500))
    const structs = Array.from({ length: 40_000 }, (_, i) => ({
      kind: 'item' as const,
      parent: 'es/iom',
      content: { kind: 'string' as const, text: `f${i % 10}` },
    }))
    const update = craftUpdate([{ client: 1_234_567, clock: 0, structs }])
    const codes: number[] = []
    const floods = (async () => {
      for (let i = 0; i < 10; i++)
        codes.push(await floodOnce(running.target.wsBase, running.target.room, viewer, update))
    })()
    const during = await probeHealth(base, 5, floods)
    present.close()
    return absoluteRow(
      {
        name: 'guard-viewer-flood',
        value: Math.max(...during),
        unit: 'ms',
        target: 'slowest /healthz <= 100 ms while a viewer sends 400 KiB updates',
        details: {
          updateBytes: update.byteLength,
          closeCodes: codes,
          probes: during.length,
          medianDuring: median(during),
          idleMax: Math.max(...idle),
          idleMedian: median(idle),
        },
      },
      (value) => value <= 100 && codes.every((code) => code === 4403),
    )
  } finally {
    await running.child.stop()
  }
}
