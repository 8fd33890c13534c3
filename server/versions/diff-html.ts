// The side-by-side diff page: Spanish left, English right, one row per changed block, word
// insertions in <ins> and deletions in <del>. Everything from the document is escaped.

import type { BlockChange, RowChange } from '../../schema/diff/body-diff.ts'
import type { ReportDiff, SectionDiff } from '../../schema/diff/report-diff.ts'
import type { WordChange } from '../../schema/diff/word-diff.ts'
import { escapeHtml } from '../../schema/export/escape.ts'

const pageStyle = `
body{font-family:system-ui,sans-serif;margin:1.5rem auto;max-width:80rem;padding:0 1rem;color:#1b1b1b;line-height:1.45}
table{border-collapse:collapse;width:100%;table-layout:fixed;margin:.5rem 0 1.5rem}th,td{border:1px solid #bbb;padding:.35rem;vertical-align:top;text-align:left;white-space:pre-wrap}
th{background:#eee}ins{background:#d7f5dd;text-decoration:none}del{background:#fadcdc}
.meta{color:#555;font-size:.85rem}.note{color:#555;font-style:italic}
`

function wordsHtml(words: readonly WordChange[]): string {
  return words
    .map((word) =>
      word.op === 'insert'
        ? `<ins>${escapeHtml(word.text)}</ins>`
        : word.op === 'delete'
          ? `<del>${escapeHtml(word.text)}</del>`
          : escapeHtml(word.text),
    )
    .join('')
}

function changeCell(change: BlockChange | undefined): string {
  if (change === undefined) return '<td class="note">—</td>'
  const place =
    change.column !== undefined
      ? `<span class="meta">${escapeHtml(change.column)} · ${escapeHtml(change.change)}</span><br>`
      : `<span class="meta">${escapeHtml(change.change)}</span><br>`
  return `<td>${place}${wordsHtml(change.words)}</td>`
}

function rowNotes(rows: readonly RowChange[]): string {
  return rows
    .filter((row) => row.change !== 'changed')
    .map((row) => `${escapeHtml(row.change)} row ${escapeHtml(row.id)}`)
    .join('; ')
}

function sectionHtml(section: SectionDiff): string {
  const head = `<h2 lang="es">${escapeHtml(section.heading.es)}</h2><p class="meta" lang="en">${escapeHtml(section.heading.en)} · ${escapeHtml(section.change)} · ${escapeHtml(section.translation)}</p>`
  const rows = section.pairs.map((pair) => `<tr>${changeCell(pair.es)}${changeCell(pair.en)}</tr>`).join('')
  const notes = [rowNotes(section.es.rows), rowNotes(section.en.rows)]
  const noteRow = notes.some(Boolean)
    ? `<tr><td class="note">${notes[0]}</td><td class="note">${notes[1]}</td></tr>`
    : ''
  return `<section id="${escapeHtml(section.id)}">${head}<table><thead><tr><th lang="es">Español</th><th lang="en">English</th></tr></thead><tbody>${rows}${noteRow}</tbody></table></section>`
}

/** A standalone HTML page of `diff`, titled with the report and the two versions compared. */
export function diffHtml(diff: ReportDiff, title: string, from: string, to: string): string {
  const body =
    diff.sections.length === 0 ? '<p class="note">No differences.</p>' : diff.sections.map(sectionHtml).join('\n')
  return (
    `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${pageStyle}</style></head>` +
    `<body><h1>${escapeHtml(title)}</h1><p class="meta">${escapeHtml(from)} → ${escapeHtml(to)}</p>${body}</body></html>`
  )
}
