import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NodeJSON } from '../../schema/report.ts'
import { clickAtEnd, bodyText, editorOf, launchBrowser, newPerson, openReport, signIn } from '../helpers/browser.ts'
import { fetchReport, textOf } from '../helpers/report-text.ts'
import { fixturePassword, fixtureReportId, startFixtureServer, type FixtureServer } from './fixtures.ts'

function find(node: NodeJSON, type: string): NodeJSON[] {
  const found = node.type === type ? [node] : []
  return found.concat(...(node.content ?? []).map((child) => find(child, type)))
}

describe('editing a section', () => {
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

  async function section(sectionId: string, language: 'es' | 'en'): Promise<NodeJSON> {
    const report = await fetchReport(server.url, server.adminToken, fixtureReportId)
    return report.sections.find((s) => s.id === sectionId)![language]
  }

  async function anaOn(sectionId: string, language: 'es' | 'en'): Promise<{ page: Page; close: () => Promise<void> }> {
    const { page, context } = await newPerson(browser)
    await signIn(page, server.url, 'ana', fixturePassword)
    await openReport(page, server.url, fixtureReportId)
    await editorOf(page, sectionId, language)
    return { page, close: () => context.close() }
  }

  it('adds, moves and removes table rows with the keyboard and the toolbar, each row with its own id', async () => {
    const { page, close } = await anaOn('iom', 'en')
    const editor = await editorOf(page, 'iom', 'en')
    await editor.locator('td[data-column=mandate] p').first().click()
    await page.keyboard.press('Control+Enter')
    await page.keyboard.type('Second row')
    expect(await editor.locator('tbody tr').count()).toBe(2)
    await page.keyboard.press('Alt+ArrowUp')
    await expect
      .poll(async () => find(await section('iom', 'en'), 'table_row').map(textOf))
      .toEqual(['Second row', 'IOM mandateIOM programmed'])
    const rows = find(await section('iom', 'en'), 'table_row')
    expect(rows.map((row) => typeof row.attrs?.['id'])).toEqual(rows.map(() => 'string'))
    expect(new Set(rows.map((row) => row.attrs?.['id'])).size).toBe(2)
    // Every new cell has its column, in the table kind's order.
    expect(find(rows[0]!, 'table_cell').map((cell) => cell.attrs?.['column'])).toEqual([
      'mandate',
      'programmed',
      'executed',
      'planned',
      'financing',
    ])

    await page.locator('section-row[section-id=iom] section-editor[language=en] button.move-row-down').click()
    await expect
      .poll(async () => find(await section('iom', 'en'), 'table_row').map(textOf))
      .toEqual(['IOM mandateIOM programmed', 'Second row'])
    await page.locator('section-row[section-id=iom] section-editor[language=en] button.remove-row').click()
    await expect
      .poll(async () => find(await section('iom', 'en'), 'table_row').map(textOf))
      .toEqual(['IOM mandateIOM programmed'])
    // The last row of a table cannot be removed.
    await editor.locator('td[data-column=mandate] p').first().click()
    // The toolbar follows the selection once the next frame is painted.
    await expect
      .poll(
        () => page.locator('section-row[section-id=iom] section-editor[language=en] button.remove-row').isDisabled(),
        { message: 'the remove-row button is disabled on the only row' },
      )
      .toBe(true)
    await close()
  })

  it('makes text bold and italic with Mod-b and Mod-i, and links it with Mod-k (http, https and mailto only)', async () => {
    const { page, close } = await anaOn('iom', 'es')
    const editor = await editorOf(page, 'iom', 'es')
    await editor.locator('td[data-column=financing] p').click()
    await page.keyboard.type('Fondos')
    await page.keyboard.press('Shift+Home')
    // Each step waits for the page to show the previous one, so a busy machine cannot reorder them.
    await expect.poll(() => page.evaluate(() => getSelection()?.toString())).toBe('Fondos')
    await page.keyboard.press('Control+b')
    await editor.locator('td[data-column=financing] strong').waitFor()
    await page.keyboard.press('Control+i')
    await editor.locator('td[data-column=financing] em').waitFor()
    let answer = 'javascript:alert(1)'
    const messages: string[] = []
    page.on('dialog', (dialog) => {
      messages.push(dialog.message())
      void (dialog.type() === 'prompt' ? dialog.accept(answer) : dialog.accept())
    })
    await page.keyboard.press('Control+k')
    await expect.poll(() => messages.length).toBe(2)
    expect(messages[1]).toBe('Solo se admiten enlaces http, https o mailto.')
    answer = 'https://www.oas.org/'
    await page.keyboard.press('Control+k')
    await expect
      .poll(async () => {
        const cell = find(await section('iom', 'es'), 'table_cell').find((c) => c.attrs?.['column'] === 'financing')!
        return find(cell, 'text')[0]
          ?.marks?.map((m) => (m.type === 'link' ? `link:${String(m.attrs?.['href'])}` : m.type))
          .sort()
      })
      .toEqual(['em', 'link:https://www.oas.org/', 'strong'])
    await close()
  })

  it('applies a shortcut to the selection on screen even when the browser has not yet told the editor of it', async () => {
    const { page, close } = await anaOn('iom', 'en')
    const editor = await editorOf(page, 'iom', 'en')
    await editor.locator('td[data-column=financing] p').click()
    await page.keyboard.type('Funds now')
    await editor.locator('td[data-column=financing] p', { hasText: 'Funds now' }).waitFor()
    // Select "Funds" and press Ctrl+B in one task, before the browser's selectionchange event:
    // the order a busy machine produces when a person selects and presses the shortcut quickly.
    const applied = await editor.evaluate((element) => {
      const paragraph = element.querySelector('td[data-column=financing] p')!
      const text = [...paragraph.childNodes].find((node) => node.textContent?.includes('Funds now'))!
      const start = text.textContent!.indexOf('Funds now')
      getSelection()!.setBaseAndExtent(text, start, text, start + 'Funds'.length)
      const key = new KeyboardEvent('keydown', {
        key: 'b',
        code: 'KeyB',
        keyCode: 66,
        ctrlKey: true,
        bubbles: true,
        cancelable: true,
      })
      return !element.dispatchEvent(key)
    })
    expect(applied, 'the editor took Ctrl+B (prevented its default)').toBe(true)
    await expect
      .poll(async () => {
        const cell = find(await section('iom', 'en'), 'table_cell').find((c) => c.attrs?.['column'] === 'financing')!
        return find(cell, 'text').map((node) => `${node.text}:${(node.marks ?? []).map((m) => m.type).join(',')}`)
      })
      .toEqual(['Funds:strong', ' now:'])
    await close()
  })

  it("undoes only the user's own changes", async () => {
    const ana = await anaOn('iom', 'es')
    const edith = await newPerson(browser)
    await signIn(edith.page, server.url, 'edith', fixturePassword)
    await openReport(edith.page, server.url, fixtureReportId)

    const anaEditor = await editorOf(ana.page, 'iom', 'es')
    await anaEditor.locator('td[data-column=planned] p').click()
    await ana.page.keyboard.type('Ana escribe')
    const edithEditor = await editorOf(edith.page, 'iom', 'es')
    await clickAtEnd(edithEditor.locator('td[data-column=mandate] p'))
    await edith.page.keyboard.type(' y Edith')
    await expect.poll(() => bodyText(ana.page, 'iom', 'es'), { timeout: 10_000 }).toContain('Mandato OIM y Edith')

    await anaEditor.locator('td[data-column=planned] p').click()
    await ana.page.keyboard.press('Control+z')
    await expect.poll(async () => textOf(await section('iom', 'es'))).not.toContain('Ana escribe')
    expect(textOf(await section('iom', 'es'))).toContain('Mandato OIM y Edith')
    await ana.page.keyboard.press('Control+y')
    await expect.poll(async () => textOf(await section('iom', 'es'))).toContain('Ana escribe')
    await ana.close()
    await edith.context.close()
  })

  it('cleans pasted HTML to the schema and gives pasted blocks new ids', async () => {
    const { page, close } = await anaOn('iom', 'es')
    const editor = await editorOf(page, 'iom', 'es')
    // Pasted before the block whose id it carries: without clearing, the pasted copy would keep the
    // id (first in document order) and the original would be renamed, losing its alignment.
    await clickAtEnd(editor.locator('td[data-column=mandate] p'))
    // What Word or a web page puts on the clipboard: styles, spans, a script, and a copied block id.
    await editor.evaluate((element) => {
      const data = new DataTransfer()
      data.setData(
        'text/html',
        '<p data-block-id="iom-1-financing" style="color:red;font-family:Calibri"><span class="MsoNormal"><b>Pegado</b> desde Word<script>window.hacked=1</script></span></p><p data-block-id="iom-1-financing">Segundo párrafo <a href="javascript:alert(1)">malo</a></p>',
      )
      data.setData('text/plain', 'Pegado desde Word')
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    })
    await expect.poll(async () => textOf(await section('iom', 'es'))).toContain('Pegado desde Word')
    const doc = await section('iom', 'es')
    const paragraphs = find(doc, 'paragraph')
    const ids = paragraphs.map((p) => p.attrs?.['id'])
    const financing = find(doc, 'table_cell').find((c) => c.attrs?.['column'] === 'financing')!
    expect(find(financing, 'paragraph')[0]!.attrs?.['id']).toBe('iom-1-financing')
    expect(ids.filter((id) => id === 'iom-1-financing')).toHaveLength(1)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.filter((id) => typeof id !== 'string')).toEqual([])
    const texts = find(doc, 'text')
    expect(texts.find((t) => t.text === 'Pegado')?.marks?.map((m) => m.type)).toEqual(['strong'])
    expect(texts.find((t) => t.text === ' desde Word')?.marks).toBeUndefined()
    // The second pasted paragraph is a new block with a new id.
    expect(paragraphs.find((p) => textOf(p).startsWith('Segundo'))?.attrs?.['id']).toMatch(/^b[a-z0-9]{9}$/)
    expect(JSON.stringify(doc)).not.toContain('javascript:')
    expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined()
    await close()
  })
})
