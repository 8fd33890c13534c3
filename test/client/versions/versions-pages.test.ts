import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  clickAtEnd,
  bodyText,
  editorOf,
  launchBrowser,
  newPerson,
  openReport,
  sectionRow,
  signIn,
  unexpectedErrors,
} from '../../helpers/browser.ts'
import { fetchReport, textOf } from '../../helpers/report-text.ts'
import { fixturePassword, fixtureReportId, startFixtureServer, type FixtureServer } from '../fixtures.ts'

const originalEnglish = 'The Inter-American Program for migrants.'
const editedEnglish = 'The Inter-American Program for migrant workers and their families.'

interface VersionEntry {
  readonly id: number
  readonly kind: string
  readonly name?: string
}

// The three tests share one server and run in order, as a review does: edit and compare, then
// translate, then restore and publish. Each builds on the report state the previous one left.
describe('history, diff and translation pages', () => {
  let server: FixtureServer
  let browser: Browser

  beforeAll(async () => {
    server = await startFixtureServer([
      { username: 'edith', role: 'editor' },
      { username: 'vera', role: 'viewer' },
      { username: 'tomas', role: 'translator' },
    ])
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  async function api<T>(path: string): Promise<T> {
    const response = await fetch(`${server.url}/api/reports/${fixtureReportId}${path}`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    })
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`)
    return (await response.json()) as T
  }

  async function englishIntro(): Promise<string> {
    const report = await fetchReport(server.url, server.adminToken, fixtureReportId)
    return textOf(report.sections.find((s) => s.id === 'introduction')!.en)
  }

  async function nameVersion(page: Page, name: string): Promise<number> {
    await page.locator('history-page form.name-form input[name=name]').fill(name)
    await page.locator('history-page form.name-form button[type=submit]').click()
    await page.locator('history-page .notice-line', { hasText: name }).waitFor()
    const versions = await api<VersionEntry[]>('/versions')
    const version = versions.find((v) => v.name === name)
    expect(version?.kind).toBe('named')
    return version!.id
  }

  it('lets an editor name versions, compare two side by side and open one read-only', async () => {
    const edith = await newPerson(browser)
    try {
      await signIn(edith.page, server.url, 'edith', fixturePassword)
      await edith.page.goto(`${server.url}/reports/${fixtureReportId}/history`)
      const before = await nameVersion(edith.page, 'Antes de la revisión')

      // Edit the English introduction in the editor: "migrants." becomes "migrant workers and their families.".
      await openReport(edith.page, server.url, fixtureReportId)
      const editor = await editorOf(edith.page, 'introduction', 'en')
      await clickAtEnd(editor.locator('p').first())
      for (let i = 0; i < 'migrants.'.length; i++) await edith.page.keyboard.press('Backspace')
      await edith.page.keyboard.type('migrant workers and their families.')
      await expect.poll(englishIntro, { timeout: 10_000 }).toBe(editedEnglish)

      // The history page is reached from the report page's link.
      await edith.page.locator('report-page .report-views a', { hasText: 'Historial' }).click()
      const after = await nameVersion(edith.page, 'Después de la revisión')
      const item = edith.page.locator(`history-page li.version-item[data-version="${after}"]`)
      await expect.poll(() => item.locator('.authors').textContent()).toContain('edith')
      await expect.poll(() => item.locator('.authors').textContent()).toContain('Introducción')

      // Compare the two versions.
      await edith.page.locator('history-page select[name=from]').selectOption(String(before))
      await edith.page.locator('history-page select[name=to]').selectOption(String(after))
      await edith.page.locator('history-page button.compare').click()
      await edith.page.waitForURL(`**/reports/${fixtureReportId}/diff?from=${before}&to=${after}`)
      const section = edith.page.locator('diff-page section.diff-section[data-section=introduction]')
      await section.waitFor()
      expect(await edith.page.locator('diff-page section.diff-section').count()).toBe(1)
      expect(await section.locator('.badge.translation-en-only').textContent()).toBe('Solo cambió el inglés')
      const right = section.locator('.diff-pair .side-en')
      expect((await right.locator('ins').allTextContents()).join('')).toContain('workers and their families')
      expect((await right.locator('del').allTextContents()).join('')).toBe('migrants')
      expect(await right.locator('.diff-text').textContent()).toBe(
        'The Inter-American Program for migrantsmigrant workers and their families.',
      )
      expect(await section.locator('.diff-pair .side-es ins, .diff-pair .side-es del').count()).toBe(0)
      expect(await edith.page.locator('diff-page .unchanged-count').textContent()).toContain('2 secciones sin cambios')
      // `n` moves the focus to the first change.
      await edith.page.locator('diff-page h1').click()
      await edith.page.keyboard.press('n')
      expect(await edith.page.evaluate(() => [...(document.activeElement?.classList ?? [])])).toContain('diff-change')
      expect(await edith.page.locator('diff-page .change-position').textContent()).toBe('Cambio 1 de 1')
      // Open the earlier version read-only.
      await edith.page.goto(`${server.url}/reports/${fixtureReportId}/history`)
      await edith.page.locator(`history-page li.version-item[data-version="${before}"] a.open-version`).click()
      await edith.page.locator('version-view .version-banner', { hasText: 'solo lectura' }).waitFor()
      const oldEnglish = edith.page.locator(
        'version-view [data-section=introduction] version-body[language=en] .ProseMirror',
      )
      await expect.poll(() => oldEnglish.textContent()).toBe(originalEnglish)
      expect(await oldEnglish.getAttribute('contenteditable')).toBe('false')
      expect(await edith.page.locator('connection-status').count()).toBe(0)

      await edith.page.screenshot({ path: 'test-results/screenshots/version-view.png' })
      expect(unexpectedErrors(edith.errors)).toEqual([])
    } finally {
      await edith.context.close()
    }
  })

  it('lists an outdated pair first for a translator with QA findings beside it; marking it translated brings it in step; its link opens the report at that section', async () => {
    // The English introduction changed (above): the pair is English-ahead.
    const tomas = await newPerson(browser)
    try {
      await signIn(tomas.page, server.url, 'tomas', fixturePassword)
      // The translator adds figures to the English UNHCR mandate that the Spanish does not have.
      await openReport(tomas.page, server.url, fixtureReportId)
      const cell = (await editorOf(tomas.page, 'unhcr', 'en')).locator('td[data-column=mandate] p').first()
      await clickAtEnd(cell)
      await tomas.page.keyboard.type(' and 45 workshops in 2012')
      await expect
        .poll(
          async () =>
            textOf(
              (await fetchReport(server.url, server.adminToken, fixtureReportId)).sections.find(
                (s) => s.id === 'unhcr',
              )!.en,
            ),
          { timeout: 10_000 },
        )
        .toContain('2012')

      await tomas.page.locator('report-page .report-views a', { hasText: 'Traducción' }).click()
      const first = tomas.page.locator('translation-page li.pair').first()
      await first.waitFor()
      // Both changed pairs are English-ahead; the introduction comes first in reading order.
      const unhcr = tomas.page.locator('translation-page li.pair[data-block="unhcr-1-mandate"]')
      expect(await unhcr.getAttribute('data-status')).toBe('en-ahead')
      expect(await unhcr.locator('.pair-place').textContent()).toContain('Fila 1 · Actividades enunciadas')
      expect((await unhcr.locator('.finding').allTextContents()).join(' ')).toMatch(/45|2012/)
      expect(await tomas.page.locator('translation-page li.pair').nth(1).getAttribute('data-block')).toBe(
        'unhcr-1-mandate',
      )
      expect(await first.getAttribute('data-block')).toBe('intro-1')
      expect(await first.getAttribute('data-status')).toBe('en-ahead')
      expect(await first.locator('.tstatus').textContent()).toBe('el inglés va por delante')
      expect(await first.locator('[lang=en]').first().textContent()).toContain('The Inter-American Program')
      await first.locator('button.show-source-diff').click()
      await first.locator('.source-diff').waitFor()
      await tomas.page.screenshot({ path: 'test-results/screenshots/translation-page.png' })

      await first.locator('button.mark-translated').click()
      const pair = tomas.page.locator('translation-page li.pair[data-block=intro-1]')
      await expect.poll(() => pair.getAttribute('data-status')).toBe('in-step')
      expect(await pair.locator('.tstatus').textContent()).toBe('al día')
      const overview = await api<{ sections: Array<{ id: string; blocks: Array<{ id: string; status: string }> }> }>(
        '/translation',
      )
      const intro = overview.sections.find((s) => s.id === 'introduction')!.blocks.find((b) => b.id === 'intro-1')!
      expect(intro.status).toBe('in-step')
      // "Go to the block" opens the report page at that section.
      await unhcr.locator('a.go-to-block').click()
      await tomas.page.waitForURL(`**/reports/${fixtureReportId}#*unhcr`)
      await expect
        .poll(() =>
          tomas.page.evaluate(() => document.activeElement?.closest('section-row')?.getAttribute('section-id')),
        )
        .toBe('unhcr')
      expect(await sectionRow(tomas.page, 'unhcr').isVisible(), 'the unhcr row is shown').toBe(true)
      expect(unexpectedErrors(tomas.errors)).toEqual([])
    } finally {
      await tomas.context.close()
    }
  })

  it('restores a version from the history (another browser on the report page shows the restored text), compares and publishes it', async () => {
    // Runs after the tests above: version "Antes de la revisión" holds the original English.
    const edith = await newPerson(browser)
    const vera = await newPerson(browser)
    try {
      const before = (await api<VersionEntry[]>('/versions')).find((v) => v.name === 'Antes de la revisión')!.id
      expect(await englishIntro()).toBe(editedEnglish)
      await signIn(vera.page, server.url, 'vera', fixturePassword)
      await openReport(vera.page, server.url, fixtureReportId)
      expect(await bodyText(vera.page, 'introduction', 'en')).toBe(editedEnglish)
      // A viewer sees the history but no restore or publish buttons.
      await vera.page.locator('report-page .report-views a', { hasText: 'Historial' }).click()
      await vera.page.locator('history-page li.version-item').first().waitFor()
      expect(
        await vera.page
          .locator('history-page button.restore, history-page button.publish, history-page form.name-form')
          .count(),
      ).toBe(0)
      await vera.page.goBack()
      await vera.page.locator('connection-status[state=online]').waitFor({ timeout: 15_000 })

      await signIn(edith.page, server.url, 'edith', fixturePassword)
      await edith.page.goto(`${server.url}/reports/${fixtureReportId}/history`)
      edith.page.once('dialog', (dialog) => void dialog.accept())
      await edith.page.locator(`history-page li.version-item[data-version="${before}"] button.restore`).click()
      await edith.page.locator('history-page .notice-line', { hasText: 'Se restauró' }).waitFor()
      await expect.poll(() => bodyText(vera.page, 'introduction', 'en'), { timeout: 10_000 }).toBe(originalEnglish)
      expect(await englishIntro()).toBe(originalEnglish)
      const versions = await api<VersionEntry[]>('/versions')
      expect(versions[0]!.kind).toBe('restore')
      await edith.page.locator('history-page li.version-item.kind-restore').first().waitFor()
      await edith.page.screenshot({ path: 'test-results/screenshots/history-page.png' })

      // From the automatic version taken just before the restore to now: the introduction and the
      // translator's UNHCR cell went back, each in English only; the cell is labelled by row and column.
      const taken = versions[1]!
      expect(taken.kind).toBe('auto')
      await edith.page.locator(`history-page li.version-item[data-version="${taken.id}"] a.compare-now`).click()
      await edith.page.locator('diff-page section.diff-section').first().waitFor()
      expect(
        await edith.page
          .locator('diff-page section.diff-section')
          .evaluateAll((list) => list.map((s) => s.getAttribute('data-section'))),
      ).toEqual(['introduction', 'unhcr'])
      const cell = edith.page.locator('diff-page section.diff-section[data-section=unhcr] .diff-pair')
      expect(await cell.locator('.diff-place').textContent()).toBe(
        'Fila 1 · Actividades enunciadas en la Resolución AG/RES. 2141 (XXXV-O/05) Anexo I',
      )
      expect(await cell.locator('.side-en del').allTextContents()).toEqual([' and 45 workshops in 2012'])
      expect(await cell.locator('.side-es').textContent()).toContain('Mandato ACNUR')
      await edith.page.locator('diff-page h1').click()
      await edith.page.keyboard.press('j')
      await edith.page.keyboard.press('j')
      expect(
        await edith.page.evaluate(() => document.activeElement?.closest('section')?.getAttribute('data-section')),
      ).toBe('unhcr')
      await edith.page.keyboard.press('k')
      expect(
        await edith.page.evaluate(() => document.activeElement?.closest('section')?.getAttribute('data-section')),
      ).toBe('introduction')
      await edith.page.screenshot({ path: 'test-results/screenshots/diff-page.png' })
      await edith.page.locator('diff-page select.actor-filter').selectOption('unhcr')
      expect(await edith.page.locator('diff-page section.diff-section').count()).toBe(1)
      // In English, the same badge reads in English.
      await edith.page.locator('button.language-switch').click()
      expect(await edith.page.locator('diff-page .badge.translation-en-only').textContent()).toBe(
        'Only English changed',
      )

      // Publishing the restored version makes the report published.
      await edith.page.goBack()
      // Not every section is approved: the page asks for the reason after the confirmation.
      edith.page.on(
        'dialog',
        (dialog) =>
          void (dialog.type() === 'prompt'
            ? dialog.accept('Circulated for the Permanent Council meeting')
            : dialog.accept()),
      )
      await edith.page.locator(`history-page li.version-item[data-version="${versions[0]!.id}"] button.publish`).click()
      await edith.page.locator('history-page .notice-line', { hasText: 'Published version' }).waitFor()
      const list = (await (
        await fetch(`${server.url}/api/reports`, { headers: { authorization: `Bearer ${server.adminToken}` } })
      ).json()) as Array<{ id: string; status: string }>
      expect(list.find((r) => r.id === fixtureReportId)?.status).toBe('published')
      const published = (await api<Array<VersionEntry & { reason?: string }>>('/versions'))[0]!
      expect(published).toMatchObject({ kind: 'published', reason: 'Circulated for the Permanent Council meeting' })
      // The reason is shown with the version in the history.
      await edith.page
        .locator(`history-page li.version-item[data-version="${published.id}"] .publish-reason`, {
          hasText: 'Circulated for the Permanent Council meeting',
        })
        .waitFor()
      // The first try was refused (409 not-approved) and logged by the browser: that is what asked for the reason.
      expect(unexpectedErrors(edith.errors).filter((error) => !/status of 409/.test(error))).toEqual([])
      expect(unexpectedErrors(vera.errors)).toEqual([])
    } finally {
      await edith.context.close()
      await vera.context.close()
    }
  })
})
