// Accessibility in the browser (issue 17): axe-core finds no serious or critical violation on any
// page in either interface language (the /import page is checked by its own test); each role's
// main job done with the keyboard alone (an agency edits a cell and adds a row, a translator marks
// a pair, an editor compares and restores), checked on the server; the focus is visible wherever
// Tab goes; toolbars and table controls are named in the interface language.

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seriousViolations } from '../helpers/axe.ts'
import { launchBrowser, newPerson, openReport, unexpectedErrors } from '../helpers/browser.ts'
import { focusIsIn, signInByKeyboard, tabTo } from '../helpers/keyboard.ts'
import { fetchReport, textOf } from '../helpers/report-text.ts'
import { testAdminPassword } from '../helpers/server.ts'
import { fixturePassword, fixtureReportId, startFixtureServer, type FixtureServer } from './fixtures.ts'

const reportPath = `/reports/${fixtureReportId}`
const screenshots = new URL('../../docs/screenshots/', import.meta.url)

/** Opens the fixture report from the report list by keyboard; resolves once it is online. */
async function openReportByKeyboard(page: Page): Promise<void> {
  await tabTo(page, `report-list a[href="${reportPath}"]`)
  await page.keyboard.press('Enter')
  await page.locator('connection-status[state=online]').waitFor({ timeout: 15_000 })
}

/** From the report page: Tab to the outline's entry of `sectionId`, Enter: the focus is in its first editable body. */
async function goToSection(page: Page, sectionId: string): Promise<void> {
  await tabTo(page, `report-outline a[data-section="${sectionId}"]`)
  await page.keyboard.press('Enter')
  await expect.poll(() => focusIsIn(page, `section-row[section-id="${sectionId}"] .ProseMirror`)).toBe(true)
  // ProseMirror puts the caret back where its state has it 20 ms after the editor gets the focus
  // (its focus handler); a key pressed sooner (End) would be undone. A person is never that fast.
  await page.waitForTimeout(100)
}

