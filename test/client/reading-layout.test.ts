import { readFileSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importReport } from '../../schema/import/import-report.ts'
import type { Report } from '../../schema/report.ts'
import {
  clickAtEnd,
  editorOf,
  ensureClientBuilt,
  launchBrowser,
  newPerson,
  openReport,
  sectionRow,
  signIn,
  unexpectedErrors,
} from '../helpers/browser.ts'
import { actorSection, doc, p, reportOf, row, table } from '../helpers/documents.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'

const password = 'correct-horse-1'
const annualReport = 'annual-report-2011-2012'
/** The narrowest column we call readable: about 12 characters of the tables' 13.6 px text. */
const readableColumnPx = 90

const long = (words: number, word: string): string => Array.from({ length: words }, () => word).join(' ')

/** The bundled annual report, imported as the server's seed does (the seed is skipped when a report is stored). */
function annualReportOf(): Report {
  const original = (language: string): string =>
    readFileSync(new URL(`../../server/seeds/${annualReport}.${language}.txt`, import.meta.url), 'utf8')
  return importReport({ id: annualReport, kind: 'annual-report', es: original('es'), en: original('en') }).report
}

/** A small report whose one table has rows of very different lengths in each language. */
const layoutReport: Report = {
  ...reportOf([
    actorSection(
      'iom',
      doc(
        p('lead', 'Breve.'),
        table([
          row('r1', { mandate: long(60, 'migrantes'), programmed: 'Sí' }),
          row('r2', { mandate: 'Corto', executed: 'Hecho' }),
          row('r3', { mandate: 'Capacitación', financing: 'Fondos regulares' }),
        ]),
      ),
      doc(
        p('lead', long(40, 'A much longer introduction in English.')),
        table([
          row('r1', { mandate: 'Short', programmed: 'Yes' }),
          row('r2', { mandate: long(50, 'trafficking'), executed: 'Done' }),
          row('r3', { mandate: 'Training', financing: 'Regular funds' }),
        ]),
      ),
    ),
  ]),
  id: 'layout-report',
}

/** The words (runs of letters and digits) in `editor`'s table cells that the browser laid out over two lines. */
function brokenWords(editor: Locator): Promise<string[]> {
  return editor.evaluate((element) => {
    const broken: string[] = []
    for (const cell of element.querySelectorAll('td')) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of (node.textContent ?? '').matchAll(/[\p{L}\p{N}]+/gu)) {
          const range = document.createRange()
          range.setStart(node, match.index)
          range.setEnd(node, match.index + match[0].length)
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)))
          if (lines.size > 1) broken.push(match[0])
        }
      }
    }
    return broken
  })
}

/** Width of every column heading of the first table in `editor`. */
function columnWidths(editor: Locator): Promise<number[]> {
  return editor.locator('thead th').evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect().width))
}

/** For each row id of the section's Spanish table: how far its top is from the English row's top (px). */
function rowOffsets(page: Page, sectionId: string): Promise<Record<string, number>> {
  return sectionRow(page, sectionId).evaluate((section) => {
    const offsets: Record<string, number> = {}
    const en = section.querySelector('.pane-en')!
    const headEs = section.querySelector('.pane-es thead')
    const headEn = en.querySelector('thead')
    if (headEs && headEn)
      offsets['(headings)'] = headEs.getBoundingClientRect().bottom - headEn.getBoundingClientRect().bottom
    for (const rowEs of section.querySelectorAll('.pane-es tbody > tr[data-block-id]')) {
      const id = rowEs.getAttribute('data-block-id')!
      const rowEn = en.querySelector(`tbody > tr[data-block-id="${CSS.escape(id)}"]`)
      if (rowEn) offsets[id] = rowEs.getBoundingClientRect().top - rowEn.getBoundingClientRect().top
    }
    return offsets
  })
}

function misaligned(offsets: Record<string, number>): string[] {
  return Object.entries(offsets)
    .filter(([, offset]) => Math.abs(offset) > 1)
    .map(([id, offset]) => `${id}: ${offset.toFixed(1)} px`)
}

async function chooseLayout(page: Page, name: string): Promise<void> {
  await page.getByRole('radio', { name }).check()
}

