// The import page in the browser: an editor chooses the bundled annual report's two originals,
// sees the sections and warnings before anything is created, confirms from the keyboard and lands
// on the new report; a Word file, a taken id and a bad id are refused in words; large uploads show
// their progress; viewers and agencies get no link and a refusal. Axe finds nothing serious;
// screenshots at 1280×800 in both languages go to docs/screenshots/import-*.png.

import AxeBuilder from '@axe-core/playwright'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reportToDocx } from '../../schema/export/report-docx.ts'
import { launchBrowser, newPerson, signIn, unexpectedErrors } from '../helpers/browser.ts'
import { fixturePassword, fixtureReport, fixtureReportId, startFixtureServer, type FixtureServer } from './fixtures.ts'

const screenshots = new URL('../../docs/screenshots/', import.meta.url)
const seedEs = new URL('../../server/seeds/annual-report-2011-2012.es.txt', import.meta.url).pathname
const seedEn = new URL('../../server/seeds/annual-report-2011-2012.en.txt', import.meta.url).pathname

/** Serious and critical axe violations on `page`, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze()
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
}

describe('the import page', () => {
  let server: FixtureServer
  let browser: Browser

  beforeAll(async () => {
    server = await startFixtureServer([
      { username: 'editora', role: 'editor' },
      { username: 'lector', role: 'viewer' },
      { username: 'oim', role: 'agency', actors: ['iom'] },
    ])
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  /** The ids of the stored reports, through the API. */
  async function reportIds(): Promise<string[]> {
    const answer = await fetch(`${server.url}/api/reports`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    })
    return ((await answer.json()) as { id: string }[]).map((report) => report.id).sort()
  }

  /** An editor signed in, on /import through the report list's link, at 1280×800. */
  async function editorOnImportPage(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const { context, page, errors } = await newPerson(browser)
    await page.setViewportSize({ width: 1280, height: 800 })
    await signIn(page, server.url, 'editora', fixturePassword)
    await page.locator('[data-testid=import-link]').click()
    await page.locator('import-page form').waitFor()
    expect(new URL(page.url()).pathname).toBe('/import')
    return { page, errors, close: () => context.close() }
  }

  it('an editor previews the annual report, sees its sections and warnings, confirms and lands on it', async () => {
    const { page, errors, close } = await editorOnImportPage()
    const before = await reportIds()
    await page.getByLabel('Original en español').setInputFiles(seedEs)
    await page.getByLabel('Original en inglés').setInputFiles(seedEn)
    await page.getByLabel('Identificador del informe (opcional)').fill('informe-2011-2012')
    await page.getByRole('button', { name: 'Vista previa' }).click()

    const rows = page.locator('import-preview table.import-sections tbody tr')
    await expect.poll(() => rows.count()).toBe(16)
    const iom = page.locator('import-preview tr[data-section=iom]')
    expect(await iom.textContent()).toMatch(
      /B\.4\. Organización Internacional para las Migraciones \(OIM\).*B\.1\. International Organization for Migration -IOM.*de entidad.*iom/s,
    )
    expect(await page.locator('import-preview tr[data-section=background]').textContent()).toMatch(
      /I\. Antecedentes.*I\. Background.*narrativa/s,
    )
    expect(await page.locator('import-preview .import-summary').textContent()).toMatch(
      /Se creará el informe «informe-2011-2012» \(Informe anual\) con 16 secciones/,
    )
    const duplicate = page.locator('import-preview li[data-code=duplicate-section]')
    expect(await duplicate.textContent()).toMatch(/Sección repetida\s*original en inglés, línea 894, sección iom/)
    expect(await page.locator('import-preview li[data-code=toc-mismatch]').textContent()).toMatch(
      /El índice no coincide con el texto/,
    )
    expect(await page.locator('import-preview h3').textContent()).toMatch(/Avisos \(\d+\)/)
    // The preview takes the focus, and nothing is stored yet.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('import-preview-title')
    expect(await reportIds()).toEqual(before)

    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: new URL('import-preview-es.png', screenshots).pathname })

    // The same preview in English.
    await page.locator('.language-switch').click()
    await expect
      .poll(() => duplicate.textContent())
      .toMatch(/Repeated section\s*English original, line 894, section iom/)
    expect(await page.locator('import-preview thead').textContent()).toMatch(/Spanish heading.*English heading/s)
    expect(await page.getByRole('button', { name: 'Create report' }).count()).toBe(1)
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: new URL('import-preview-en.png', screenshots).pathname })

    // Confirm from the keyboard: back where the preview put the focus (the language switch took it),
    // the next stop after the preview's heading is "Create report".
    await page.locator('#import-preview-title').focus()
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Create report')
    await page.keyboard.press('Enter')
    await page.waitForURL(`${server.url}/reports/informe-2011-2012`)
    await page.locator('section-row[section-id=iom]').waitFor()
    expect(await page.locator('section-row').count()).toBe(16)
    expect(await reportIds()).toEqual([...before, 'informe-2011-2012'].sort())
    expect(unexpectedErrors(errors)).toEqual([])
    await close()
  })

  it('says why a Word file, a taken id and a bad id are refused, and creates nothing', async () => {
    const { page, close } = await editorOnImportPage()
    const before = await reportIds()
    const alert = page.locator('import-page [role=alert]')
    const word = new Uint8Array(await reportToDocx(fixtureReport, { language: 'es' }))
    await page.getByLabel('Original en español').setInputFiles({
      name: 'informe.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: Buffer.from(word),
    })
    await page.getByRole('button', { name: 'Vista previa' }).click()
    await expect.poll(() => alert.textContent()).toMatch(/Un archivo no es texto/)
    expect(await alert.textContent()).toMatch(/The Spanish original is binary data, not text/)
    expect(await alert.textContent()).toMatch(/Los archivos de Word \(\.docx\) todavía no se pueden importar/)
    expect(await page.locator('import-preview').count()).toBe(0)
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: new URL('import-word-refused-es.png', screenshots).pathname })

    // A text file under the id of a report that exists: 409, said before anything is created.
    await page.getByLabel('Original en español').setInputFiles(seedEs)
    await page.getByLabel('Identificador del informe (opcional)').fill(fixtureReportId)
    await page.getByRole('button', { name: 'Vista previa' }).click()
    await expect.poll(() => alert.textContent()).toMatch(/Ya existe un informe con ese identificador/)
    expect(await alert.textContent()).toContain(`A report with the id "${fixtureReportId}" already exists.`)

    // An id that is not a slug is refused before sending, and the field says so.
    const id = page.getByLabel('Identificador del informe (opcional)')
    await id.fill('Informe Nuevo')
    await page.getByRole('button', { name: 'Vista previa' }).click()
    await expect.poll(() => alert.textContent()).toMatch(/minúsculas, cifras y guiones simples/)
    expect(await id.getAttribute('aria-invalid')).toBe('true')
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('id')
    await id.fill('informe-nuevo')
    expect(await id.getAttribute('aria-invalid')).toBe('false')
    expect(await alert.isHidden()).toBe(true)
    expect(await reportIds()).toEqual(before)
    await close()
  })

  it('shows the upload’s progress while a slow connection sends the files', async () => {
    const { page, close } = await editorOnImportPage()
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Network.enable')
    // About 240 KB at 60 KB/s: four seconds of upload.
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 60 * 1024,
    })
    await page.getByLabel('Original en español').setInputFiles(seedEs)
    await page.getByLabel('Original en inglés').setInputFiles(seedEn)
    await page.getByLabel('Identificador del informe (opcional)').fill('informe-lento')
    await page.getByRole('button', { name: 'Vista previa' }).focus()
    await page.keyboard.press('Enter')
    const progress = page.locator('import-page progress#import-progress')
    await progress.waitFor()
    // The button says it is busy and keeps the keyboard focus.
    const busy = page.getByRole('button', { name: 'Preparando la vista previa…' })
    expect(await busy.getAttribute('aria-disabled')).toBe('true')
    expect(await busy.evaluate((element) => element === document.activeElement)).toBe(true)
    // Part of it sent: more than nothing, less than all.
    await expect
      .poll(() => progress.evaluate((element: HTMLProgressElement) => element.value / element.max), { timeout: 10_000 })
      .toBeGreaterThan(0.05)
    expect(await progress.evaluate((element: HTMLProgressElement) => element.value / element.max)).toBeLessThan(1)
    expect(await page.locator('import-page .upload-progress label').textContent()).toMatch(
      /Enviando los archivos: \d+ %/,
    )
    await page.screenshot({ path: new URL('import-progress-es.png', screenshots).pathname })
    await page.locator('import-preview table').waitFor({ timeout: 20_000 })
    expect(await progress.count()).toBe(0)
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    })
    await close()
  })

  it('is not offered to a viewer or an agency, and /import tells them it is not for them', async () => {
    for (const username of ['lector', 'oim']) {
      const { context, page } = await newPerson(browser)
      await signIn(page, server.url, username, fixturePassword)
      await page.locator('report-list li').first().waitFor()
      expect(await page.locator('[data-testid=import-link]').count(), username).toBe(0)
      await page.goto(`${server.url}/import`)
      const refusal = page.locator('import-page [role=alert]')
      await refusal.waitFor()
      expect(await refusal.textContent()).toBe('Solo los editores y los administradores pueden importar informes.')
      expect(await page.locator('import-page input[type=file]').count()).toBe(0)
      await context.close()
    }
  })
})
