// The database goes away while an editor types: the page says the server cannot save and that the
// changes are kept in this browser; when the database is back the changes are sent by themselves.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  clickAtEnd,
  editorOf,
  launchBrowser,
  newPerson,
  openReport,
  signIn,
  unexpectedErrors,
} from '../helpers/browser.ts'
import { startPostgres, type RunningPostgres } from '../helpers/postgres.ts'
import { fixturePassword, fixtureReportId, startFixtureServer, type FixtureServer } from './fixtures.ts'

describe('the database going away while someone types', () => {
  let postgres: RunningPostgres
  let server: FixtureServer
  let browser: Browser

  beforeAll(async () => {
    postgres = await startPostgres()
    server = await startFixtureServer([{ username: 'edith', role: 'editor' }], {
      databaseUrl: await postgres.createDatabase('outage'),
    })
    browser = await launchBrowser()
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await postgres?.dispose()
  })

  const serverText = async (section: string): Promise<string> => {
    const response = await fetch(`${server.url}/api/reports/${fixtureReportId}`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    })
    const report = (await response.json()) as { sections: Array<{ id: string; es: unknown }> }
    return JSON.stringify(report.sections.find((s) => s.id === section)?.es)
  }

  it('says the server cannot save, keeps the edits, and sends them when it can again', async () => {
    const { page, errors } = await newPerson(browser)
    await signIn(page, server.url, 'edith', fixturePassword)
    await openReport(page, server.url, fixtureReportId)
    const editor = await editorOf(page, 'introduction', 'es')
    await clickAtEnd(editor.locator('p').first())

    await postgres.stop()
    // Typed at a person's pace: keys typed after the server's 1011 stay unsent until it can store
    // again (typed all at once, every key may leave before the close, on a loaded machine).
    await page.keyboard.type(' Escrito sin base de datos', { delay: 40 })
    await page.locator('connection-status[state="storage-down"][unsent]').waitFor({ timeout: 20_000 })
    // The reason holds while the page retries (each retry is accepted, then closed with 1011 again).
    await expect
      .poll(() => page.locator('connection-status[state="storage-down"] .connection-state').textContent(), {
        timeout: 5_000,
      })
      .toMatch(/no puede guardar|cannot save/)
    await page.screenshot({ path: 'docs/screenshots/storage-down.png' })
    // The text stays on the page, editable.
    expect(await editor.textContent()).toContain('Escrito sin base de datos')

    await postgres.start()
    await page.locator('connection-status[state=online]:not([unsent])').waitFor({ timeout: 30_000 })
    await expect.poll(() => serverText('introduction'), { timeout: 10_000 }).toContain('Escrito sin base de datos')
    // The only failed request is the check for a session before signing in (401).
    expect(unexpectedErrors(errors)).toEqual([])
  }, 90_000)
})
