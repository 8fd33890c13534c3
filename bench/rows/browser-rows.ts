import { execFileSync } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import express from 'express'
import { chromium, type Browser, type Page } from 'playwright-core'
import { chromiumArgs, chromiumPath, ensureClientBuilt, launchBrowser } from '../../test/helpers/browser.ts'
import { securityHeaders } from '../../server/http/security-headers.ts'
import { annualReport } from '../lib/annual-report.ts'
import { startChild } from '../lib/child.ts'
import { ratioRow, type BenchRow } from '../lib/row.ts'
import { median, percentile, round } from '../lib/stats.ts'
import { loadCore, startSystem, type RunningSystem } from '../lib/systems.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const bareDir = fileURLToPath(new URL('../browser/dist', import.meta.url))

/**
 * Installed before any page script: records when the page first holds `window.__editorsWanted`
 * editable editors (and, on our page, says it is online: synced with the server, so every editor
 * shows the server's text), and keystroke-to-paint times (see `keystrokeProbe`).
 */
const readyProbe = `
  const isReady = () => {
    const status = document.querySelector('connection-status')
    return document.querySelectorAll('.ProseMirror[contenteditable="true"]').length >= window.__editorsWanted &&
      (status === null || status.getAttribute('state') === 'online')
  }
  new MutationObserver(() => {
    if (window.__allEditorsAt === undefined && window.__editorsWanted && isReady()) window.__allEditorsAt = performance.now()
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['state', 'contenteditable'] })
`

/**
 * Keystroke to paint, per keystroke: from the keydown's `timeStamp` (when the key reached the
 * page, so time the page was busy before it could handle the key counts) to the end of the
 * first frame rendered after it (a `requestAnimationFrame` callback, then a message: that runs
 * once the frame's style, layout and paint are done). With `--disable-frame-rate-limit` that
 * frame starts as soon as the key is handled, so no idle wait for a 60 Hz tick is counted (see
 * README › Benchmarks). Also kept for the details: the input delay (keydown handler start −
 * `timeStamp`) and the Event Timing API's entries of 16 ms or more (its smallest threshold).
 */
const keystrokeProbe = `
  window.__keystrokes = []
  window.__inputDelays = []
  window.__eventTimings = []
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'keydown') window.__eventTimings.push(entry.duration)
  }).observe({ type: 'event', durationThreshold: 16 })
  addEventListener('keydown', (event) => {
    const keyAt = event.timeStamp
    window.__inputDelays.push(performance.now() - keyAt)
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => window.__keystrokes.push(performance.now() - keyAt)
      channel.port2.postMessage(0)
    })
  }, true)
`

/**
 * Chromium for the keystroke row: headless Chromium draws at most 60 frames a second, so a
 * frame-aligned measure would add 0–16.7 ms of waiting for the next tick to every keystroke,
 * whatever the page; without the limit a frame starts as soon as there is something to draw.
 */
async function launchUnthrottledBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumArgs, '--disable-frame-rate-limit', '--disable-gpu-vsync'],
  })
}

