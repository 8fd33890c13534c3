// The benchmark's reference page: the same report content rendered and editable with
// prosemirror-view alone — no Yjs, no Lit, no server round trip. See bench/rows/browser-rows.ts.
import { baseKeymap } from 'prosemirror-commands'
import { history, redo, undo } from 'prosemirror-history'
import { keymap } from 'prosemirror-keymap'
import { Node } from 'prosemirror-model'
import { EditorState } from 'prosemirror-state'
import { EditorView } from 'prosemirror-view'
import { schema } from '../../../schema/prosemirror-schema.ts'
import type { Report } from '../../../schema/report.ts'

const report = (await (await fetch('./report.json')).json()) as Report
const main = document.getElementById('report')!
for (const section of report.sections) {
  const row = document.createElement('section')
  row.className = 'row'
  row.id = section.id
  main.append(row)
  for (const language of ['es', 'en'] as const) {
    const pane = document.createElement('div')
    pane.lang = language
    const heading = document.createElement('h2')
    heading.textContent = section.heading[language]
    pane.append(heading)
    row.append(pane)
    new EditorView(pane, {
      state: EditorState.create({
        doc: Node.fromJSON(schema, section[language]),
        plugins: [history(), keymap({ 'Mod-z': undo, 'Mod-y': redo }), keymap(baseKeymap)],
      }),
    })
  }
}
