import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clickAtEnd, bodyText, editorOf, launchBrowser, newPerson, openReport, signIn } from '../helpers/browser.ts'
import { fetchReport, textOf } from '../helpers/report-text.ts'
import { fixturePassword, fixtureReportId, startFixtureServer, type FixtureServer } from './fixtures.ts'

describe('editing offline', () => {
  let server: FixtureServer
  let browser: Browser

  beforeAll(async () => {
    server = await startFixtureServer([
      { username: 'ana', role: 'agency', actors: ['iom'] },
      { username: 'edith', role: 'editor' },
    ])
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  async function serverText(sectionId: string, language: 'es' | 'en'): Promise<string> {
    const report = await fetchReport(server.url, server.adminToken, fixtureReportId)
    return textOf(report.sections.find((s) => s.id === sectionId)![language])
  }

  it('keeps edits made offline and merges them with edits made meanwhile by someone else, losing nothing', async () => {
    const ana = await newPerson(browser)
    const edith = await newPerson(browser)
    await signIn(ana.page, server.url, 'ana', fixturePassword)
    await signIn(edith.page, server.url, 'edith', fixturePassword)
    await openReport(ana.page, server.url, fixtureReportId)
    await openReport(edith.page, server.url, fixtureReportId)

    await ana.context.setOffline(true)
    await ana.page.locator('connection-status[state=offline]').waitFor()
    const anaEditor = await editorOf(ana.page, 'iom', 'es')
    await anaEditor.locator('td[data-column=executed] p').click()
    await ana.page.keyboard.type('Escrito sin conexión')
    await ana.page.locator('connection-status[unsent]').waitFor()

    // Meanwhile an editor changes the same section, in another cell and in the other language.
    const edithEs = await editorOf(edith.page, 'iom', 'es')
    await edithEs.locator('td[data-column=planned] p').click()
    await edith.page.keyboard.type('Planificado mientras tanto')
    const edithEn = await editorOf(edith.page, 'iom', 'en')
    await clickAtEnd(edithEn.locator('td[data-column=mandate] p'))
    await edith.page.keyboard.type(' (revised)')
    await expect.poll(() => serverText('iom', 'es'), { timeout: 10_000 }).toContain('Planificado mientras tanto')
    await expect.poll(() => serverText('iom', 'en'), { timeout: 10_000 }).toContain('IOM mandate (revised)')
    // Nothing crossed while ana was offline.
    expect(await serverText('iom', 'es')).not.toContain('Escrito sin conexión')
    expect(await bodyText(ana.page, 'iom', 'es')).not.toContain('Planificado')
    expect(await ana.page.locator('connection-status').getAttribute('state')).toBe('offline')

    await ana.context.setOffline(false)
    await ana.page.locator('connection-status[state=online]:not([unsent])').waitFor({ timeout: 15_000 })

    await expect.poll(() => serverText('iom', 'es'), { timeout: 10_000 }).toContain('Escrito sin conexión')
    const es = await serverText('iom', 'es')
    const en = await serverText('iom', 'en')
    expect(es).toContain('Planificado mientras tanto')
    expect(es).toContain('Mandato OIM')
    expect(en).toContain('IOM mandate (revised)')
    await expect.poll(() => bodyText(ana.page, 'iom', 'es'), { timeout: 10_000 }).toBe(es)
    await expect.poll(() => bodyText(edith.page, 'iom', 'es'), { timeout: 10_000 }).toBe(es)
    await expect.poll(() => bodyText(ana.page, 'iom', 'en'), { timeout: 10_000 }).toBe(en)
    await ana.context.close()
    await edith.context.close()
  })

  it('keeps offline edits in the browser across a closed tab and sends them when the report is opened again online', async () => {
    const ana = await newPerson(browser)
    await signIn(ana.page, server.url, 'ana', fixturePassword)
    await openReport(ana.page, server.url, fixtureReportId)
    await ana.context.setOffline(true)
    await ana.page.locator('connection-status[state=offline]').waitFor()
    const editor = await editorOf(ana.page, 'iom', 'en')
    await editor.locator('td[data-column=financing] p').click()
    await ana.page.keyboard.type('Voluntary contributions')
    await ana.page.locator('connection-status[unsent]').waitFor()
    // Give IndexedDB a moment to write the last keystrokes, then close the tab while offline.
    await ana.page.waitForTimeout(500)
    await ana.page.close()
    expect(await serverText('iom', 'en')).not.toContain('Voluntary contributions')

    await ana.context.setOffline(false)
    const page = await ana.context.newPage()
    await openReport(page, server.url, fixtureReportId)
    await expect.poll(() => serverText('iom', 'en'), { timeout: 10_000 }).toContain('Voluntary contributions')
    expect(await bodyText(page, 'iom', 'en')).toBe(await serverText('iom', 'en'))
    await ana.context.close()
  })
})
