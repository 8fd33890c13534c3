import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { forbiddenRoots } from '../../../server/collab/authorize-update.ts'
import { PendingStructs } from '../../../server/collab/pending-structs.ts'
import { analyzeUpdate, UnresolvableUpdate } from '../../../server/collab/update-analysis.ts'
import { reportToYDoc } from '../../../schema/ydoc.ts'
import { testReport } from '../fixtures.ts'

/** A server doc holding the test report, and a client copy of it. */
function setup(): { server: Y.Doc; client: Y.Doc } {
  const server = reportToYDoc(testReport())
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  return { server, client }
}

/** The update `change` makes on `doc`. */
function changeOf(doc: Y.Doc, change: () => void): Uint8Array {
  const vector = Y.encodeStateVector(doc)
  change()
  return Y.encodeStateAsUpdate(doc, vector)
}

const textOf = (doc: Y.Doc, name: string) => (doc.getXmlFragment(name).get(0) as Y.XmlElement).get(0) as Y.XmlText

describe('analyzeUpdate', () => {
  it('names the root of text typed inside a nested element by walking up parent items', () => {
    const { server, client } = setup()
    const update = changeOf(client, () => textOf(client, 'es/iom').insert(3, 'x'))
    const analysis = analyzeUpdate(server, update, new PendingStructs())
    expect(analysis.changed).toBe(true)
    expect([...analysis.roots]).toEqual(['es/iom'])
  })

  it('names the root of a deletion, and of map and array changes', () => {
    const { server, client } = setup()
    const deletion = changeOf(client, () => textOf(client, 'en/ilo').delete(0, 3))
    expect([...analyzeUpdate(server, deletion, new PendingStructs()).roots]).toEqual(['en/ilo'])
    // encodeStateAsUpdate carries the whole delete set: apply the deletion so it is not new any more.
    Y.applyUpdate(server, deletion)
    const heading = changeOf(client, () => client.getArray<Y.Map<unknown>>('sections').get(1).set('heading_es', 'x'))
    expect([...analyzeUpdate(server, heading, new PendingStructs()).roots]).toEqual(['sections'])
    Y.applyUpdate(server, heading)
    const meta = changeOf(client, () => client.getMap('meta').set('status', 'published'))
    expect([...analyzeUpdate(server, meta, new PendingStructs()).roots]).toEqual(['meta'])
  })

  it('sees nothing new in a sync step 2 whose content and delete set the server already has', () => {
    const { server, client } = setup()
    const deletion = changeOf(client, () => textOf(client, 'es/background').delete(0, 5))
    Y.applyUpdate(server, deletion)
    // A whole-state sync step 2 carries the client's entire delete set.
    const step2 = Y.encodeStateAsUpdate(client, Y.encodeStateVector(new Y.Doc()))
    const analysis = analyzeUpdate(server, step2, new PendingStructs())
    expect(analysis.changed).toBe(false)
    expect(forbiddenRoots(server, analysis.roots, { role: 'viewer', actors: [] })).toEqual([])
  })

  it('refuses an update that builds on content the server does not have', () => {
    const { server, client } = setup()
    changeOf(client, () => textOf(client, 'es/iom').insert(0, 'first '))
    const second = changeOf(client, () => textOf(client, 'es/iom').insert(2, 'second '))
    expect(() => analyzeUpdate(server, second, new PendingStructs())).toThrow(UnresolvableUpdate)
  })

  it('resolves an update building on one that is authorized but not yet stored', () => {
    const { server, client } = setup()
    const pending = new PendingStructs()
    const first = changeOf(client, () => textOf(client, 'es/iom').insert(0, 'first '))
    pending.add(analyzeUpdate(server, first, pending).runs)
    const second = changeOf(client, () => textOf(client, 'es/iom').insert(2, 'second '))
    expect([...analyzeUpdate(server, second, pending).roots]).toEqual(['es/iom'])
  })

  it('resolves items that refer to other items of the same update', () => {
    const { server, client } = setup()
    const update = changeOf(client, () => {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText('new paragraph')])
      client.getXmlFragment('en/iom').insert(1, [paragraph])
    })
    expect([...analyzeUpdate(server, update, new PendingStructs()).roots]).toEqual(['en/iom'])
  })
})

describe('forbiddenRoots', () => {
  const doc = reportToYDoc(testReport())
  const roots = new Set(['es/iom', 'en/ilo', 'sections', 'meta', 'es/unknown'])

  it('lets an agency change only its actors’ section bodies', () => {
    expect(forbiddenRoots(doc, roots, { role: 'agency', actors: ['iom'] })).toEqual(['en/ilo', 'es/unknown', 'meta', 'sections'])
  })

  it('lets a translator change any listed section body but not sections or meta', () => {
    expect(forbiddenRoots(doc, roots, { role: 'translator', actors: [] })).toEqual(['es/unknown', 'meta', 'sections'])
  })

  it('lets an editor change anything and a viewer nothing', () => {
    expect(forbiddenRoots(doc, roots, { role: 'editor', actors: [] })).toEqual([])
    expect(forbiddenRoots(doc, roots, { role: 'viewer', actors: [] })).toEqual([...roots].sort())
  })
})
