import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  bodyText,
  editorOf,
  launchBrowser,
  newPerson,
  openReport,
  signIn,
  unexpectedErrors,
} from '../helpers/browser.ts'
import { fixturePassword, fixtureReportId, startFixtureServer, type FixtureServer } from './fixtures.ts'

/** Count the Lit updates of the report page, its rows and its editors from now on, by element. */
async function countUpdates(page: Page): Promise<void> {
  await page.evaluate(() => {
    const counts: Record<string, number> = {}
    ;(window as unknown as { __updates: Record<string, number> }).__updates = counts
    for (const tag of ['report-page', 'section-row', 'section-editor']) {
      const prototype = customElements.get(tag)!.prototype as { update(changed: unknown): void }
      const update = prototype.update
      prototype.update = function (this: HTMLElement, changed: unknown) {
        const key = `${tag}${this.getAttribute('section-id') ? ` ${this.getAttribute('section-id')}` : ''}${this.getAttribute('language') ? ` ${this.getAttribute('language')}` : ''}`
        counts[key] = (counts[key] ?? 0) + 1
        update.call(this, changed)
      }
    }
  })
}

describe('changes made by someone else', () => {
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

  it('reach only the editor they touch: the page, the rows and the other editors do not re-render', async () => {
    const ana = await newPerson(browser)
    const bruno = await newPerson(browser)
    await signIn(ana.page, server.url, 'ana', fixturePassword)
    await signIn(bruno.page, server.url, 'bruno', fixturePassword)
    await openReport(ana.page, server.url, fixtureReportId)
    await openReport(bruno.page, server.url, fixtureReportId)
    const anaEditor = await editorOf(ana.page, 'iom', 'es')
    await anaEditor.locator('td[data-column=executed] p').click()
    // Ana's presence reaches Bruno's outline and row first; count from then on.
    await expect
      .poll(() => bruno.page.locator('section-row[section-id=iom] .presence .peer').count(), { timeout: 10_000 })
      .toBe(1)
    await bruno.page.waitForTimeout(300)
    await countUpdates(bruno.page)

    await ana.page.keyboard.type(' y Bogotá', { delay: 20 })
    await expect.poll(() => bodyText(bruno.page, 'iom', 'es'), { timeout: 10_000 }).toContain(' y Bogotá')
    await bruno.page.waitForTimeout(300)

    const updates = await bruno.page.evaluate(
      () => (window as unknown as { __updates: Record<string, number> }).__updates,
    )
    // Nine remote changes and as many cursor moves, and not one Lit render on Bruno's page: the
    // text reached ProseMirror through y-prosemirror alone, in the one editor it belongs to.
    expect(updates).toEqual({})
    expect(unexpectedErrors(ana.errors)).toEqual([])
    expect(unexpectedErrors(bruno.errors)).toEqual([])
    await ana.context.close()
    await bruno.context.close()
  })
})
