// Comments in the browser, two people at once: a viewer comments on text of a body it may not
// edit, the agency officer sees the thread appear and its text marked without reloading,
// replies, and the viewer resolves it.

import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { editorOf, launchBrowser, newPerson, openReport, signIn, unexpectedErrors } from '../helpers/browser.ts'
import { fixturePassword, fixtureReportId, startFixtureServer, type FixtureServer } from './fixtures.ts'

describe('comments', () => {
  let server: FixtureServer
  let browser: Browser

  beforeAll(async () => {
    server = await startFixtureServer([
      { username: 'vera', role: 'viewer' },
      { username: 'ana', role: 'agency', actors: ['iom'] },
    ])
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('go from a viewer to the agency live, with the commented text marked, replies and resolving', async () => {
    const viewer = await newPerson(browser)
    const agency = await newPerson(browser)
    await signIn(viewer.page, server.url, 'vera', fixturePassword)
    await signIn(agency.page, server.url, 'ana', fixturePassword)
    await openReport(viewer.page, server.url, fixtureReportId)
    await openReport(agency.page, server.url, fixtureReportId)
    await agency.page.locator('.comments-toggle').click()
    await agency.page.locator('comments-panel .empty').waitFor()

    // The viewer selects a word of the Spanish introduction, which it cannot edit, and comments.
    const spanish = await editorOf(viewer.page, 'introduction', 'es')
    await spanish.locator('p').first().click()
    await spanish.locator('p').first().dblclick()
    await viewer.page.locator('.comments-toggle').click()
    await viewer.page.locator('comments-panel .comment-new textarea').fill('¿Interamericano con mayúscula?')
    await viewer.page.locator('comments-panel .comment-new button[type=submit]').click()
    await viewer.page.locator('comments-panel .comment-thread, comments-panel .error').first().waitFor()
    expect(await viewer.page.locator('comments-panel .error').allTextContents()).toEqual([])

    // The agency sees it without reloading, and the word is marked in its Spanish editor.
    const thread = agency.page.locator('comments-panel .comment-thread')
    await thread.waitFor()
    const quote = (await thread.locator('blockquote').textContent())?.trim() ?? ''
    expect(quote.length).toBeGreaterThan(0)
    expect('El Programa Interamericano para los migrantes.').toContain(quote)
    const marked = agency.page.locator(
      'section-row[section-id=introduction] section-editor[language=es] .comment-anchor',
    )
    await marked.waitFor()
    expect((await marked.textContent())?.trim()).toBe(quote)
    // Its block shows the count in the margin, and the aligned English block (the same block id)
    // is marked as commented in the other language; no other English block is.
    const introduction = agency.page.locator('section-row[section-id=introduction]')
    const spanishBlock = introduction.locator('section-editor[language=es] p', {
      has: agency.page.locator('.comment-anchor'),
    })
    await expect.poll(() => spanishBlock.locator('.comment-margin-mark').textContent()).toBe('1')
    const elsewhere = introduction.locator('section-editor[language=en] .comment-elsewhere')
    await elsewhere.waitFor()
    expect(await elsewhere.count()).toBe(1)
    expect(await elsewhere.getAttribute('data-block-id')).toBe(await spanishBlock.getAttribute('data-block-id'))
    await agency.page.screenshot({ path: 'docs/screenshots/comments.png' })

    // The agency replies; the viewer, who started the thread, resolves it.
    await thread.locator('.comment-reply textarea').fill('Sí, es nombre propio.')
    await thread.locator('.comment-reply button[type=submit]').click()
    const viewerThread = viewer.page.locator('comments-panel .comment-thread')
    await expect.poll(() => viewerThread.locator('.comment-entries li').count()).toBe(2)
    expect(await agency.page.locator('comments-panel .comment-resolve').count()).toBe(0)
    await viewerThread.locator('.comment-resolve').click()
    await agency.page.locator('comments-panel .empty').waitFor()
    await marked.waitFor({ state: 'detached' })
    await elsewhere.waitFor({ state: 'detached' })
    expect(await introduction.locator('.comment-margin-mark').count()).toBe(0)
    expect(unexpectedErrors([...viewer.errors, ...agency.errors])).toEqual([])
  })
})
