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
    // State and words read together: the page must say why, in the state it is in.
    await expect
      .poll(
        () =>
          second
            .locator('connection-status')
            .evaluate(
              (status) => `${status.getAttribute('state')}: ${status.querySelector('.connection-state')?.textContent}`,
            ),
        { timeout: 15_000 },
      )
      .toMatch(/^throttled: (Demasiadas conexiones|Too many connections)/)
    // Retrying does not flip it back to "connecting": each retry is refused the same way.
    const seen = new Set<string>()
    for (let i = 0; i < 10; i++) {
      seen.add((await second.locator('connection-status').getAttribute('state')) ?? '')
      await second.waitForTimeout(150)
    }
    expect([...seen]).toEqual(['throttled'])
    await first.close()
    await expect
      .poll(() => second.locator('connection-status').getAttribute('state'), { timeout: 20_000 })
      .toBe('online')
    await context.close()
  })
})
