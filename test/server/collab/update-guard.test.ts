import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readBody } from '../../../schema/body-reading.ts'
import { reportToYDoc } from '../../../schema/ydoc.ts'
import type { Permissions } from '../../../server/collab/authorize-update.ts'
import { closeForbidden, closeMalformed, closeTooLarge } from '../../../schema/close-codes.ts'
import { UpdateGuard, type Verdict } from '../../../server/collab/update-guard.ts'
import { craftUpdate } from '../crafted-updates.ts'
import { testReport } from '../fixtures.ts'

const iomAgency: Permissions = { role: 'agency', actors: ['iom'] }
const translator: Permissions = { role: 'translator', actors: [] }
const editor: Permissions = { role: 'editor', actors: [] }
const viewer: Permissions = { role: 'viewer', actors: [] }

/** A live document holding the test report, and a guard over it with nothing queued. */
function setup(): { live: Y.Doc; guard: UpdateGuard } {
  const live = reportToYDoc(testReport())
  return { live, guard: new UpdateGuard({ live, queued: () => [] }) }
}

/** The update a client would send after `edit` on a copy of `live`. */
function edited(live: Y.Doc, edit: (doc: Y.Doc) => void, clientID?: number): Uint8Array {
  const copy = new Y.Doc()
  if (clientID !== undefined) copy.clientID = clientID
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(live))
  const before = Y.encodeStateVector(copy)
  edit(copy)
  return Y.encodeStateAsUpdate(copy, before)
}

function firstText(doc: Y.Doc, name: string): Y.XmlText {
  return (doc.getXmlFragment(name).get(0) as Y.XmlElement).get(0) as Y.XmlText
}

function expectRefused(verdict: Verdict, code: number, reason?: RegExp): void {
  expect(verdict.kind).toBe('refused')
  if (verdict.kind !== 'refused') return
  expect(verdict.code).toBe(code)
  if (reason) expect(verdict.reason).toMatch(reason)
}

/** Applies an accepted verdict's effect and repair to `live`, as the document does once stored. */
function commit(live: Y.Doc, verdict: Verdict): void {
  expect(verdict.kind).toBe('accepted')
  if (verdict.kind !== 'accepted') return
  if (verdict.effect) Y.applyUpdate(live, verdict.effect)
  if (verdict.repair) Y.applyUpdate(live, verdict.repair)
}

