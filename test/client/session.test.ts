import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, newPerson, openReport, signIn } from '../helpers/browser.ts'
import { fixturePassword, fixtureReportId, startFixtureServer, type FixtureServer } from './fixtures.ts'

describe('signing in and out', () => {
  let server: FixtureServer
  let browser: Browser

  beforeAll(async () => {
    server = await startFixtureServer([
      { username: 'ana', role: 'agency', actors: ['iom'] },
      { username: 'vera', role: 'viewer' },
      { username: 'tomas', role: 'translator' },
    ])
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('says clearly when the password is wrong, and signs in with the right one', async () => {
    const { page, context } = await newPerson(browser)
    await page.goto(server.url)
    await page.locator('sign-in-form input[name=username]').fill('ana')
    await page.locator('sign-in-form input[name=password]').fill('not-the-password')
    await page.locator('sign-in-form button[type=submit]').click()
    await expect
      // The server checks the password with scrypt (about 0.5 s, more on a busy machine).
      .poll(() => page.locator('sign-in-form [role=alert]').textContent(), { timeout: 10_000 })
      .toBe('Usuario o contraseña incorrectos.')
    expect(await page.locator('[data-testid=who]').count()).toBe(0)

    await page.locator('sign-in-form input[name=password]').fill(fixturePassword)
    await page.locator('sign-in-form button[type=submit]').click()
    await page.locator('report-list a', { hasText: 'Informe de prueba' }).waitFor()
    await context.close()
  })

  it('asks for both fields before calling the server', async () => {
    const { page, context } = await newPerson(browser)
    await page.goto(server.url)
    await page.locator('sign-in-form button[type=submit]').click()
    await expect
      // The server checks the password with scrypt (about 0.5 s, more on a busy machine).
      .poll(() => page.locator('sign-in-form [role=alert]').textContent(), { timeout: 10_000 })
      .toBe('Escriba su usuario y su contraseña.')
    await context.close()
  })

  it('keeps the session across a reload and ends it on sign-out', async () => {
    const { page, context } = await newPerson(browser)
    await signIn(page, server.url, 'ana', fixturePassword)
    await page.reload()
    await page.locator('[data-testid=who]').waitFor()
    expect(await page.locator('[data-testid=who]').textContent()).toContain('ana')

    await page.locator('button.sign-out').click()
    await page.locator('sign-in-form').waitFor()
    await page.reload()
    await page.locator('sign-in-form input[name=username]').waitFor()
    expect(await page.locator('[data-testid=who]').count()).toBe(0)
    await context.close()
  })

  it('switches the interface language, sets the lang attribute, and remembers the choice for that user', async () => {
    const { page, context } = await newPerson(browser)
    await signIn(page, server.url, 'ana', fixturePassword)
    expect(await page.locator('html').getAttribute('lang')).toBe('es')
    expect(await page.locator('report-list h1').textContent()).toBe('Informes')

    await page.locator('button.language-switch').click()
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await page.locator('report-list h1').textContent()).toBe('Reports')
    expect(await page.locator('button.sign-out').textContent()).toBe('Sign out')
    await page.locator('report-list a', { hasText: 'Test report' }).waitFor()

    await page.reload()
    await page.locator('report-list h1', { hasText: 'Reports' }).waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('en')

    // The report page follows: outline and read-only reasons in English.
    await openReport(page, server.url, fixtureReportId)
    expect(await page.locator('report-outline h2').textContent()).toBe('Report outline')
    expect(await page.locator('section-row[section-id=unhcr] .permission').textContent()).toContain(
      'belongs to another agency',
    )
    await context.close()
  })

  it('sends the user to the sign-in form when the server ends the session (close 4401)', async () => {
    const { page, context } = await newPerson(browser)
    await signIn(page, server.url, 'ana', fixturePassword)
    await openReport(page, server.url, fixtureReportId)
    // Sign out behind the page's back (as another tab would): the server closes the socket with 4401.
    await page.evaluate(() => fetch('/api/logout', { method: 'POST' }))
    await page.locator('sign-in-form .notice').waitFor({ timeout: 10_000 })
    expect(await page.locator('sign-in-form .notice').textContent()).toBe('Su sesión terminó. Inicie sesión de nuevo.')
    await context.close()
  })

  it('shows viewers every section read-only with the reason, and translators every section editable', async () => {
    const viewer = await newPerson(browser)
    await signIn(viewer.page, server.url, 'vera', fixturePassword)
    await openReport(viewer.page, server.url, fixtureReportId)
    expect(await viewer.page.locator('section-row .permission.read-only').count()).toBe(3)
    expect(await viewer.page.locator('section-row .permission.read-only').first().textContent()).toContain('lector')
    await viewer.context.close()

    const translator = await newPerson(browser)
    await signIn(translator.page, server.url, 'tomas', fixturePassword)
    await openReport(translator.page, server.url, fixtureReportId)
    expect(await translator.page.locator('section-row .permission.editable').count()).toBe(3)
    await translator.context.close()
  })

  it('routes the history, diff and translation paths to their pages', async () => {
    const { page, context } = await newPerson(browser)
    await signIn(page, server.url, 'ana', fixturePassword)
    for (const view of ['history', 'diff', 'translation']) {
      await page.goto(`${server.url}/reports/${fixtureReportId}/${view}${view === 'diff' ? '?from=1&to=current' : ''}`)
      await page.locator(`${view}-page h1`).waitFor()
    }
    await context.close()
  })

  it('stops and says so when the report does not exist (close 4404)', async () => {
    const { page, context } = await newPerson(browser)
    await signIn(page, server.url, 'ana', fixturePassword)
    await page.goto(`${server.url}/reports/no-such-report`)
    await page.locator('connection-status[state=stopped]').waitFor({ timeout: 10_000 })
    expect(await page.locator('report-page .banner').textContent()).toContain('Este informe no existe.')
    await context.close()
  })

  // Last in this file: the throttle also counts failures per address, which would lock the others out.
  it('says so when sign-in attempts are throttled (429)', async () => {
    const { page, context } = await newPerson(browser)
    await page.goto(server.url)
    const alert = page.locator('sign-in-form [role=alert]')
    for (let attempt = 0; attempt < 8; attempt++) {
      await page.locator('sign-in-form input[name=username]').fill('tomas')
      await page.locator('sign-in-form input[name=password]').fill(`wrong-password-${attempt}`)
      await page.locator('sign-in-form button[type=submit]').click()
      await page.locator('sign-in-form button[type=submit]:not([disabled])').waitFor()
      if ((await alert.textContent())?.startsWith('Demasiados')) break
    }
    expect(await alert.textContent()).toBe('Demasiados intentos. Espere un momento y vuelva a intentarlo.')
    await context.close()
  })
})
