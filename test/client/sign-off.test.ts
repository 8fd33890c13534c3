// Sign-off in the browser: an agency officer whose Spanish body an editor approves sees it become
// read-only at once (and says why), keeps writing the English body, is never cut off, and can
// write the Spanish body again as soon as the editor reopens it.

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
import { fixturePassword, fixtureReportId, startFixtureServer, type FixtureServer } from './fixtures.ts'

describe('sign-off of a section', () => {
  let server: FixtureServer
  let browser: Browser
  let editorToken: string

  beforeAll(async () => {
    server = await startFixtureServer([
      { username: 'ana', role: 'agency', actors: ['iom'] },
      { username: 'eva', role: 'editor' },
    ])
    editorToken = (await server.login('eva', fixturePassword)).token
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const review = async (lang: 'es' | 'en', action: string): Promise<number> => {
    const answer = await fetch(`${server.url}/api/reports/${fixtureReportId}/sections/iom/review`, {
      method: 'POST',
      headers: { authorization: `Bearer ${editorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ lang, action }),
    })
    return answer.status
  }

  it('makes an approved body read-only live, keeps the other language editable, and opens it again when reopened', async () => {
    const { page, errors } = await newPerson(browser)
    await signIn(page, server.url, 'ana', fixturePassword)
    await openReport(page, server.url, fixtureReportId)
    const spanish = await editorOf(page, 'iom', 'es')
    const english = await editorOf(page, 'iom', 'en')
    const spanishBefore = await bodyText(page, 'iom', 'es')

    expect(await review('es', 'approve')).toBe(200)
    const notice = sectionRow(page, 'iom').locator('.permission.approved[data-language=es]')
    await notice.waitFor()
    // The interface speaks Spanish until the person switches it.
    expect(await notice.textContent()).toMatch(/Español aprobado: solo lectura hasta que un editor lo reabra/)
    await expect.poll(() => spanish.getAttribute('contenteditable')).toBe('false')
    await page.screenshot({ path: 'docs/screenshots/sign-off-approved.png' })

    // Typing into the approved body changes nothing, and nothing is sent that would be refused.
    await spanish.locator('p').first().click()
    await page.keyboard.type('NO ')
    expect(await bodyText(page, 'iom', 'es')).toBe(spanishBefore)
    await english.locator('p').first().click()
    await page.keyboard.type('Still open ')
    await expect.poll(() => bodyText(page, 'iom', 'en')).toMatch(/Still open /)
    expect(await page.locator('connection-status').getAttribute('state')).toBe('online')

    expect(await review('es', 'reopen')).toBe(200)
    await notice.waitFor({ state: 'detached' })
    await expect.poll(() => spanish.getAttribute('contenteditable')).toBe('true')
    await spanish.locator('p').first().click()
    await page.keyboard.type('Reabierto ')
    await expect.poll(() => bodyText(page, 'iom', 'es')).toMatch(/Reabierto /)
    expect(await page.locator('connection-status').getAttribute('state')).toBe('online')
    expect(unexpectedErrors(errors)).toEqual([])
  })
})
