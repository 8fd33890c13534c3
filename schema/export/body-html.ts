import type { Language } from '../languages.ts'
import type { NodeJSON } from '../report.ts'
import { tableKinds } from '../table-kinds.ts'
import { escapeHtml } from './escape.ts'

/** Schemes a link may keep when exported; anything else is rendered as plain text. */
const safeHref = /^(https?:|mailto:)/i

function attr(name: string, value: unknown): string {
  return ` ${name}="${escapeHtml(String(value))}"`
}

function idAttr(node: NodeJSON): string {
  const id = node.attrs?.['id']
  return typeof id === 'string' ? attr('data-block-id', id) : ''
}

function inlineHtml(node: NodeJSON): string {
  if (node.type === 'hard_break') return '<br>'
  let html = escapeHtml(node.text ?? '')
  for (const mark of node.marks ?? []) {
    if (mark.type === 'strong') html = `<strong>${html}</strong>`
    else if (mark.type === 'em') html = `<em>${html}</em>`
    else if (mark.type === 'link') {
      const href = String(mark.attrs?.['href'] ?? '')
      if (safeHref.test(href)) html = `<a${attr('href', href)} rel="noopener noreferrer">${html}</a>`
    }
  }
  return html
}

function childrenHtml(node: NodeJSON, language: Language): string {
  return (node.content ?? []).map((child) => nodeHtml(child, language)).join('')
}

function tableHtml(node: NodeJSON, language: Language): string {
  const kind = tableKinds[String(node.attrs?.['kind'])]
  const head = kind
    ? `<thead><tr>${kind.columns.map((column) => `<th scope="col">${escapeHtml(column.heading[language])}</th>`).join('')}</tr></thead>`
    : ''
  return `<table class="report-table"${attr('data-table-kind', node.attrs?.['kind'] ?? '')}${idAttr(node)}>${head}<tbody>${childrenHtml(node, language)}</tbody></table>`
}

/**
 * HTML for one ProseMirror node of a section body. Text and attributes are escaped: imported and
 * typed text is data, never markup. Unknown node types render their children only.
 */
export function nodeHtml(node: NodeJSON, language: Language): string {
  switch (node.type) {
    case 'doc':
      return childrenHtml(node, language)
    case 'paragraph':
      return `<p${idAttr(node)}>${childrenHtml(node, language)}</p>`
    case 'heading': {
      const level = Math.min(Math.max(Number(node.attrs?.['level']) || 3, 1), 4) + 2
      return `<h${level}${idAttr(node)}>${childrenHtml(node, language)}</h${level}>`
    }
    case 'bullet_list':
      return `<ul>${childrenHtml(node, language)}</ul>`
    case 'ordered_list': {
      const order = Number(node.attrs?.['order']) || 1
      return `<ol${order === 1 ? '' : attr('start', order)}>${childrenHtml(node, language)}</ol>`
    }
    case 'list_item':
      return `<li${idAttr(node)}>${childrenHtml(node, language)}</li>`
    case 'report_table':
      return tableHtml(node, language)
    case 'table_row':
      return `<tr${idAttr(node)}>${childrenHtml(node, language)}</tr>`
    case 'table_cell':
      return `<td${attr('data-column', node.attrs?.['column'] ?? '')}>${childrenHtml(node, language)}</td>`
    case 'text':
    case 'hard_break':
      return inlineHtml(node)
    default:
      return childrenHtml(node, language)
  }
}