export function buildBarePage(): void {
  execFileSync(
    process.execPath,
    [
      `${root}/node_modules/vite/bin/vite.js`,
      'build',
      '--config',
      'bench/browser/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    },
  )
}

/**
 * Serve the bare reference page and the annual report as JSON on a free loopback port, with the
 * same security headers as our server. *Decision:* the row compares editors, not response
 * headers: our `Cross-Origin-Opener-Policy: same-origin` makes Chromium open the page in a fresh
 * renderer process (a new browsing context group), ≈ 200–240 ms of every open measured here, which
 * a page served without it does not pay (docs/performance.md › open-report).
 */
export async function serveBarePage(): Promise<{ url: string; sections: number; close(): Promise<void> }> {
  const report = annualReport()
  const app = express()
  app.use(securityHeaders())
  app.get('/report.json', (_req, res) => res.json(report))
  app.use(express.static(bareDir))
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    sections: report.sections.length,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

export async function signedInPage(browser: Browser, running: RunningSystem): Promise<{ page: Page; url: string }> {
  const base = running.target.wsBase.replace(/^ws/, 'http').replace(/\/collab$/, '')
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  await context.addCookies([{ name: 'cotejo_session', value: running.target.token!, url: base }])
  return { page: await context.newPage(), url: `${base}/reports/${running.target.room}` }
}

async function timeToAllEditors(page: Page, url: string, editors: number): Promise<number> {
  await page.addInitScript(`window.__editorsWanted = ${editors};${readyProbe}${keystrokeProbe}`)
  await page.goto(url)
  await page.waitForFunction(
    () => (window as unknown as { __allEditorsAt?: number }).__allEditorsAt !== undefined,
    undefined,
    { timeout: 60_000 },
  )
  return page.evaluate(() => (window as unknown as { __allEditorsAt: number }).__allEditorsAt)
}

/**
 * `open-report`: Chromium, navigation to every editor ready, full bilingual report, against bare
 * prosemirror-view; `samples` opens of each page, alternating, and the ratio of the medians.
 * *Decision:* nine samples each: with five, one slow open of either page on this shared machine
 * moved the median, and with it the ratio, by 0.2.
 */
export async function openReportRow(samples: number): Promise<BenchRow> {
  ensureClientBuilt()
  buildBarePage()
  const bare = await serveBarePage()
  const running = await startSystem('ours')
  const browser = await launchBrowser()
  const ours: number[] = []
  const reference: number[] = []
  try {
    for (let i = 0; i < samples; i++) {
      const signed = await signedInPage(browser, running)
      ours.push(await timeToAllEditors(signed.page, signed.url, bare.sections * 2))
      await signed.page.context().close()
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
      reference.push(await timeToAllEditors(await context.newPage(), bare.url, bare.sections * 2))
      await context.close()
    }
  } finally {
    await browser.close()
    await running.child.stop()
    await bare.close()
  }
  return ratioRow(
    {
      name: 'open-report',
      value: median(ours),
      unit: 'ms',
      reference: median(reference),
      referenceSystem: 'bare prosemirror-view page',
      target: 'ratio <= 1.5',
      details: { ours, reference, editors: bare.sections * 2 },
    },
    (ratio) => ratio <= 1.5,
  )
}

/** The section whose English body is typed into: a narrative one, away from the remote writers. */
const typedSection = 'conclusion'

/** What the keystroke probe recorded while typing. */
interface KeystrokeTimes {
  readonly toPaint: number[]
  readonly inputDelays: number[]
  /** Event Timing keydown durations of 16 ms or more (the API reports none shorter). */
  readonly eventTimings: number[]
}

async function keystrokeTimes(page: Page, editorSelector: string, keystrokes: number): Promise<KeystrokeTimes> {
  const editor = page.locator(editorSelector)
  await editor.scrollIntoViewIfNeeded()
  await editor.click()
  await page.keyboard.press('End')
  await page.waitForTimeout(200)
  await page.evaluate(() => {
    const w = window as unknown as Record<string, number[]>
    w['__keystrokes']!.length = 0
    w['__inputDelays']!.length = 0
    w['__eventTimings']!.length = 0
  })
  const text = 'abcdefghij klmnopqrst uvwxyz '
  for (let i = 0; i < keystrokes; i++) await page.keyboard.type(text[i % text.length]!, { delay: 30 })
  await page.waitForTimeout(200)
  return page.evaluate(() => {
    const w = window as unknown as Record<string, number[]>
    return {
      toPaint: [...w['__keystrokes']!],
      inputDelays: [...w['__inputDelays']!],
      eventTimings: [...w['__eventTimings']!],
    }
  })
}

/**
 * `keystroke-p95`: keystroke to paint with the full report open and 10 remote writers, against bare
 * prosemirror-view. *Decision:* the writers type for the whole row, into our server, while each
 * page is measured, ours first (closed before the other opens), then the bare page. The remote
 * writers are other people's computers; here they and the server run on the browser's two cores,
 * and a bare page measured on an idle machine was compared with ours measured on a loaded one
 * (docs/performance.md › keystroke-p95). The bare page has no collaboration, so it receives
 * nothing of theirs: the difference left between the pages is what receiving and showing
 * remote changes costs, which is what the row is for.
 */
export async function keystrokeRow(keystrokes: number): Promise<BenchRow> {
  ensureClientBuilt()
  buildBarePage()
  const bare = await serveBarePage()
  const running = await startSystem('ours')
  const browser = await launchUnthrottledBrowser()
  let ours: KeystrokeTimes = { toPaint: [], inputDelays: [], eventTimings: [] }
  let reference: KeystrokeTimes = ours
  try {
    const signed = await signedInPage(browser, running)
    await timeToAllEditors(signed.page, signed.url, bare.sections * 2)
    const writers = await startChild(
      'bench/load/writers.ts',
      [JSON.stringify({ ...running.target, writers: 10, rate: 5, avoid: [typedSection] })],
      { core: loadCore },
    )
    try {
      ours = await keystrokeTimes(
        signed.page,
        `section-row[section-id="${typedSection}"] section-editor[language=en] .ProseMirror`,
        keystrokes,
      )
      await signed.page.context().close()
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
      const page = await context.newPage()
      await timeToAllEditors(page, bare.url, bare.sections * 2)
      reference = await keystrokeTimes(page, `#${typedSection} [lang=en] .ProseMirror`, keystrokes)
    } finally {
      await writers.stop()
    }
  } finally {
    await browser.close()
    await running.child.stop()
    await bare.close()
  }
  const value = percentile(ours.toPaint, 95)
  const share16 = (times: KeystrokeTimes) => round(times.eventTimings.length / Math.max(1, times.toPaint.length), 3)
  return ratioRow(
    {
      name: 'keystroke-p95',
      value,
      unit: 'ms',
      reference: percentile(reference.toPaint, 95),
      referenceSystem: 'bare prosemirror-view page (the writers typing into our server meanwhile)',
      target: 'ratio <= 1.5 and value < 16',
      details: {
        keystrokes: ours.toPaint.length,
        referenceKeystrokes: reference.toPaint.length,
        p50: median(ours.toPaint),
        referenceP50: median(reference.toPaint),
        inputDelayP95: percentile(ours.inputDelays, 95),
        referenceInputDelayP95: percentile(reference.inputDelays, 95),
        eventTimingKeydownsOver16msShare: share16(ours),
        referenceEventTimingKeydownsOver16msShare: share16(reference),
        remoteWriters: 10,
      },
    },
    (ratio, v) => ratio <= 1.5 && v < 16,
  )
}
