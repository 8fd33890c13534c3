// Shared helpers for the browser tests: build the client once, launch Debian's Chromium, sign in,
// find the editors of a section. Not a test file.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** Where Debian installs Chromium (scripts/ensure-installed.mjs installs it for `npm test`). */
export const chromiumPath = '/usr/bin/chromium'

/** Flags for a headless Chromium in a container: no sandbox, no GPU, no background traffic. */
export const chromiumArgs: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** The built client's directory (`dist/client`). */
export const clientDir = join(root, 'dist', 'client')

/**
 * Build the client with Vite when `dist/client` is missing or older than any source in `client/`
 * or `schema/`. Synchronous, so it runs once per test file at most and never concurrently.
 */
export function ensureClientBuilt(): string {
  const built = join(clientDir, 'index.html')
  const stale =
    !existsSync(built) ||
    statSync(built).mtimeMs < Math.max(newestMtime(join(root, 'client')), newestMtime(join(root, 'schema')))
  if (stale) {
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--config',
        'client/vite.config.ts',
        '--logLevel',
        'warn',
      ],
      {
        cwd: root,
        stdio: 'inherit',
        // Vitest sets NODE_ENV=test, which would make Vite bundle Lit's development build.
        env: { ...process.env, NODE_ENV: 'production' },
      },
    )
  }
  return clientDir
}

/** Launch headless Chromium. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] })
}

/** A fresh context (its own cookies and IndexedDB: one person) with a page, console errors collected. */
export async function newPerson(browser: Browser): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  return { context, page, errors }
}

/** The errors of a page other than the expected one: the session check answers 401 before anyone signed in. */
export function unexpectedErrors(errors: readonly string[]): string[] {
  return errors.filter((error) => !/status of 401/.test(error))
}

/** Open `baseUrl` and sign in through the form; resolves once the header shows the user. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(baseUrl)
  await page.locator('sign-in-form input[name=username]').fill(username)
  await page.locator('sign-in-form input[name=password]').fill(password)
  await page.locator('sign-in-form button[type=submit]').click()
  await page.locator('[data-testid=who]').waitFor()
}

/** Open a report page by URL; resolves once its sections are shown and the connection is online. */
export async function openReport(page: Page, baseUrl: string, reportId: string): Promise<void> {
  await page.goto(`${baseUrl}/reports/${encodeURIComponent(reportId)}`)
  await page.locator('section-row').first().waitFor()
  try {
    await page.locator('connection-status[state=online]').waitFor({ timeout: 15_000 })
  } catch (error) {
    const state = await page.locator('connection-status').getAttribute('state')
    const banner = await page.locator('report-page .banner').allTextContents()
    throw new Error(`The report page did not come online (state ${state}; ${banner.join(' ') || 'no error shown'})`, {
      cause: error,
    })
  }
}

/** The section row of `sectionId`. */
export function sectionRow(page: Page, sectionId: string): Locator {
  return page.locator(`section-row[section-id="${sectionId}"]`)
}

/** The ProseMirror editing area of a section in a language; scrolls it into view so it is built. */
export async function editorOf(page: Page, sectionId: string, language: 'es' | 'en'): Promise<Locator> {
  const row = sectionRow(page, sectionId)
  await row.scrollIntoViewIfNeeded()
  const editor = row.locator(`section-editor[language=${language}] .ProseMirror`)
  await editor.waitFor()
  return editor
}

/**
 * Puts the caret at the end of `block`'s text the way a person does: a click just after its last
 * character. (A click in the middle and End goes to the end of a visual line, which in a narrow
 * table cell is not the end of the paragraph.)
 */
export async function clickAtEnd(block: Locator): Promise<void> {
  await block.scrollIntoViewIfNeeded()
  const point = await block.evaluate((element) => {
    const range = document.createRange()
    range.selectNodeContents(element)
    const lines = [...range.getClientRects()].filter((rect) => rect.width > 0)
    const last = lines.at(-1)
    return last === undefined ? undefined : { x: last.right - 1, y: last.top + last.height / 2 }
  })
  if (point === undefined) await block.click()
  else await block.page().mouse.click(point.x, point.y)
}

/** The text of a section body in a language, as the browser shows it (cursor labels and table headings left out). */
export async function bodyText(page: Page, sectionId: string, language: 'es' | 'en'): Promise<string> {
  const editor = await editorOf(page, sectionId, language)
  return editor.evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement
    for (const cursor of copy.querySelectorAll('.remote-cursor, .ProseMirror-widget, thead')) cursor.remove()
    return copy.textContent ?? ''
  })
}