/** The focused element's focus ring: its outline and the contrast with the background behind it. */
async function focusRing(page: Page): Promise<{ element: string; style: string; width: number; contrast: number }> {
  return page.evaluate(() => {
    const luminance = (color: string): number => {
      const [r, g, b] = (color.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((part) => {
        const c = Number(part) / 255
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
      })
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
    }
    const opaque = (color: string): boolean => color !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(color)
    let element = document.activeElement as HTMLElement
    // A radio drawn as a segmented button shows its ring on the label's box beside it.
    if (element.matches('.layout-option input')) element = element.nextElementSibling as HTMLElement
    const style = getComputedStyle(element)
    let behind: Element | null = element.parentElement
    while (behind && !opaque(getComputedStyle(behind).backgroundColor)) behind = behind.parentElement
    const background = behind ? getComputedStyle(behind).backgroundColor : 'rgb(255, 255, 255)'
    const [light, dark] = [luminance(style.outlineColor), luminance(background)].sort((a, b) => b - a)
    return {
      element: element.outerHTML.slice(0, 120),
      style: style.outlineStyle,
      width: Number.parseFloat(style.outlineWidth),
      contrast: (light! + 0.05) / (dark! + 0.05),
    }
  })
}

describe('accessibility', () => {
  let server: FixtureServer
  let browser: Browser
  /** Two named versions of the fixture report, for the diff page. */
  let versions: readonly [number, number]

  beforeAll(async () => {
    server = await startFixtureServer([
      { username: 'ana', role: 'agency', actors: ['iom'] },
      { username: 'tomas', role: 'translator' },
      { username: 'edith', role: 'editor' },
    ])
    browser = await launchBrowser()
    const { token } = await server.login('edith', fixturePassword)
    const name = async (label: string): Promise<number> => {
      const response = await fetch(`${server.url}/api/reports/${fixtureReportId}/versions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: label }),
      })
      if (!response.ok) throw new Error(`naming a version answered ${response.status}: ${await response.text()}`)
      return ((await response.json()) as { id: number }).id
    }
    versions = [await name('Primera'), await name('Segunda')]
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  /** Signs in through the form, in the interface language `language` (switched on the sign-in page). */
  async function signedIn(page: Page, username: string, password: string, language: 'es' | 'en'): Promise<void> {
    await page.goto(server.url)
    await page.locator('sign-in-form input[name=username]').waitFor()
    if (language === 'en') await page.locator('button.language-switch').click()
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language)
    await page.locator('sign-in-form input[name=username]').fill(username)
    await page.locator('sign-in-form input[name=password]').fill(password)
    await page.locator('sign-in-form button[type=submit]').click()
    await page.locator('[data-testid=who]').waitFor()
    if ((await page.evaluate(() => document.documentElement.lang)) !== language)
      await page.locator('button.language-switch').click()
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language)
  }

  for (const language of ['es', 'en'] as const) {
    it(`finds no serious or critical axe violation on any page (interface in ${language})`, async () => {
      const found: Record<string, string[]> = {}
      const check = async (page: Page, name: string): Promise<void> => {
        expect(await page.evaluate(() => document.documentElement.lang), `the interface language of ${name}`).toBe(
          language,
        )
        const violations = await seriousViolations(page)
        if (violations.length > 0) found[name] = violations
      }

      const editor = await newPerson(browser)
      const admin = await newPerson(browser)
      try {
        const { page } = editor
        await page.goto(server.url)
        await page.locator('sign-in-form input[name=username]').waitFor()
        if (language === 'en') await page.locator('button.language-switch').click()
        await check(page, 'sign-in')

        await signedIn(page, 'edith', fixturePassword, language)
        await page.locator('report-list li').first().waitFor()
        await check(page, 'report list')

        await openReport(page, server.url, fixtureReportId)
        await page.locator('section-editor[editable] [role=toolbar] button:not(.toolbar-placeholder)').first().waitFor()
        await check(page, 'report')
        await page.locator('button.comments-toggle').click()
        await page.locator('comments-panel').waitFor()
        await check(page, 'report with comments')

        await page.goto(`${server.url}${reportPath}/history`)
        await page.locator('history-page li.version-item').first().waitFor()
        await check(page, 'history')

        await page.goto(`${server.url}${reportPath}/diff?from=${versions[0]}&to=current`)
        await page.locator('diff-page h1').waitFor()
        await page.locator('diff-page [role=status]', { hasText: /…/ }).waitFor({ state: 'detached' })
        await check(page, 'diff')

        await page.goto(`${server.url}${reportPath}/translation`)
        await page.locator('translation-page li.pair').first().waitFor()
        await check(page, 'translation')

        await page.goto(`${server.url}${reportPath}/review`)
        await page.locator('review-page table.review-table').waitFor()
        await check(page, 'review')

        await page.goto(`${server.url}${reportPath}?version=${versions[0]}`)
        await page.locator('version-view version-body .ProseMirror').first().waitFor()
        await check(page, 'version')

        await signedIn(admin.page, 'admin', testAdminPassword, language)
        // Through the header's link and the tabs: the server of this branch does not answer /admin itself.
        await admin.page.locator('[data-testid=admin-link]').click()
        for (const tab of ['users', 'actors', 'audit'] as const) {
          await admin.page.locator(`#admin-tab-${tab}`).click()
          await admin.page.locator(`admin-${tab} table tbody tr`).first().waitFor()
          await check(admin.page, `admin ${tab}`)
        }

        // An agency's report: its own section editable, the others read only (their tables tab stops).
        const agency = await newPerson(browser)
        try {
          await signedIn(agency.page, 'ana', fixturePassword, language)
          await openReport(agency.page, server.url, fixtureReportId)
          await agency.page
            .locator('section-editor[editable] [role=toolbar] button:not(.toolbar-placeholder)')
            .first()
            .waitFor()
          await check(agency.page, 'report (agency)')
          expect(unexpectedErrors(agency.errors)).toEqual([])
        } finally {
          await agency.context.close()
        }

        expect(found).toEqual({})
        expect(unexpectedErrors(editor.errors)).toEqual([])
        expect(unexpectedErrors(admin.errors)).toEqual([])
      } finally {
        await editor.context.close()
        await admin.context.close()
      }
    }, 180_000)
  }

  it('lets an agency edit a cell of its table and add a row with the keyboard alone', async () => {
    const { context, page, errors } = await newPerson(browser)
    try {
      await signInByKeyboard(page, server.url, 'ana', fixturePassword)
      await openReportByKeyboard(page)
      await goToSection(page, 'iom')
      await page.keyboard.press('End')
      await page.keyboard.type(' y 12 talleres')

      // The toolbar is named, its table commands too, each with its shortcut announced.
      const editor = page.locator('section-row[section-id=iom] section-editor[language=es]')
      const toolbar = editor.getByRole('toolbar', { name: /^Formato de Texto en español de Organización/ })
      const addRow = toolbar.getByRole('button', { name: 'Añadir fila debajo', exact: true })
      expect(await addRow.getAttribute('aria-keyshortcuts')).toBe('Control+Enter')
      expect(await toolbar.getByRole('button', { name: 'Eliminar fila', exact: true }).isDisabled()).toBe(true)
      expect(await toolbar.getByRole('button', { name: 'Negrita', exact: true }).getAttribute('aria-pressed')).toBe(
        'false',
      )

      // Alt+F10 goes to the toolbar, which is one tab stop; the arrows reach "add row".
      await page.keyboard.press('Alt+F10')
      expect(await focusIsIn(page, 'section-row[section-id=iom] [role=toolbar]')).toBe(true)
      expect(await toolbar.locator('button[tabindex="0"]').count()).toBe(1)
      for (let i = 0; i < 12 && !(await addRow.evaluate((b) => b === document.activeElement)); i++)
        await page.keyboard.press('ArrowRight')
      expect(await addRow.evaluate((b) => b === document.activeElement), 'the arrows reach "add row"').toBe(true)
      await page.screenshot({ path: new URL('focus-toolbar.png', screenshots).pathname })
      await page.keyboard.press('Enter')
      // The focus is back in the text, in the new row's first cell.
      expect(await focusIsIn(page, 'section-row[section-id=iom] section-editor[language=es] .ProseMirror')).toBe(true)
      await page.keyboard.type('Fila nueva')
      // And Shift+Tab from the text reaches the same toolbar; Escape goes back.
      await tabTo(page, 'section-row[section-id=iom] section-editor[language=es] [role=toolbar] button', {
        back: true,
        max: 3,
      })
      await page.keyboard.press('Escape')
      expect(await focusIsIn(page, 'section-row[section-id=iom] section-editor[language=es] .ProseMirror')).toBe(true)

      await expect
        .poll(
          async () => {
            const iom = (await fetchReport(server.url, server.adminToken, fixtureReportId)).sections.find(
              (s) => s.id === 'iom',
            )!
            const table = iom.es.content?.[0]
            return { rows: table?.content?.length, text: textOf(iom.es) }
          },
          { timeout: 10_000 },
        )
        .toEqual({ rows: 2, text: 'Mandato OIM y 12 talleresProgramado OIMFila nueva' })
      expect(unexpectedErrors(errors)).toEqual([])
    } finally {
      await context.close()
    }
  }, 120_000)

  it('lets a translator bring a pair in step with the keyboard alone', async () => {
    const { context, page, errors } = await newPerson(browser)
    try {
      await signInByKeyboard(page, server.url, 'tomas', fixturePassword)
      await openReportByKeyboard(page)
      // The Spanish introduction gets ahead of the English.
      await goToSection(page, 'introduction')
      await page.keyboard.press('End')
      await page.keyboard.type(' y sus familias')
      const status = async (): Promise<string | undefined> => {
        const response = await fetch(`${server.url}/api/reports/${fixtureReportId}/translation`, {
          headers: { authorization: `Bearer ${server.adminToken}` },
        })
        const answer = (await response.json()) as {
          sections: Array<{ id: string; blocks: Array<{ id: string; status: string }> }>
        }
        return answer.sections.find((s) => s.id === 'introduction')?.blocks.find((b) => b.id === 'intro-1')?.status
      }
      await expect.poll(status, { timeout: 10_000 }).toBe('es-ahead')

      await tabTo(page, 'report-page .report-views a[href$="/translation"]', { back: true })
      await page.keyboard.press('Enter')
      const pair = page.locator('translation-page li.pair[data-block=intro-1]')
      await expect.poll(() => pair.getAttribute('data-status')).toBe('es-ahead')
      const mark = page.getByRole('button', {
        name: /^Marcar como traducido el bloque El Programa Interamericano .* de Introducción$/,
      })
      expect(await mark.count()).toBe(1)
      await tabTo(page, 'translation-page li.pair[data-block=intro-1] button.mark-translated')
      await page.keyboard.press('Enter')
      await expect.poll(() => pair.getAttribute('data-status')).toBe('in-step')
      expect(await status()).toBe('in-step')
      expect(unexpectedErrors(errors)).toEqual([])
    } finally {
      await context.close()
    }
  }, 120_000)

  it('lets an editor compare two versions and restore one with the keyboard alone', async () => {
    const { context, page, errors } = await newPerson(browser)
    try {
      const spanishIntro = async (): Promise<string> =>
        textOf(
          (await fetchReport(server.url, server.adminToken, fixtureReportId)).sections.find(
            (s) => s.id === 'introduction',
          )!.es,
        )
      const original = 'El Programa Interamericano para los migrantes.'
      await signInByKeyboard(page, server.url, 'edith', fixturePassword)
      await openReportByKeyboard(page)
      await goToSection(page, 'introduction')
      await page.keyboard.press('Control+End')
      await page.keyboard.type(' (revisado)')
      await expect.poll(spanishIntro, { timeout: 10_000 }).toMatch(/\(revisado\)$/)

      // History: the oldest version against now.
      await tabTo(page, 'report-page .report-views a[href$="/history"]', { back: true })
      await page.keyboard.press('Enter')
      await page.locator('history-page li.version-item').first().waitFor()
      const oldest = await page.locator('history-page li.version-item').last().getAttribute('data-version')
      await tabTo(page, 'history-page select[name=from]')
      await page.keyboard.press('End')
      await tabTo(page, 'history-page button.compare')
      await page.screenshot({ path: new URL('focus-history.png', screenshots).pathname })
      await page.keyboard.press('Enter')
      await page.waitForURL(`**${reportPath}/diff?from=${oldest}&to=current`)
      await page.locator('diff-page section.diff-section[data-section=introduction]').waitFor()

      // Back to the history, and restore that version.
      await tabTo(page, 'diff-page .page-links a[href$="/history"]')
      await page.keyboard.press('Enter')
      await page.locator('history-page li.version-item').first().waitFor()
      const restore = page.getByRole('button', { name: `Restaurar la versión ${oldest}`, exact: true })
      expect(await restore.count()).toBe(1)
      await tabTo(page, `history-page li.version-item[data-version="${oldest}"] button.restore`, { max: 150 })
      // The browser's own confirmation (a native dialog, answered by keyboard in a real browser).
      page.once('dialog', (dialog) => void dialog.accept())
      await page.keyboard.press('Enter')
      await page.locator('history-page .notice-line', { hasText: `versión ${oldest}` }).waitFor()
      await expect.poll(spanishIntro, { timeout: 10_000 }).toBe(original)
      expect(unexpectedErrors(errors)).toEqual([])
    } finally {
      await context.close()
    }
  }, 120_000)

  it('shows a focus ring of enough contrast wherever Tab goes, and names the controls in English too', async () => {
    const { context, page } = await newPerson(browser)
    try {
      const rings: Array<Awaited<ReturnType<typeof focusRing>>> = []
      const walk = async (presses: number): Promise<void> => {
        for (let i = 0; i < presses; i++) {
          await page.keyboard.press('Tab')
          if (await page.evaluate(() => document.activeElement === document.body)) continue
          rings.push(await focusRing(page))
        }
      }
      await page.goto(server.url)
      await page.locator('sign-in-form input[name=username]').waitFor()
      await walk(6)
      await signedIn(page, 'edith', fixturePassword, 'en')
      await openReport(page, server.url, fixtureReportId)
      await page.locator('section-editor[editable] [role=toolbar] button:not(.toolbar-placeholder)').first().waitFor()
      await page.keyboard.press('Escape')
      await walk(20)
      await page.goto(`${server.url}${reportPath}/history`)
      await page.locator('history-page li.version-item').first().waitFor()
      await walk(15)
      await page.goto(`${server.url}${reportPath}/translation`)
      await page.locator('translation-page li.pair').first().waitFor()
      await walk(12)
      const weak = rings.filter((ring) => ring.style === 'none' || ring.width < 2 || ring.contrast < 3)
      expect(rings.length).toBeGreaterThan(40)
      expect(weak).toEqual([])

      // English names: the toolbar of the Spanish IOM body and its table controls.
      await openReport(page, server.url, fixtureReportId)
      await page.locator('section-row[section-id=iom]').scrollIntoViewIfNeeded()
      const toolbar = page
        .locator('section-row[section-id=iom] section-editor[language=es]')
        .getByRole('toolbar', { name: /^Spanish text of Organización Internacional para las Migraciones formatting$/ })
      await toolbar.getByRole('button', { name: 'Bold', exact: true }).waitFor({ state: 'attached' })
      await page.locator('section-row[section-id=iom] section-editor[language=es] td p').first().click()
      for (const name of ['Add row below', 'Remove row', 'Move row up', 'Move row down'])
        await toolbar.getByRole('button', { name, exact: true }).waitFor({ state: 'attached' })
      expect(await toolbar.getByRole('button', { name: 'Remove row', exact: true }).getAttribute('title')).toBe(
        'Remove row (Ctrl+Shift+Backspace)',
      )
    } finally {
      await context.close()
    }
  }, 120_000)
})
