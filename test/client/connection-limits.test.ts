import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, newPerson, openReport, signIn } from '../helpers/browser.ts'
import { fixturePassword, fixtureReportId, startFixtureServer, type FixtureServer } from './fixtures.ts'

describe('too many connections (close 4429)', () => {
  let server: FixtureServer
  let browser: Browser

  beforeAll(async () => {
    // One socket per person: a second tab of the same person is refused with 4429 while the first is open.
    server = await startFixtureServer([{ username: 'edith', role: 'editor' }], { limits: { maxSocketsPerUser: 1 } })
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('keeps retrying instead of stopping, and comes online once a place is free', async () => {
    const { page: first, context } = await newPerson(browser)
    await signIn(first, server.url, 'edith', fixturePassword)
    await openReport(first, server.url, fixtureReportId)
    const second = await context.newPage()
    await second.goto(`${server.url}/reports/${fixtureReportId}`)
    await second.locator('section-row').first().waitFor()
    // Refused, but not given up: the page says why it is waiting, never that it stopped.
    await expect
      .poll(() => second.locator('connection-status').getAttribute('state'), { timeout: 15_000 })
      .toBe('throttled')
    expect(await second.locator('connection-status .connection-state').textContent()).toMatch(
      /Demasiadas conexiones|Too many connections/,
    )
    await second.waitForTimeout(1500)
    expect(await second.locator('connection-status').getAttribute('state')).not.toBe('stopped')
    await first.close()
    await expect
      .poll(() => second.locator('connection-status').getAttribute('state'), { timeout: 20_000 })
      .toBe('online')
    await context.close()
  })
})