describe('the reading layout of the report page', () => {
  let server: TestServer
  let browser: Browser

  beforeAll(async () => {
    server = await startTestServer({ reports: [annualReportOf(), layoutReport], clientDir: ensureClientBuilt() })
    await server.createUser({ username: 'tess', password, role: 'translator' })
    await server.createUser({ username: 'edith', password, role: 'editor' })
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('lets a translator show English only and both again from the keyboard, remembers it, and keeps the hidden body in step', async () => {
    const tess = await newPerson(browser)
    const edith = await newPerson(browser)
    await signIn(tess.page, server.url, 'tess', password)
    await signIn(edith.page, server.url, 'edith', password)
    await openReport(tess.page, server.url, 'layout-report')
    await openReport(edith.page, server.url, 'layout-report')
    const both = tess.page.getByRole('radio', { name: 'Ambos idiomas' })
    expect(await both.isChecked()).toBe(true)
    const englishEditor = await editorOf(tess.page, 'iom', 'en')
    const spanishPane = sectionRow(tess.page, 'iom').locator('.pane-es')
    const sideBySideWidth = (await englishEditor.boundingBox())!.width

    // Tab into the group, arrow keys to choose: Spanish only, then English only.
    await both.focus()
    await tess.page.keyboard.press('ArrowRight')
    expect(await tess.page.getByRole('radio', { name: 'Solo español' }).isChecked()).toBe(true)
    await tess.page.keyboard.press('ArrowRight')
    expect(await tess.page.getByRole('radio', { name: 'Solo inglés' }).isChecked()).toBe(true)
    await spanishPane.waitFor({ state: 'hidden' })
    const fullWidth = (await englishEditor.boundingBox())!.width
    const bodyWidth = (await sectionRow(tess.page, 'iom').locator('.section-grid').boundingBox())!.width
    expect(fullWidth).toBeGreaterThan(sideBySideWidth * 1.9)
    expect(fullWidth).toBeGreaterThan(bodyWidth - 40)

    // Someone else writes in the hidden Spanish body: it is shown, current, when switched back.
    await clickAtEnd((await editorOf(edith.page, 'iom', 'es')).locator('p').first())
    await edith.page.keyboard.type(' Escrito mientras estaba oculto.')
    await edith.page.locator('connection-status[state=online]:not([unsent])').waitFor()

    await tess.page.reload()
    await tess.page.locator('connection-status[state=online]').waitFor()
    expect(await tess.page.getByRole('radio', { name: 'Solo inglés' }).isChecked()).toBe(true)
    await expect.poll(() => spanishPane.isHidden()).toBe(true)

    // The English editor still edits and syncs while the Spanish one is hidden.
    await clickAtEnd((await editorOf(tess.page, 'iom', 'en')).locator('p').first())
    await tess.page.keyboard.type(' Typed in English only.')
    await expect
      .poll(() => sectionRow(edith.page, 'iom').locator('.pane-en .ProseMirror').textContent())
      .toContain('Typed in English only.')

    await tess.page.locator('.layout-option', { hasText: 'Ambos idiomas' }).click()
    await spanishPane.waitFor({ state: 'visible' })
    await expect
      .poll(() => spanishPane.locator('.ProseMirror').textContent())
      .toContain('Escrito mientras estaba oculto.')
    expect((await englishEditor.boundingBox())!.width).toBeCloseTo(sideBySideWidth, 0)
    await tess.page.reload()
    await tess.page.locator('connection-status[state=online]').waitFor()
    expect(await tess.page.getByRole('radio', { name: 'Ambos idiomas' }).isChecked()).toBe(true)

    expect(unexpectedErrors(tess.errors)).toEqual([])
    expect(unexpectedErrors(edith.errors)).toEqual([])
    await tess.context.close()
    await edith.context.close()
  })

  it('keeps each Spanish table row level with its English row, as one types and as others type', async () => {
    const tess = await newPerson(browser)
    const edith = await newPerson(browser)
    await signIn(tess.page, server.url, 'tess', password)
    await signIn(edith.page, server.url, 'edith', password)
    await openReport(tess.page, server.url, 'layout-report')
    await openReport(edith.page, server.url, 'layout-report')
    await editorOf(tess.page, 'iom', 'en')
    await expect.poll(async () => misaligned(await rowOffsets(tess.page, 'iom'))).toEqual([])
    expect(Object.keys(await rowOffsets(tess.page, 'iom'))).toEqual(['(headings)', 'r1', 'r2', 'r3'])

    // A short cell grows past its pair: the rows below follow on both sides.
    const cell = (await editorOf(tess.page, 'iom', 'es')).locator('tr[data-block-id=r2] td[data-column=mandate] p')
    await clickAtEnd(cell)
    await tess.page.keyboard.insertText(` ${long(80, 'palabra')}`)
    await expect.poll(async () => misaligned(await rowOffsets(tess.page, 'iom'))).toEqual([])
    // And shrinks again.
    await cell.evaluate((paragraph) => {
      const typed = document.createRange()
      typed.setStart(paragraph.firstChild!, 'Corto'.length)
      typed.setEnd(paragraph, paragraph.childNodes.length)
      document.getSelection()!.removeAllRanges()
      document.getSelection()!.addRange(typed)
    })
    await tess.page.keyboard.press('Backspace')
    await expect.poll(() => cell.textContent()).toBe('Corto')
    await expect.poll(async () => misaligned(await rowOffsets(tess.page, 'iom'))).toEqual([])

    // A remote edit makes another row taller.
    await clickAtEnd(
      (await editorOf(edith.page, 'iom', 'en')).locator('tr[data-block-id=r3] td[data-column=financing] p'),
    )
    await edith.page.keyboard.insertText(` ${long(60, 'contribution')}`)
    await expect
      .poll(() => sectionRow(tess.page, 'iom').locator('.pane-en tr[data-block-id=r3]').textContent())
      .toContain('contribution contribution')
    await expect.poll(async () => misaligned(await rowOffsets(tess.page, 'iom'))).toEqual([])
    expect(unexpectedErrors(tess.errors)).toEqual([])
    await tess.context.close()
    await edith.context.close()
  })

  it('lays out the IOM table at 1440×900 in readable columns, no word broken, headings in view', async () => {
    const { page, context, errors } = await newPerson(browser)
    await page.setViewportSize({ width: 1440, height: 900 })
    await signIn(page, server.url, 'tess', password)
    await openReport(page, server.url, annualReport)
    // Side by side first, as the page opens.
    for (const layout of ['Ambos idiomas', 'Solo inglés', 'Solo español']) {
      if (layout !== 'Ambos idiomas') await chooseLayout(page, layout)
      for (const language of layout === 'Ambos idiomas'
        ? (['es', 'en'] as const)
        : layout === 'Solo inglés'
          ? (['en'] as const)
          : (['es'] as const)) {
        const editor = await editorOf(page, 'iom', language)
        const widths = await columnWidths(editor)
        expect(widths, `${layout}, ${language}: ${widths.map(Math.round).join(', ')} px`).toHaveLength(5)
        for (const width of widths) expect(width, `${layout}, ${language}`).toBeGreaterThanOrEqual(readableColumnPx)
        expect(await brokenWords(editor), `${layout}, ${language}`).toEqual([])
      }
    }
    await chooseLayout(page, 'Ambos idiomas')

    // Scrolled into the middle of the table, its headings sit under the page's bars, in view.
    const row = sectionRow(page, 'iom')
    const tableBox = (await row.locator('.pane-en table').boundingBox())!
    await page.evaluate((y) => window.scrollBy(0, y), tableBox.y + tableBox.height / 2 - 450)
    await expect
      .poll(async () => {
        const bars = (await page.locator('.report-header').boundingBox())!
        const head = (await row.locator('.pane-en thead').boundingBox())!
        return head.y >= bars.y + bars.height - 1 && head.y + head.height < 900
      })
      .toBe(true)
    expect(unexpectedErrors(errors)).toEqual([])
    await context.close()
  })

  it('has no serious or critical accessibility violation in any layout', async () => {
    const { page, context } = await newPerson(browser)
    await signIn(page, server.url, 'tess', password)
    await openReport(page, server.url, 'layout-report')
    for (const layout of ['Ambos idiomas', 'Solo español', 'Solo inglés']) {
      await chooseLayout(page, layout)
      const results = await new AxeBuilder({ page }).analyze()
      const serious = results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join('; ')}`)
      expect(serious, layout).toEqual([])
    }
    await context.close()
  })

  it('prints the text only, in the layout chosen, rows whole', async () => {
    const { page, context } = await newPerson(browser)
    await signIn(page, server.url, 'tess', password)
    await openReport(page, server.url, 'layout-report')
    await chooseLayout(page, 'Solo inglés')
    await page.emulateMedia({ media: 'print' })
    for (const hidden of [
      '.app-header',
      '.report-outline-nav',
      '.toolbar',
      'layout-switch',
      'connection-status',
      '.section-info',
    ])
      expect(await page.locator(hidden).first().isHidden(), hidden).toBe(true)
    expect(await sectionRow(page, 'iom').locator('.pane-es').isHidden()).toBe(true)
    expect(await sectionRow(page, 'iom').locator('.pane-en').isVisible()).toBe(true)
    expect(
      await page
        .locator('.pane-en tbody tr')
        .first()
        .evaluate((tr) => getComputedStyle(tr).breakInside),
    ).toBe('avoid')
    await page.screenshot({ path: 'test-results/screenshots/layout-print.png', fullPage: true })
    await page.emulateMedia({ media: 'screen' })
    await chooseLayout(page, 'Ambos idiomas')
    await context.close()
  })

  it('takes screenshots of the annual report at three sizes and in English only', async () => {
    const sizes = [
      { width: 1280, height: 800 },
      { width: 1440, height: 900 },
      { width: 1920, height: 1080 },
    ]
    const { page, context } = await newPerson(browser)
    await signIn(page, server.url, 'tess', password)
    const show = async (sideBySide: boolean): Promise<void> => {
      await openReport(page, server.url, annualReport)
      await page.locator('report-outline a[data-section="iom"]').click()
      await editorOf(page, 'iom', 'en')
      if (sideBySide) await expect.poll(async () => misaligned(await rowOffsets(page, 'iom'))).toEqual([])
      // The outline's jump scrolls again after a frame; the picture waits for it.
      await page.waitForTimeout(300)
    }
    for (const size of sizes) {
      await page.setViewportSize(size)
      await show(true)
      await page.screenshot({ path: `docs/screenshots/layout-${size.width}x${size.height}.png` })
    }
    await page.setViewportSize({ width: 1440, height: 900 })
    await chooseLayout(page, 'Solo inglés')
    await show(false)
    await page.screenshot({ path: 'docs/screenshots/layout-english-only.png' })
    await chooseLayout(page, 'Ambos idiomas')
    await context.close()
  })
})
