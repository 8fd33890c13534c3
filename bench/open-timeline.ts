// Where an open of the report page goes: milestones of a few opens of our page and the bare page,
// printed as a table (ms after navigation start). A tool for profiling `open-report`, not a row.
import { ensureClientBuilt, launchBrowser } from '../test/helpers/browser.ts'
import { startSystem } from './lib/systems.ts'
import { buildBarePage, serveBarePage, signedInPage } from './rows/browser-rows.ts'

const probe = `
  window.__marks = {}
  const mark = (name) => { if (window.__marks[name] === undefined) window.__marks[name] = Math.round(performance.now()) }
  const define = customElements.define.bind(customElements)
  customElements.define = (name, ...rest) => { mark('define ' + name); return define(name, ...rest) }
  const NativeWebSocket = window.WebSocket
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args); mark('ws created')
      this.addEventListener('open', () => mark('ws open'))
      this.addEventListener('message', () => { mark('ws first message'); setTimeout(() => mark('ws first message handled')) })
    }
  }
  const nativeFetch = window.fetch
  window.fetch = (...args) => { mark('fetch ' + String(args[0]).slice(0, 30)); return nativeFetch(...args).then((r) => { mark('fetched ' + String(args[0]).slice(0, 30)); return r }) }
  new MutationObserver(() => {
    const editors = document.querySelectorAll('.ProseMirror[contenteditable="true"]').length
    if (editors > 0) mark('first editor')
    if (editors >= window.__editorsWanted) mark('all editors')
    const status = document.querySelector('connection-status')
    if (status && status.getAttribute('state') === 'online') mark('online')
  }).observe(document, { childList: true, subtree: true, attributes: true })
`
const runs = Number(process.argv[2] ?? 3)
ensureClientBuilt()
buildBarePage()
const bare = await serveBarePage()
const running = await startSystem('ours')
const browser = await launchBrowser()
try {
  for (let i = 0; i < runs; i++) {
    for (const which of ['ours', 'bare'] as const) {
      const { page, url } =
        which === 'ours'
          ? await signedInPage(browser, running)
          : {
              page: await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage(),
              url: bare.url,
            }
      await page.addInitScript(`window.__editorsWanted = ${bare.sections * 2};${probe}`)
      await page.goto(url)
      await page.waitForFunction(
        () =>
          (window as unknown as { __marks: Record<string, number> }).__marks['all editors'] !== undefined &&
          (document.querySelector('connection-status') === null ||
            (window as unknown as { __marks: Record<string, number> }).__marks['online'] !== undefined),
        undefined,
        { timeout: 60_000 },
      )
      const marks = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
        const scripts = performance.getEntriesByType('resource').flatMap((r) => {
          const t = r as PerformanceResourceTiming
          const name = t.name.split('/').pop()!.slice(0, 12)
          return [
            [`${name} start`, Math.round(t.startTime)],
            [`${name} requested`, Math.round(t.requestStart)],
            [`${name} first byte`, Math.round(t.responseStart)],
            [`${name} loaded`, Math.round(t.responseEnd)],
          ] as const
        })
        return {
          'html loaded': Math.round(nav.responseEnd),
          ...Object.fromEntries(scripts),
          'dom content loaded': Math.round(nav.domContentLoadedEventEnd),
          ...(window as unknown as { __marks: Record<string, number> }).__marks,
        }
      })
      console.log(
        which,
        Object.entries(marks)
          .sort((a, b) => a[1] - b[1])
          .map(([k, v]) => `${k}=${v}`)
          .join('  '),
      )
      await page.context().close()
    }
  }
} finally {
  await browser.close()
  await running.child.stop()
  await bare.close()
}
