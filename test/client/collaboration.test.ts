import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  bodyText,
  editorOf,
  launchBrowser,
  newPerson,
  openReport,
  sectionRow,
  signIn,
  unexpectedErrors,
} from '../helpers/browser.ts'
import { fetchReport, textOf } from '../helpers/report-text.ts'
import { fixturePassword, fixtureReportId, startFixtureServer, type FixtureServer } from './fixtures.ts'

describe('two agencies editing their own tables at once', () => {
  let server: FixtureServer
  let browser: Browser

  beforeAll(async () => {
    server = await startFixtureServer([
      { username: 'ana', role: 'agency', actors: ['iom'] },
      { username: 'bruno', role: 'agency', actors: ['unhcr'] },
    ])
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it("shows each one the other's text and cursor, and both browsers and the server end with the same text", async () => {
    const ana = await newPerson(browser)
    const bruno = await newPerson(browser)
    await signIn(ana.page, server.url, 'ana', fixturePassword)
    await signIn(bruno.page, server.url, 'bruno', fixturePassword)
    // Bruno works with the interface in English; the document panes stay Spanish | English.
    await bruno.page.locator('button.language-switch').click()
    await openReport(ana.page, server.url, fixtureReportId)
    await openReport(bruno.page, server.url, fixtureReportId)

    const anaEditor = await editorOf(ana.page, 'iom', 'es')
    const brunoEditor = await editorOf(bruno.page, 'unhcr', 'en')
    // Both in the "executed" cell of their own table, typing at the same time.
    await anaEditor.locator('td[data-column=executed] p').click()
    await brunoEditor.locator('td[data-column=executed] p').click()
    await Promise.all([
      ana.page.keyboard.type('Talleres en Quito y Lima', { delay: 15 }),
      bruno.page.keyboard.type('Workshops in Panama and Tapachula', { delay: 15 }),
    ])

    // Each sees the other's text…
    await expect
      .poll(() => bodyText(ana.page, 'unhcr', 'en'), { timeout: 10_000 })
      .toContain('Workshops in Panama and Tapachula')
    await expect
      .poll(() => bodyText(bruno.page, 'iom', 'es'), { timeout: 10_000 })
      .toContain('Talleres en Quito y Lima')
    // …and the other's cursor, labelled with the name and the agency.
    await expect
      .poll(
        () =>
          ana.page
            .locator('section-row[section-id=unhcr] section-editor[language=en] .remote-cursor-label')
            .textContent(),
        { timeout: 10_000 },
      )
      .toBe('bruno · UNHCR')
    await expect
      .poll(
        () =>
          bruno.page
            .locator('section-row[section-id=iom] section-editor[language=es] .remote-cursor-label')
            .textContent(),
        { timeout: 10_000 },
      )
      .toBe('ana · OIM')
    // The outline and the section row say who is where.
    await expect
      .poll(() => ana.page.locator('section-row[section-id=unhcr] .presence .peer').textContent())
      .toContain('bruno')

    await ana.page.screenshot({ path: 'test-results/screenshots/two-agencies-ana-es.png' })
    await bruno.page.screenshot({ path: 'test-results/screenshots/two-agencies-bruno-en.png' })
    await expect.poll(() => ana.page.locator('connection-status').getAttribute('unsent')).toBeNull()
    await expect.poll(() => bruno.page.locator('connection-status').getAttribute('unsent')).toBeNull()

    const report = await fetchReport(server.url, server.adminToken, fixtureReportId)
    for (const [sectionId, language] of [
      ['iom', 'es'],
      ['unhcr', 'en'],
      ['iom', 'en'],
      ['unhcr', 'es'],
    ] as const) {
      const onServer = textOf(report.sections.find((s) => s.id === sectionId)![language])
      expect(await bodyText(ana.page, sectionId, language)).toBe(onServer)
      expect(await bodyText(bruno.page, sectionId, language)).toBe(onServer)
    }
    expect(textOf(report.sections.find((s) => s.id === 'iom')!.es)).toContain('Talleres en Quito y Lima')
    expect(textOf(report.sections.find((s) => s.id === 'unhcr')!.en)).toContain('Workshops in Panama and Tapachula')
    expect(unexpectedErrors(ana.errors)).toEqual([])
    expect(unexpectedErrors(bruno.errors)).toEqual([])
    await ana.context.close()
    await bruno.context.close()
  })

  it("does not let an agency type into another actor's section, and says why", async () => {
    const ana = await newPerson(browser)
    await signIn(ana.page, server.url, 'ana', fixturePassword)
    await openReport(ana.page, server.url, fixtureReportId)
    const before = textOf(
      (await fetchReport(server.url, server.adminToken, fixtureReportId)).sections.find((s) => s.id === 'unhcr')!.es,
    )

    const foreign = await editorOf(ana.page, 'unhcr', 'es')
    expect(await foreign.getAttribute('contenteditable')).toBe('false')
    expect(await sectionRow(ana.page, 'unhcr').locator('.permission.read-only').textContent()).toContain('otra entidad')
    expect(await sectionRow(ana.page, 'unhcr').locator('.toolbar').count()).toBe(0)
    await foreign.locator('td[data-column=mandate] p').click()
    await ana.page.keyboard.type('intrusion')
    await ana.page.keyboard.press('Enter')
    await ana.page.keyboard.press('Backspace')

    expect(await bodyText(ana.page, 'unhcr', 'es')).toBe(before)
    // Still connected: nothing was sent that the server had to refuse with 4403.
    await ana.page.waitForTimeout(500)
    expect(await ana.page.locator('connection-status').getAttribute('state')).toBe('online')
    expect(
      textOf(
        (await fetchReport(server.url, server.adminToken, fixtureReportId)).sections.find((s) => s.id === 'unhcr')!.es,
      ),
    ).toBe(before)
    // Its own section is editable.
    expect(await (await editorOf(ana.page, 'iom', 'es')).getAttribute('contenteditable')).toBe('true')
    await ana.context.close()
  })
})
