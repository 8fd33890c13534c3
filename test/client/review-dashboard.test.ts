// A review round in three browsers, on the review dashboard (`/reports/<id>/review`): the IOM
// officer edits and submits the Spanish text, a translator submits the English one, the editor
// sees both (who, when, changed since the last visit), approves them and publishes with a reason
// because the other sections are not approved yet. Accessibility is checked with axe-core.

import type { Browser, Page } from 'playwright-core'
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
import { seriousViolations } from '../helpers/axe.ts'
import { fixturePassword, fixtureReportId, startFixtureServer, type FixtureServer } from './fixtures.ts'

const dashboardPath = `/reports/${fixtureReportId}/review`

async function openDashboard(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}${dashboardPath}`)
  await page.locator('review-page table.review-table').waitFor()
}

const signOff = (page: Page, section: string, lang: 'es' | 'en') =>
  page.locator(`review-page tr[data-section="${section}"] td.sign-off[data-lang="${lang}"]`)

describe('the review dashboard', () => {
  let server: FixtureServer
  let browser: Browser

  beforeAll(async () => {
    server = await startFixtureServer([
      { username: 'ana', role: 'agency', actors: ['iom'] },
      { username: 'tomas', role: 'translator' },
      { username: 'eva', role: 'editor' },
    ])
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('takes a section from edit to submitted, approved and published with a reason, in three browsers', async () => {
    const editor = await newPerson(browser)
    const agency = await newPerson(browser)
    const translator = await newPerson(browser)
    try {
      // The editor's first visit: nothing is marked as changed yet.
      await signIn(editor.page, server.url, 'eva', fixturePassword)
      await openDashboard(editor.page, server.url)
      await editor.page.locator('review-page .visit-line', { hasText: 'Primera visita' }).waitFor()
      expect(await editor.page.locator('review-page .changed-since-visit').count()).toBe(0)
      await editor.page.waitForTimeout(50)

      // The IOM officer writes in the Spanish table and submits it from the dashboard.
      await signIn(agency.page, server.url, 'ana', fixturePassword)
      await openReport(agency.page, server.url, fixtureReportId)
      const spanish = await editorOf(agency.page, 'iom', 'es')
      await clickAtEnd(spanish.locator('td p').first())
      await agency.page.keyboard.type(' y 40 talleres')
      await agency.page.locator('a', { hasText: 'Revisión' }).click()
      await agency.page.locator('review-page table.review-table').waitFor()
      // An agency may submit its own section, not another's, and approves nothing.
      await expect.poll(() => signOff(agency.page, 'iom', 'es').locator('button').allTextContents()).toEqual(['Enviar'])
      expect(await signOff(agency.page, 'unhcr', 'es').locator('button').count()).toBe(0)
      await signOff(agency.page, 'iom', 'es').locator('button.review-submit').click()
      await signOff(agency.page, 'iom', 'es').locator('.badge', { hasText: 'enviada' }).waitFor()
      // Live: the editor's dashboard, open all along, shows the submission without a reload.
      await expect
        .poll(() => signOff(editor.page, 'iom', 'es').getAttribute('data-state'), { timeout: 10_000 })
        .toBe('submitted')

      // The translator submits the English text, with the interface in English, by keyboard.
      await signIn(translator.page, server.url, 'tomas', fixturePassword)
      await translator.page.getByRole('button', { name: 'Cambiar la interfaz al inglés' }).click()
      await openDashboard(translator.page, server.url)
      const submitEnglish = signOff(translator.page, 'iom', 'en').locator('button.review-submit')
      expect(await submitEnglish.getAttribute('aria-label')).toBe(
        'Submit International Organization for Migration in English',
      )
      await submitEnglish.focus()
      await translator.page.keyboard.press('Enter')
      await signOff(translator.page, 'iom', 'en').locator('.badge', { hasText: 'submitted' }).waitFor()

      // The editor comes back in a new tab: the IOM Spanish text changed since the visit, by ana,
      // with a link to the diff. (A tab keeps the visit it started from: see client/review/last-visit.ts.)
      const later = await editor.context.newPage()
      later.on('pageerror', (error) => editor.errors.push(error.message))
      await openDashboard(later, server.url)
      const iomRow = later.locator('review-page tr[data-section="iom"]')
      await iomRow.locator('.last-change.changed-since-visit[data-lang="es"]', { hasText: 'ana' }).waitFor()
      expect(await later.locator('review-page tr[data-section="unhcr"] .changed-since-visit').count()).toBe(0)
      const diffLink = iomRow.locator('a.changes-since-visit')
      expect(await diffLink.getAttribute('href')).toMatch(/\/diff\?from=\d+&to=current$/)
      expect(await signOff(later, 'iom', 'es').getAttribute('data-state')).toBe('submitted')
      expect(await seriousViolations(later, 'review-page')).toEqual([])

      // Filters: only sections not approved in Spanish with a change since the visit.
      await later.locator('review-page input[name=changed]').check()
      await expect.poll(() => later.locator('review-page tbody tr').count()).toBe(1)
      await later.locator('review-page input[name=changed]').uncheck()

      // The report page marks the same section in its outline, and links back to the dashboard.
      await later.locator('review-page a.go-to-section', { hasText: 'Organización Internacional' }).click()
      await later.locator('report-outline a[data-section="iom"] .changed-mark').waitFor()
      expect(await later.locator('report-outline a[data-section="unhcr"] .changed-mark').count()).toBe(0)
      await later.locator('report-outline .changed-since-visit-line a').click()
      await later.locator('review-page table.review-table').waitFor()

      for (const lang of ['es', 'en'] as const) {
        await signOff(later, 'iom', lang).locator('button.review-approve').click()
        await signOff(later, 'iom', lang).locator('.badge', { hasText: 'aprobada' }).waitFor()
      }
      await later.locator('review-page .review-summary', { hasText: 'Aprobados: 2 de 6' }).waitFor()
      await later.screenshot({ path: 'docs/screenshots/review-dashboard.png', fullPage: true })

      // The introduction and UNHCR are not approved: publishing needs a reason.
      const publish = later.locator('review-page button.publish-now')
      expect(await publish.isDisabled()).toBe(true)
      await later
        .locator('review-page textarea[name=reason]')
        .fill('La OIM firmó; el resto sigue en revisión para la reunión del Consejo')
      later.once('dialog', (dialog) => void dialog.accept())
      await publish.click()
      await later.locator('review-page .notice-line', { hasText: 'Se publicó la versión' }).waitFor()
      const versions = (await (
        await fetch(`${server.url}/api/reports/${fixtureReportId}/versions`, {
          headers: { authorization: `Bearer ${server.adminToken}` },
        })
      ).json()) as Array<{ kind: string; reason?: string }>
      expect(versions[0]).toMatchObject({
        kind: 'published',
        reason: 'La OIM firmó; el resto sigue en revisión para la reunión del Consejo',
      })
      // The approved text is read-only for its agency now.
      await agency.page.goto(`${server.url}/reports/${fixtureReportId}`)
      await expect
        .poll(async () => (await editorOf(agency.page, 'iom', 'es')).getAttribute('contenteditable'))
        .toBe('false')

      for (const person of [editor, agency, translator]) expect(unexpectedErrors(person.errors)).toEqual([])
    } finally {
      for (const person of [editor, agency, translator]) await person.context.close()
    }
  })
})
