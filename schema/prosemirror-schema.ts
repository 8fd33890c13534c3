import { Schema, type DOMOutputSpec, type MarkSpec, type NodeSpec } from 'prosemirror-model'
import { tableKinds } from './table-kinds.ts'

// The schema of one section body in one language. Node names follow ProseMirror's snake_case.

const pDOM: DOMOutputSpec = ['p', 0]
const brDOM: DOMOutputSpec = ['br']
const ulDOM: DOMOutputSpec = ['ul', 0]
const strongDOM: DOMOutputSpec = ['strong', 0]
const emDOM: DOMOutputSpec = ['em', 0]

/** Attribute spec of a stable block id: a string, or null until the block-id plugin assigns one. */
const blockId = { default: null, validate: 'string|null' }

/** Schemes a link may point to; anything else (javascript:, data:) is refused. */
const linkSchemes = /^(https?:|mailto:)/i

function blockIdOf(dom: HTMLElement): { id: string | null } {
  return { id: dom.getAttribute('data-block-id') }
}

function withBlockId(id: unknown): Record<string, string> {
  return typeof id === 'string' ? { 'data-block-id': id } : {}
}

/** The node specs, in the order the schema lists them (the first block type is the default). */
export const nodes: Record<string, NodeSpec> = {
  // The body of a section in one language.
  doc: { content: 'block+' },

  // A paragraph of text.
  paragraph: {
    attrs: { id: blockId },
    content: 'inline*',
    group: 'block',
    parseDOM: [{ tag: 'p', getAttrs: blockIdOf }],
    toDOM: (node) => (node.attrs['id'] ? ['p', withBlockId(node.attrs['id']), 0] : pDOM),
  },

  // A heading inside a section body, level 1 to 4 (the section's own heading is not part of its body).
  heading: {
    attrs: {
      id: blockId,
      level: {
        default: 3,
        validate(value: unknown) {
          if (value !== 1 && value !== 2 && value !== 3 && value !== 4) {
            throw new RangeError(`Heading level must be 1 to 4, got ${String(value)}`)
          }
        },
      },
    },
    content: 'inline*',
    group: 'block',
    defining: true,
    parseDOM: [1, 2, 3, 4, 5, 6].map((level) => ({
      tag: `h${level}`,
      getAttrs: (dom: HTMLElement) => ({ ...blockIdOf(dom), level: Math.min(Math.max(level - 1, 1), 4) }),
    })),
    toDOM: (node) => [`h${(node.attrs['level'] as number) + 1}`, withBlockId(node.attrs['id']), 0],
  },

  // A bulleted list.
  bullet_list: {
    content: 'list_item+',
    group: 'block',
    parseDOM: [{ tag: 'ul' }],
    toDOM: () => ulDOM,
  },

  // A numbered list; `order` is the number of its first item.
  ordered_list: {
    attrs: { order: { default: 1, validate: 'number' } },
    content: 'list_item+',
    group: 'block',
    parseDOM: [
      {
        tag: 'ol',
        getAttrs: (dom: HTMLElement) => ({
          order: dom.hasAttribute('start') ? Number(dom.getAttribute('start')) || 1 : 1,
        }),
      },
    ],
    toDOM: (node) => (node.attrs['order'] === 1 ? ['ol', 0] : ['ol', { start: node.attrs['order'] as number }, 0]),
  },

  // One item of a list: a paragraph, possibly followed by more paragraphs and nested lists.
  list_item: {
    attrs: { id: blockId },
    content: 'paragraph (paragraph | bullet_list | ordered_list)*',
    defining: true,
    parseDOM: [{ tag: 'li', getAttrs: blockIdOf }],
    toDOM: (node) => ['li', withBlockId(node.attrs['id']), 0],
  },

  // A table with the fixed columns of its kind (an actor's activities, a work plan's actions, …).
  report_table: {
    attrs: {
      id: { default: null, validate: 'string|null' },
      kind: {
        default: 'actor',
        validate(value: unknown) {
          if (typeof value !== 'string' || !(value in tableKinds)) {
            throw new RangeError(`Unknown table kind ${JSON.stringify(value)}`)
          }
        },
      },
    },
    content: 'table_row+',
    group: 'block',
    isolating: true,
    parseDOM: [
      {
        tag: 'table[data-table-kind]',
        getAttrs: (dom: HTMLElement) => {
          const kind = dom.getAttribute('data-table-kind') ?? ''
          return kind in tableKinds ? { kind, id: dom.getAttribute('data-block-id') } : false
        },
      },
    ],
    toDOM: (node) => [
      'table',
      { 'data-table-kind': node.attrs['kind'] as string, ...withBlockId(node.attrs['id']) },
      ['tbody', 0],
    ],
  },

  // One row of a report table; its id aligns it with the same row in the other language.
  table_row: {
    attrs: { id: blockId },
    content: 'table_cell+',
    parseDOM: [{ tag: 'tr', getAttrs: blockIdOf }],
    toDOM: (node) => ['tr', withBlockId(node.attrs['id']), 0],
  },

  // One cell; `column` is the id of its column in the table kind's column set.
  table_cell: {
    attrs: { column: { default: '', validate: 'string' } },
    content: '(paragraph | bullet_list | ordered_list)+',
    isolating: true,
    parseDOM: [
      {
        tag: 'td[data-column]',
        getAttrs: (dom: HTMLElement) => ({ column: dom.getAttribute('data-column') }),
      },
    ],
    toDOM: (node) => ['td', { 'data-column': node.attrs['column'] as string }, 0],
  },

  // Text.
  text: { group: 'inline' },

  // A line break inside a paragraph.
  hard_break: {
    inline: true,
    group: 'inline',
    selectable: false,
    parseDOM: [{ tag: 'br' }],
    toDOM: () => brDOM,
  },
}

/** The mark specs. */
export const marks: Record<string, MarkSpec> = {
  // A link to the web or an e-mail address.
  link: {
    attrs: {
      href: {
        validate(value: unknown) {
          if (typeof value !== 'string' || !linkSchemes.test(value)) {
            throw new RangeError(`Links must be http(s) or mailto addresses, got ${JSON.stringify(value)}`)
          }
        },
      },
      title: { default: null, validate: 'string|null' },
    },
    inclusive: false,
    parseDOM: [
      {
        tag: 'a[href]',
        getAttrs: (dom: HTMLElement) => {
          const href = dom.getAttribute('href') ?? ''
          return linkSchemes.test(href) ? { href, title: dom.getAttribute('title') } : false
        },
      },
    ],
    toDOM: (mark) => [
      'a',
      { href: mark.attrs['href'] as string, title: mark.attrs['title'] as string | null, rel: 'noopener noreferrer' },
      0,
    ],
  },

  // Italic.
  em: {
    parseDOM: [{ tag: 'i' }, { tag: 'em' }, { style: 'font-style=italic' }],
    toDOM: () => emDOM,
  },

  // Bold.
  strong: {
    parseDOM: [
      { tag: 'strong' },
      { tag: 'b', getAttrs: (node: HTMLElement) => node.style.fontWeight !== 'normal' && null },
      { style: 'font-weight', getAttrs: (value: string) => /^(bold(er)?|[5-9]\d{2,})$/.test(value) && null },
    ],
    toDOM: () => strongDOM,
  },
}

/** The ProseMirror schema of a section body. */
export const schema = new Schema({ nodes, marks })