describe('UpdateGuard', () => {
  it('accepts an agency typing in its own section and returns the effect to store', () => {
    const { live, guard } = setup()
    const verdict = guard.judge(
      edited(live, (doc) => firstText(doc, 'es/iom').insert(0, 'Hola ')),
      iomAgency,
    )
    expect(verdict.kind).toBe('accepted')
    commit(live, verdict)
    expect(firstText(live, 'es/iom').toString()).toBe('Hola Actividades de la OIM')
  })

  it('stores nothing for an update that changes nothing (the whole state sent again)', () => {
    const { live, guard } = setup()
    expect(guard.judge(Y.encodeStateAsUpdate(live), editor)).toEqual({
      kind: 'accepted',
      effect: undefined,
      repair: undefined,
    })
  })

  it("refuses an agency typing in another actor's section with 4403", () => {
    const { live, guard } = setup()
    expectRefused(
      guard.judge(
        edited(live, (doc) => firstText(doc, 'es/ilo').insert(0, 'x')),
        iomAgency,
      ),
      closeForbidden,
      /es\/ilo/,
    )
  })

  it('refuses a struct whose unknown part lands next to an item of another section (declared parent: own section)', () => {
    const { live, guard } = setup()
    // Another agency's client typed into es/ilo; the attacker resends its last clock with more after it.
    const victimClient = 4242
    commit(
      live,
      guard.judge(
        edited(live, (doc) => firstText(doc, 'es/ilo').insert(0, 'XYZ'), victimClient),
        { role: 'agency', actors: ['ilo'] },
      ),
    )
    const ownText = firstText(live, 'es/iom')._item!.id
    const attack = craftUpdate([
      {
        client: victimClient,
        clock: 2,
        structs: [{ kind: 'item', parent: ownText, content: { kind: 'string', text: 'ZEVIL' } }],
      },
    ])
    expectRefused(guard.judge(attack, iomAgency), closeMalformed, /another type/)
    expect(firstText(live, 'es/ilo').toString()).toBe('XYZActividades de la OIT')
    // The candidate was rebuilt: a legitimate edit afterwards still goes through.
    commit(
      live,
      guard.judge(
        edited(live, (doc) => firstText(doc, 'es/iom').insert(0, 'ok ')),
        iomAgency,
      ),
    )
    expect(firstText(live, 'es/iom').toString()).toBe('ok Actividades de la OIM')
  })

  it('refuses a translator whose overlapping struct would land in sections', () => {
    const { live, guard } = setup()
    // An editor's client last changed a section heading; the attacker resends that clock with more after it.
    const editorClient = 5150
    commit(
      live,
      guard.judge(
        edited(
          live,
          (doc) => (doc.getArray('sections').get(0) as Y.Map<unknown>).set('heading_en', 'Context'),
          editorClient,
        ),
        editor,
      ),
    )
    const state = Y.getState(live.store, editorClient)
    const attack = craftUpdate([
      {
        client: editorClient,
        clock: state - 1,
        structs: [{ kind: 'item', parent: 'en/ilo', content: { kind: 'any', values: ['x', 'HACKED'] } }],
      },
    ])
    expectRefused(guard.judge(attack, translator), closeMalformed, /another type/)
    expect((live.getArray('sections').get(0) as Y.Map<unknown>).get('heading_en')).toBe('Context')
    expect(live.getArray('sections').length).toBe(3)
  })

  it('refuses with 4400 an update Yjs throws on (an item overlapping a garbage struct), and keeps judging others', () => {
    const { live, guard } = setup()
    const textClient = 777
    const added = edited(
      live,
      (doc) => {
        const paragraph = new Y.XmlElement('paragraph')
        doc.getXmlFragment('en/background').insert(1, [paragraph])
        paragraph.insert(0, [new Y.XmlText('gone soon')])
      },
      textClient,
    )
    commit(live, guard.judge(added, editor))
    commit(
      live,
      guard.judge(
        edited(live, (doc) => doc.getXmlFragment('en/background').delete(1, 1)),
        editor,
      ),
    )
    const gc = live.store.clients.get(textClient)!.find((struct) => struct instanceof Y.GC)
    expect(gc).toBeDefined()
    const attack = craftUpdate([
      {
        client: textClient,
        clock: gc!.id.clock + gc!.length - 1,
        structs: [{ kind: 'item', parent: 'en/background', content: { kind: 'string', text: 'ABC' } }],
      },
    ])
    expectRefused(guard.judge(attack, editor), closeMalformed)
    commit(
      live,
      guard.judge(
        edited(live, (doc) => firstText(doc, 'en/background').insert(0, 'still ')),
        editor,
      ),
    )
    expect(firstText(live, 'en/background').toString()).toBe('still Initial text')
  })

  it('refuses content the schema cannot hold: bare text in a body, a script element, a javascript: link, unknown attributes', () => {
    const cases: Array<[string, (doc: Y.Doc) => void]> = [
      ['bare text', (doc) => doc.getXmlFragment('es/iom').insert(0, [new Y.XmlText('bare')])],
      ['script', (doc) => doc.getXmlFragment('es/iom').insert(0, [new Y.XmlElement('script')])],
      ['javascript link', (doc) => firstText(doc, 'es/iom').format(0, 5, { link: { href: 'javascript:alert(1)' } })],
      [
        'onclick attribute',
        (doc) => (doc.getXmlFragment('es/iom').get(0) as Y.XmlElement).setAttribute('onclick', 'alert(1)'),
      ],
      [
        'heading level 9',
        (doc) => {
          const heading = new Y.XmlElement('heading')
          heading.setAttribute('level', 9 as unknown as string)
          doc.getXmlFragment('es/iom').insert(0, [heading])
        },
      ],
      ['embedded object', (doc) => firstText(doc, 'es/iom').insertEmbed(0, { image: 'x' })],
      [
        'row of the wrong columns',
        (doc) => {
          const table = new Y.XmlElement('report_table')
          table.setAttribute('kind', 'actor')
          const row = new Y.XmlElement('table_row')
          const cell = new Y.XmlElement('table_cell')
          cell.setAttribute('column', 'mandate')
          cell.insert(0, [new Y.XmlElement('paragraph')])
          row.insert(0, [cell])
          table.insert(0, [row])
          doc.getXmlFragment('es/iom').insert(0, [table])
        },
      ],
    ]
    for (const [what, edit] of cases) {
      const { live, guard } = setup()
      const update = edited(live, edit)
      const verdict = guard.judge(update, iomAgency)
      expect(verdict.kind, what).toBe('refused')
      expect(readBody(live.getXmlFragment('es/iom')).problems, what).toEqual([])
    }
  })

  it('refuses a body root of a section that does not exist, for an editor too', () => {
    const { live, guard } = setup()
    expectRefused(
      guard.judge(
        edited(live, (doc) => doc.getXmlFragment('es/nowhere').insert(0, [new Y.XmlElement('paragraph')])),
        editor,
      ),
      closeForbidden,
      /not part of a report/,
    )
  })

  it('refuses an outline that loses its shape (a section entry that is not a map, a duplicate id, an unknown meta key)', () => {
    const cases: Array<(doc: Y.Doc) => void> = [
      (doc) => doc.getArray('sections').push(['not a map']),
      (doc) => {
        const entry = new Y.Map<unknown>()
        entry.set('id', 'iom')
        entry.set('kind', 'narrative')
        doc.getArray('sections').push([entry])
      },
      (doc) => doc.getMap('meta').set('script', 'x'),
      (doc) => doc.getMap('meta').set('status', 'gone'),
    ]
    for (const edit of cases) {
      const { live, guard } = setup()
      expectRefused(guard.judge(edited(live, edit), editor), closeForbidden, /outline/)
    }
  })

  it('lets an editor add a section with its bodies in one update', () => {
    const { live, guard } = setup()
    const verdict = guard.judge(
      edited(live, (doc) => {
        const entry = new Y.Map<unknown>()
        entry.set('id', 'annex')
        entry.set('kind', 'narrative')
        entry.set('heading_es', 'Anexo')
        entry.set('heading_en', 'Annex')
        doc.getArray('sections').push([entry])
        doc.getXmlFragment('es/annex').insert(0, [new Y.XmlElement('paragraph')])
      }),
      editor,
    )
    commit(live, verdict)
    // The owners map follows: a translator may now write the new section.
    commit(
      live,
      guard.judge(
        edited(live, (doc) =>
          (doc.getXmlFragment('es/annex').get(0) as Y.XmlElement).insert(0, [new Y.XmlText('Texto')]),
        ),
        translator,
      ),
    )
    expect(live.getXmlFragment('es/annex').toString()).toContain('Texto')
  })

  it('refuses a viewer before judging: new content, or a deletion', () => {
    const { live, guard } = setup()
    expectRefused(
      guard.judge(
        edited(live, (doc) => firstText(doc, 'en/iom').insert(0, 'v')),
        viewer,
      ),
      closeForbidden,
      /viewer/,
    )
    expectRefused(
      guard.judge(
        edited(live, (doc) => firstText(doc, 'en/iom').delete(0, 1)),
        viewer,
      ),
      closeForbidden,
      /viewer/,
    )
    // A stock viewer's sync step 2: what it has, which the server has too.
    expect(guard.judge(Y.encodeStateAsUpdate(live), viewer).kind).toBe('accepted')
  })

  it('refuses an update over the struct limit with 4413', () => {
    const live = reportToYDoc(testReport())
    const guard = new UpdateGuard({ live, queued: () => [], maxStructsPerUpdate: 10 })
    const update = edited(live, (doc) => {
      for (let i = 0; i < 20; i++) doc.getXmlFragment('es/iom').insert(0, [new Y.XmlElement('paragraph')])
    })
    expectRefused(guard.judge(update, editor), closeTooLarge)
  })

  it('says an update is missing what it builds on, naming the client, without keeping any of it', () => {
    const { live, guard } = setup()
    const client = new Y.Doc()
    client.clientID = 99
    Y.applyUpdate(client, Y.encodeStateAsUpdate(live))
    const changeOf = (edit: () => void): Uint8Array => {
      const before = Y.encodeStateVector(client)
      edit()
      return Y.encodeStateAsUpdate(client, before)
    }
    const first = changeOf(() => firstText(client, 'es/iom').insert(0, 'uno '))
    const second = changeOf(() => firstText(client, 'es/iom').insert(0, 'dos '))
    const verdict = guard.judge(second, iomAgency)
    expect(verdict).toMatchObject({ kind: 'missing', client: 99 })
    commit(live, guard.judge(first, iomAgency))
    commit(live, guard.judge(second, iomAgency))
    expect(firstText(live, 'es/iom').toString()).toBe('dos uno Actividades de la OIM')
  })

  it('repairs, as a change of its own, a list item emptied by two concurrent valid deletions', () => {
    const report = testReport()
    const list = {
      type: 'bullet_list',
      content: [
        {
          type: 'list_item',
          attrs: { id: 'l1' },
          content: [
            { type: 'paragraph', attrs: { id: 'p1' }, content: [{ type: 'text', text: 'one' }] },
            { type: 'paragraph', attrs: { id: 'p2' }, content: [{ type: 'text', text: 'two' }] },
          ],
        },
      ],
    }
    const sections = report.sections.map((section) =>
      section.id === 'iom' ? { ...section, es: { type: 'doc' as const, content: [list] } } : section,
    )
    const live = reportToYDoc({ ...report, sections })
    const guard = new UpdateGuard({ live, queued: () => [] })
    const item = (doc: Y.Doc) => (doc.getXmlFragment('es/iom').get(0) as Y.XmlElement).get(0) as Y.XmlElement
    // Each client deletes one of the item's two paragraphs: each leaves a valid item, together they empty it.
    const deleteFirst = edited(live, (doc) => item(doc).delete(0, 1))
    const deleteSecond = edited(live, (doc) => item(doc).delete(1, 1))
    commit(live, guard.judge(deleteFirst, iomAgency))
    const verdict = guard.judge(deleteSecond, iomAgency)
    expect(verdict.kind).toBe('accepted')
    expect(verdict.kind === 'accepted' && verdict.repair).toBeTruthy()
    commit(live, verdict)
    expect(readBody(live.getXmlFragment('es/iom')).problems).toEqual([])
  })
})
