import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  clickAtEnd,
  editorOf,
  ensureClientBuilt,
  launchBrowser,
  newPerson,
  openReport,
  signIn,
  unexpectedErrors,
} from '../helpers/browser.ts'
import { fetchReport, fetchReportList, textOf } from '../helpers/report-text.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'

const password = 'correct-horse-1'
const annualReport = 'annual-report-2011-2012'

describe('the report page on the bundled annual report', () => {
  let server: TestServer
  let browser: Browser
  let token: string

  beforeAll(async () => {
    server = await startTestServer({ seed: true, clientDir: ensureClientBuilt() })
    ;({ token } = await server.createUser({ username: 'edith', password, role: 'editor' }))
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('brings up the toolbars once the editors are on screen, at the height they were given', async () => {
    const report = await fetchReport(server.url, token, annualReport)
    const { page, context, errors } = await newPerson(browser)
    await signIn(page, server.url, 'edith', password)
    // What the first section's toolbars hold at the moment every editor has become editable.
    await page.addInitScript((wanted: number) => {
      const w = window as unknown as { __atReady?: { buttons: number; heights: number[] } }
      new MutationObserver(() => {
        if (w.__atReady || document.querySelectorAll('.ProseMirror[contenteditable="true"]').length < wanted) return
        const toolbars = [...document.querySelectorAll('section-row:first-of-type section-editor .toolbar')]
        w.__atReady = {
          buttons: toolbars.reduce(
            (count, toolbar) => count + toolbar.querySelectorAll('button:not(.toolbar-placeholder)').length,
            0,
          ),
          heights: toolbars.map((toolbar) => Math.round(toolbar.getBoundingClientRect().height)),
        }
      }).observe(document, { childList: true, subtree: true, attributes: true })
    }, report.sections.length * 2)
    await openReport(page, server.url, annualReport)
    await page.waitForFunction(
      () => (window as unknown as { __atReady?: unknown }).__atReady !== undefined,
      undefined,
      { timeout: 20_000 },
    )
    const atReady = await page.evaluate(
      () => (window as unknown as { __atReady: { buttons: number; heights: number[] } }).__atReady,
    )
    expect(atReady.heights).toHaveLength(2)
    expect(atReady.buttons).toBe(0)
    const firstToolbars = page.locator('section-row:first-of-type section-editor .toolbar')
    await expect
      .poll(() =>
        firstToolbars.evaluateAll((toolbars) =>
          toolbars.map((toolbar) => toolbar.querySelectorAll('button:not(.toolbar-placeholder)').length),
        ),
      )
      .toEqual([7, 7])
    expect(
      await firstToolbars.evaluateAll((toolbars) =>
        toolbars.map((toolbar) => Math.round(toolbar.getBoundingClientRect().height)),
      ),
    ).toEqual(atReady.heights)
    // Every editor's toolbar gets its buttons, the bold button enabled once the editor exists.
    await expect
      .poll(() => page.locator('section-editor .toolbar button.mark-strong:not([disabled])').count())
      .toBe(report.sections.length * 2)
    expect(unexpectedErrors(errors)).toEqual([])
    await context.close()
  })

  it('shows every section side by side with both its editors built, and jumps from the outline', async () => {
    expect((await fetchReportList(server.url, token)).map((r) => r.id)).toContain(annualReport)
    const report = await fetchReport(server.url, token, annualReport)
    const { page, context, errors } = await newPerson(browser)
    await signIn(page, server.url, 'edith', password)

    const started = Date.now()
    await openReport(page, server.url, annualReport)
    await page.locator('section-editor .ProseMirror').first().waitFor()
    const firstScreenMs = Date.now() - started
    await page.waitForFunction(
      (count) => document.querySelectorAll('section-editor .ProseMirror').length === count * 2,
      report.sections.length,
      { timeout: 20_000 },
    )
    const allEditorsMs = Date.now() - started
    console.log(
      `annual report: ${report.sections.length} sections; first editors after ${firstScreenMs} ms, all ${report.sections.length * 2} editors after ${allEditorsMs} ms`,
    )

    expect(await page.locator('section-row').count()).toBe(report.sections.length)
    expect(await page.locator('report-outline li.outline-section').count()).toBe(report.sections.length)
    // Spanish on the left, English on the right, level with each other in every row.
    const misaligned = await page.evaluate(
      () =>
        [...document.querySelectorAll('section-row')].filter((row) => {
          const es = row.querySelector('.pane-es')!.getBoundingClientRect()
          const en = row.querySelector('.pane-en')!.getBoundingClientRect()
          return Math.abs(es.top - en.top) > 1 || es.left >= en.left
        }).length,
    )
    expect(misaligned).toBe(0)

    const last = report.sections[report.sections.length - 1]!
    await page.locator(`report-outline a[data-section="${last.id}"]`).click()
    await expect
      .poll(() =>
        page.locator(`section-row[section-id="${last.id}"]`).evaluate((row) => {
          const top = row.getBoundingClientRect().top
          return { top, viewportHeight: window.innerHeight, inView: top >= 0 && top < window.innerHeight }
        }),
      )
      .toMatchObject({ inView: true })
    await page.screenshot({ path: 'test-results/screenshots/annual-report.png' })
    expect(unexpectedErrors(errors)).toEqual([])
    await context.close()
  })

  it('opened from its address, makes a single connection and sends what is typed through it', async () => {
    const { page, context, errors } = await newPerson(browser)
    await signIn(page, server.url, 'edith', password)
    const sockets: string[] = []
    page.on('websocket', (socket) => sockets.push(socket.url()))
    await openReport(page, server.url, annualReport)
    // One socket: the report page took the one main.ts opened instead of opening its own.
    expect(sockets).toEqual([expect.stringMatching(new RegExp(`/collab/${annualReport}$`))])
    const editor = await editorOf(page, 'conclusion', 'en')
    await clickAtEnd(editor.locator('p').first())
    await page.keyboard.type(' Sent through the early connection.')
    await page.locator('connection-status[state=online]:not([unsent])').waitFor()
    await expect
      .poll(async () =>
        textOf((await fetchReport(server.url, token, annualReport)).sections.find((s) => s.id === 'conclusion')!.en),
      )
      .toContain('Sent through the early connection.')
    expect(sockets).toHaveLength(1)
    expect(unexpectedErrors(errors)).toEqual([])
    await context.close()
  })

  it('opened from its address while signed out, asks to sign in, then opens the report on a new connection', async () => {
    const { page, context, errors } = await newPerson(browser)
    const sockets: string[] = []
    page.on('websocket', (socket) => sockets.push(socket.url()))
    await page.goto(`${server.url}/reports/${annualReport}`)
    await page.locator('sign-in-form input[name=username]').fill('edith')
    await page.locator('sign-in-form input[name=password]').fill(password)
    await page.locator('sign-in-form button[type=submit]').click()
    // The early connection was refused (no session, 4401); the report page opens its own.
    await page.locator('connection-status[state=online]').waitFor()
    expect(await page.locator('section-row').count()).toBeGreaterThan(0)
    expect(sockets).toHaveLength(2)
    expect(unexpectedErrors(errors)).toEqual([])
    await context.close()
  })
})
