import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureClientBuilt, launchBrowser, newPerson, openReport, signIn, unexpectedErrors } from '../helpers/browser.ts'
import { fetchReport, fetchReportList } from '../helpers/report-text.ts'
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

  it('shows every section side by side with both its editors built, and jumps from the outline', async () => {
    expect((await fetchReportList(server.url, token)).map((r) => r.id)).toContain(annualReport)
    const report = await fetchReport(server.url, token, annualReport)
    const { page, context, errors } = await newPerson(browser)
    await signIn(page, server.url, 'edith', password)

    const started = Date.now()
    await openReport(page, server.url, annualReport)
    await page.locator('section-editor .ProseMirror').first().waitFor()
    const firstScreenMs = Date.now() - started
    await page.waitForFunction((count) => document.querySelectorAll('section-editor .ProseMirror').length === count * 2, report.sections.length, { timeout: 20_000 })
    const allEditorsMs = Date.now() - started
    console.log(`annual report: ${report.sections.length} sections; first editors after ${firstScreenMs} ms, all ${report.sections.length * 2} editors after ${allEditorsMs} ms`)

    expect(await page.locator('section-row').count()).toBe(report.sections.length)
    expect(await page.locator('report-outline li.outline-section').count()).toBe(report.sections.length)
    // Spanish on the left, English on the right, level with each other in every row.
    const misaligned = await page.evaluate(() =>
      [...document.querySelectorAll('section-row')].filter((row) => {
        const es = row.querySelector('.pane-es')!.getBoundingClientRect()
        const en = row.querySelector('.pane-en')!.getBoundingClientRect()
        return Math.abs(es.top - en.top) > 1 || es.left >= en.left
      }).length,
    )
    expect(misaligned).toBe(0)

    const last = report.sections[report.sections.length - 1]!
    await page.locator(`report-outline a[data-section="${last.id}"]`).click()
    await expect.poll(() => page.locator(`section-row[section-id="${last.id}"]`).evaluate((row) => {
      const box = row.getBoundingClientRect()
      return box.top >= 0 && box.top < window.innerHeight
    })).toBe(true)
    await page.screenshot({ path: 'test-results/screenshots/annual-report.png' })
    expect(unexpectedErrors(errors)).toEqual([])
    await context.close()
  })
})
