import type { NodeJSON } from '../report.ts'
import type { SourceLine } from './lines.ts'
import type { ParsedBlock } from './parsed.ts'

/** "12. Text": a number typed before a list item (letters, quotes or brackets start the text). */
const orderedItem = /^(\d{1,3})[.)]\s*([\p{L}"“«¿¡(].*)$/u
/** "12." alone on its line: the item's text follows on the next line. */
const orderedMarker = /^(\d{1,3})[.)]$/
/** Bullet characters used by the originals (middle dot, bullet, asterisk, Symbol-font bullets, …). */
const bulletItem = /^(?:[·•*▪◦‣●○■□➢►\uf0b7\uf0a7]|-(?=\s))\s*(.*)$/u

/** The list marker a line starts with, and the rest of the line. */
function listMarker(text: string): { list: 'bullet' | 'ordered'; number?: number; rest: string } | undefined {
  const ordered = orderedItem.exec(text)
  if (ordered) return { list: 'ordered', number: Number(ordered[1]), rest: ordered[2]!.trim() }
  const marker = orderedMarker.exec(text)
  if (marker) return { list: 'ordered', number: Number(marker[1]), rest: '' }
  const bullet = bulletItem.exec(text)
  if (bullet) return { list: 'bullet', rest: bullet[1]!.trim() }
  return undefined
}

/**
 * The blocks of a run of lines: every non-blank line is a paragraph or, when it starts with a
 * number or a bullet, a list item without the marker. A marker alone on its line takes the text of
 * the next line; a marker that nothing follows is dropped (an empty item carries nothing).
 */
export function linesToBlocks(lines: readonly SourceLine[]): ParsedBlock[] {
  const blocks: ParsedBlock[] = []
  let pending: { list: 'bullet' | 'ordered'; number?: number; line: number } | undefined
  for (const line of lines) {
    const text = line.text.trim()
    if (text === '') continue
    const marker = listMarker(text)
    if (marker && marker.rest === '') {
      pending = {
        list: marker.list,
        line: line.line,
        ...(marker.number !== undefined ? { number: marker.number } : {}),
      }
      continue
    }
    if (pending && !marker) {
      blocks.push({
        type: 'list_item',
        text,
        list: pending.list,
        line: pending.line,
        ...(pending.number !== undefined ? { number: pending.number } : {}),
      })
      pending = undefined
      continue
    }
    pending = undefined
    if (marker) {
      blocks.push({
        type: 'list_item',
        text: marker.rest,
        list: marker.list,
        line: line.line,
        ...(marker.number !== undefined ? { number: marker.number } : {}),
      })
    } else {
      blocks.push({ type: 'paragraph', text, line: line.line })
    }
  }
  return blocks
}

function inline(text: string): NodeJSON[] | undefined {
  return text === '' ? undefined : [{ type: 'text', text }]
}

function paragraph(id: string, text: string): NodeJSON {
  const content = inline(text)
  return content ? { type: 'paragraph', attrs: { id }, content } : { type: 'paragraph', attrs: { id } }
}

/**
 * ProseMirror JSON for `blocks`: consecutive list items of one kind form one list; an ordered list
 * starts at the first item's number and a new list starts where the numbering jumps, so the
 * numbers of the original are kept by `order`. Blocks without an id get one from `newId`, and so
 * does the paragraph inside each list item.
 */
export function blocksToNodes(blocks: readonly ParsedBlock[], newId: () => string): NodeJSON[] {
  const nodes: NodeJSON[] = []
  let list: { type: 'bullet' | 'ordered'; next: number; items: NodeJSON[]; order: number } | undefined
  const close = (): void => {
    if (!list) return
    nodes.push(
      list.type === 'bullet'
        ? { type: 'bullet_list', content: list.items }
        : { type: 'ordered_list', attrs: { order: list.order }, content: list.items },
    )
    list = undefined
  }
  for (const block of blocks) {
    const id = block.id ?? newId()
    if (block.type !== 'list_item') {
      close()
      if (block.type === 'heading') {
        const content = inline(block.text)
        const attrs = { id, level: block.level ?? 2 }
        nodes.push(content ? { type: 'heading', attrs, content } : { type: 'heading', attrs })
      } else {
        nodes.push(paragraph(id, block.text))
      }
      continue
    }
    const type = block.list ?? 'bullet'
    const number = block.number ?? 1
    if (!list || list.type !== type || (type === 'ordered' && number !== list.next)) {
      close()
      list = { type, next: number, items: [], order: number }
    }
    list.items.push({ type: 'list_item', attrs: { id }, content: [paragraph(block.innerId ?? newId(), block.text)] })
    list.next = number + 1
  }
  close()
  return nodes
}

/** The plain text of blocks, one block per line (for matching and alignment). */
export function blocksText(blocks: readonly ParsedBlock[]): string {
  return blocks.map((block) => block.text).join('\n')
}
