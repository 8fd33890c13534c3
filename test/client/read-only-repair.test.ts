// A body that two concurrent valid edits merged into a shape the schema cannot hold is repaired by
// the server, once, as its own change: a browser that may not edit that body (a viewer, another
// section's agency) renders it and is never cut off for trying to repair it itself.

import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { bodyText, launchBrowser, newPerson, openReport, signIn, unexpectedErrors } from '../helpers/browser.ts'
import { fetchReport } from '../helpers/report-text.ts'
import { connectClient } from '../server/clients.ts'
import { updateMessage } from '../server/crafted-updates.ts'
import { fixturePassword, fixtureReportId, startFixtureServer, type FixtureServer } from './fixtures.ts'

describe('a merged body the schema cannot hold', () => {
  let server: FixtureServer
  let browser: Browser

  beforeAll(async () => {
    server = await startFixtureServer([
      { username: 'vera', role: 'viewer' },
      { username: 'ana', role: 'agency', actors: ['iom'] },
      { username: 'tina', role: 'translator' },
    ])
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  /** Sends one update on a socket of its own and waits a moment; resolves with the close code, or -1 when still open. */
  function sendOnce(token: string, update: Uint8Array): Promise<number> {
    const socket = new WebSocket(`${server.wsUrl}/${fixtureReportId}?token=${token}`)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.close()
        resolve(-1)
      }, 1000)
      socket.on('error', reject)
      socket.on('close', (code) => {
        clearTimeout(timer)
        resolve(code)
      })
      socket.on('open', () => socket.send(updateMessage(update)))
    })
  }

  it('is repaired by the server while a viewer and another agency watch, and neither is cut off', async () => {
    const viewer = await newPerson(browser)
    const agency = await newPerson(browser)
    await signIn(viewer.page, server.url, 'vera', fixturePassword)
    await signIn(agency.page, server.url, 'ana', fixturePassword)
    await openReport(viewer.page, server.url, fixtureReportId)
    await openReport(agency.page, server.url, fixtureReportId)

    // An editor adds a list item of two paragraphs to the introduction, in one transaction.
    const editor = connectClient(server.wsUrl, fixtureReportId, server.adminToken)
    await editor.synced
    editor.doc.transact(() => {
      const list = new Y.XmlElement('bullet_list')
      const item = new Y.XmlElement('list_item')
      item.setAttribute('id', 'merge-item')
      const paragraphs = ['uno', 'dos'].map((word) => {
        const paragraph = new Y.XmlElement('paragraph')
        paragraph.setAttribute('id', `merge-${word}`)
        return { paragraph, word }
      })
      editor.doc.getXmlFragment('es/introduction').insert(1, [list])
      list.insert(0, [item])
      item.insert(
        0,
        paragraphs.map(({ paragraph }) => paragraph),
      )
      for (const { paragraph, word } of paragraphs) paragraph.insert(0, [new Y.XmlText(`Punto ${word}`)])
    })
    for (const page of [viewer.page, agency.page])
      await expect.poll(() => bodyText(page, 'introduction', 'es'), { timeout: 10_000 }).toContain('Punto dos')
    // Two translators on the same state each delete one of the two paragraphs: valid alone, an empty item together.
    const base = Y.encodeStateAsUpdate(editor.doc)
    const deletion = (index: number): Uint8Array => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, base)
      const before = Y.encodeStateVector(doc)
      const item = (doc.getXmlFragment('es/introduction').get(1) as Y.XmlElement).get(0) as Y.XmlElement
      item.delete(index, 1)
      return Y.encodeStateAsUpdate(doc, before)
    }
    const { token } = await server.login('tina', fixturePassword)
    expect(await Promise.all([sendOnce(token, deletion(0)), sendOnce(token, deletion(1))])).toEqual([-1, -1])

    // The server stored a repair: the item holds an empty paragraph again.
    await expect
      .poll(
        async () => {
          const report = await fetchReport(server.url, server.adminToken, fixtureReportId)
          const body = report.sections.find((section) => section.id === 'introduction')!.es
          return JSON.stringify(body.content?.[1])
        },
        { timeout: 10_000 },
      )
      .toMatch(/"list_item".*"paragraph"/)
    for (const page of [viewer.page, agency.page]) {
      await expect.poll(() => bodyText(page, 'introduction', 'es'), { timeout: 10_000 }).not.toContain('Punto')
      await page.waitForTimeout(500)
      const stopped = await page
        .locator('report-page')
        .evaluate(
          (element) => (element as unknown as { _collab: { stopCode: number | null; stopReason: string } })._collab,
        )
      expect({ code: stopped.stopCode, reason: stopped.stopReason }).toEqual({ code: null, reason: '' })
      expect(await page.locator('connection-status').getAttribute('state')).toBe('online')
    }
    await viewer.page.screenshot({ path: 'test-results/screenshots/merged-body-repaired-viewer.png' })
    expect(unexpectedErrors(viewer.errors)).toEqual([])
    expect(unexpectedErrors(agency.errors)).toEqual([])
    editor.destroy()
  })
})
