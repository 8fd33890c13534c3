// Reading a section body out of its Y.XmlFragment without changing it, and saying what in it does
// not fit the schema (design.md, "The server is the guard"). y-prosemirror's own conversion deletes
// from the Y.Doc whatever it cannot parse; this one only reads.

import { Fragment, type Mark, type Node, type NodeType, type MarkType } from 'prosemirror-model'
import * as Y from 'yjs'
import { schema } from './prosemirror-schema.ts'
import type { DocJSON } from './report.ts'
import { tableKinds } from './table-kinds.ts'
import { hasMapEntries } from './ytype-content.ts'
import { errorMessage } from './error-message.ts'

/**
 * Something in a body that does not fit the schema.
 * - `foreign`: content no edit in the editor and no merge of such edits can make (an unknown node,
 *   attribute or mark, a `javascript:` link, text where no text may be, an embedded value). It can
 *   only come from the update that brought it.
 * - `structure`: a node whose children do not fit its content (an emptied list item, a table row
 *   whose cells are not its table's columns, a repeated block id). Two concurrent valid edits can
 *   merge into this, so it is repaired rather than blamed on whoever came second.
 */
export interface BodyProblem {
  readonly kind: 'foreign' | 'structure'
  /** Where it is, as a path of node names and indexes: `doc > report_table[0] > table_row[2]`. */
  readonly path: string
  /** What is wrong, for a person. */
  readonly message: string
  /** The element whose content or attributes are wrong (the fragment itself at the top). */
  readonly element: Y.XmlElement | Y.XmlFragment
}

/** A body read from its fragment. */
export interface BodyReading {
  /** The body as ProseMirror JSON; undefined when a foreign problem was found and reading was not lenient. */
  readonly doc: DocJSON | undefined
  /** The ProseMirror node read, possibly with structure problems; undefined with the doc. */
  readonly node: Node | undefined
  /** What does not fit, in document order (foreign problems stop the reading of their node). */
  readonly problems: readonly BodyProblem[]
}

/** Block ids: the importer's and the editor's are short letters-and-digits; anything else is not one of ours. */
const blockIdPattern = /^[A-Za-z0-9_-]{1,64}$/

/** Node types that may appear as children of each node type (anywhere in its content expression). */
const allowedChildren = new Map<NodeType, ReadonlySet<NodeType>>()
for (const type of Object.values(schema.nodes)) {
  const allowed = new Set<NodeType>()
  const seen = new Set<unknown>()
  const visit = (match: NodeType['contentMatch']): void => {
    if (seen.has(match)) return
    seen.add(match)
    for (let i = 0; i < match.edgeCount; i++) {
      const edge = match.edge(i)
      allowed.add(edge.type)
      visit(edge.next)
    }
  }
  visit(type.contentMatch)
  allowedChildren.set(type, allowed)
}

type AttrSpec = { default?: unknown; validate?: string | ((value: unknown) => void) }

/** Why `value` is not valid for the attribute spec `spec`, or undefined when it is. */
function attrProblem(name: string, spec: AttrSpec, value: unknown): string | undefined {
  if (value !== null && typeof value === 'object') return `attribute "${name}" holds an object`
  if (name === 'id' && value !== null && (typeof value !== 'string' || !blockIdPattern.test(value)))
    return `block id ${JSON.stringify(value)} is not letters, digits, - or _ (1 to 64)`
  const { validate } = spec
  if (typeof validate === 'string') {
    const types = validate.split('|')
    if (!types.includes(value === null ? 'null' : typeof value))
      return `attribute "${name}" must be ${validate}, got ${JSON.stringify(value)}`
  } else if (typeof validate === 'function') {
    try {
      validate(value)
    } catch (error) {
      return errorMessage(error)
    }
  }
  return undefined
}

/**
 * Attributes checked against `specs`, with defaults filled in. The first problem found goes to
 * `problem`; then, when `lenient`, the bad attribute is left out (its default taken) and reading
 * goes on, else undefined is returned. Undefined also when a required attribute is missing.
 */
function readAttrs(
  specs: Readonly<Record<string, AttrSpec>>,
  given: Record<string, unknown>,
  what: string,
  problem: (message: string) => void,
  lenient: boolean,
): Record<string, unknown> | undefined {
  const attrs: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(given)) {
    const spec = specs[name]
    const why = spec === undefined ? `${what} has no attribute "${name}"` : attrProblem(name, spec, value)
    if (why !== undefined) {
      problem(spec === undefined ? why : `${what}: ${why}`)
      if (!lenient) return undefined
      continue
    }
    attrs[name] = value
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (name in attrs) continue
    if (!('default' in spec)) {
      problem(`${what} lacks its attribute "${name}"`)
      return undefined
    }
    attrs[name] = spec.default
  }
  return attrs
}

class Reader {
  readonly problems: BodyProblem[] = []
  private foreignFound = false

  /** `lenient`: go on past foreign content, leaving it out of what is read. */
  constructor(private readonly lenient: boolean) {}

  foreign(element: Y.XmlElement | Y.XmlFragment, path: string, message: string): void {
    this.foreignFound = true
    this.problems.push({ kind: 'foreign', path, message, element })
  }

  /** True when reading must stop here (a foreign problem, and not lenient). */
  get stop(): boolean {
    return this.foreignFound && !this.lenient
  }

  /** The text nodes of an XmlText, or undefined when reading stops. */
  text(parent: Y.XmlElement, text: Y.XmlText, path: string): Node[] | undefined {
    if (hasMapEntries(text)) this.foreign(parent, path, 'a text holds attributes')
    if (this.stop) return undefined
    const nodes: Node[] = []
    for (const op of text.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
      if (typeof op.insert !== 'string' || op.insert.length === 0) {
        this.foreign(parent, path, typeof op.insert === 'string' ? 'an empty text' : 'a text holds an embedded object')
        if (this.stop) return undefined
        continue
      }
      const marks: Mark[] = []
      for (const [name, value] of Object.entries(op.attributes ?? {})) {
        const type: MarkType | undefined = schema.marks[name]
        const problem = (message: string): void => this.foreign(parent, path, message)
        if (type === undefined) problem(`unknown mark "${name}"`)
        else if (value === null || typeof value !== 'object' || Array.isArray(value))
          problem(`mark "${name}" has no attributes object`)
        else {
          const attrs = readAttrs(
            type.spec.attrs ?? {},
            value as Record<string, unknown>,
            `mark "${name}"`,
            problem,
            this.lenient,
          )
          if (attrs !== undefined) marks.push(type.create(attrs))
        }
        if (this.stop) return undefined
      }
      nodes.push(schema.text(op.insert, marks.length > 0 ? marks : undefined))
    }
    return nodes
  }

  /** The children of `parent` (of node type `type`), or undefined when reading stops. */
  children(parent: Y.XmlElement | Y.XmlFragment, type: NodeType, path: string): Node[] | undefined {
    const allowed = allowedChildren.get(type)!
    const nodes: Node[] = []
    let index = 0
    for (const child of parent.toArray() as unknown[]) {
      const at = `${path}[${index++}]`
      if (child instanceof Y.XmlText) {
        if (!type.inlineContent || !(parent instanceof Y.XmlElement))
          this.foreign(parent, path, `text directly in ${type.name}`)
        else {
          const texts = this.text(parent, child, at)
          if (texts !== undefined) nodes.push(...texts)
        }
      } else if (child instanceof Y.XmlElement) {
        const childType = schema.nodes[child.nodeName]
        if (childType === undefined || childType.isText || childType === schema.topNodeType)
          this.foreign(parent, path, `unknown node "${child.nodeName.slice(0, 40)}"`)
        else if (!allowed.has(childType)) this.foreign(parent, path, `${childType.name} cannot be inside ${type.name}`)
        else {
          const node = this.element(child, childType, `${path} > ${childType.name}`)
          if (node !== undefined) nodes.push(node)
        }
      } else {
        this.foreign(parent, path, `${type.name} holds something that is neither a node nor text`)
      }
      if (this.stop) return undefined
    }
    return nodes
  }

  element(element: Y.XmlElement, type: NodeType, path: string): Node | undefined {
    const attrs = readAttrs(
      type.spec.attrs ?? {},
      element.getAttributes() as Record<string, unknown>,
      type.name,
      (message) => this.foreign(element, path, message),
      this.lenient,
    )
    if (attrs === undefined || this.stop) return undefined
    const children = this.children(element, type, path)
    if (children === undefined) return undefined
    const content = Fragment.from(children)
    if (!type.validContent(content))
      this.problems.push({
        kind: 'structure',
        path,
        message: `${type.name} cannot hold ${children.map((child) => child.type.name).join(', ') || 'nothing'}`,
        element,
      })
    if (type.name === 'report_table') this.checkColumns(element, attrs['kind'] as string, children, path)
    return type.create(attrs, content)
  }

  checkColumns(element: Y.XmlElement, kind: string, rows: readonly Node[], path: string): void {
    const columns = tableKinds[kind]!.columns.map((column) => column.id).join('|')
    const rowElements = element
      .toArray()
      .filter((child) => child instanceof Y.XmlElement && child.nodeName === 'table_row')
    rows.forEach((row, index) => {
      const cells: string[] = []
      row.forEach((cell) => cells.push(cell.attrs['column'] as string))
      if (cells.join('|') !== columns) {
        this.problems.push({
          kind: 'structure',
          path: `${path} > table_row[${index}]`,
          message: `a "${kind}" table row has columns [${cells.join(', ')}], expected [${columns.split('|').join(', ')}]`,
          element: (rowElements[index] as Y.XmlElement | undefined) ?? element,
        })
      }
    })
  }
}

/** The smallest valid body: one empty paragraph (how a never-written fragment reads). */
export function emptyBody(): Node {
  return schema.topNodeType.createAndFill()!
}

/** Options of {@link readBody}. */
export interface ReadBodyOptions {
  /**
   * Go on past foreign content, leaving it out of what is read (for showing and repairing a body
   * stored before the guard checked bodies). Default false: reading stops at the first foreign
   * problem and no body is returned.
   */
  readonly lenient?: boolean
}

/**
 * Reads a section body from `fragment` without changing anything in the Y.Doc, and lists what in
 * it does not fit the schema: node types, attributes (block ids, heading levels, table kinds),
 * marks and link targets, the content of every node, the columns of every table row, unique block
 * ids. An empty fragment reads as one empty paragraph.
 */
export function readBody(fragment: Y.XmlFragment, { lenient = false }: ReadBodyOptions = {}): BodyReading {
  const reader = new Reader(lenient)
  if (hasMapEntries(fragment)) reader.foreign(fragment, 'doc', 'the body holds attributes')
  const children = reader.stop ? undefined : reader.children(fragment, schema.topNodeType, 'doc')
  if (children === undefined || reader.stop) return { doc: undefined, node: undefined, problems: reader.problems }
  const node = children.length === 0 ? emptyBody() : schema.topNodeType.create(null, children)
  if (children.length > 0 && !schema.topNodeType.validContent(node.content)) {
    reader.problems.push({
      kind: 'structure',
      path: 'doc',
      message: 'the body cannot hold what it holds',
      element: fragment,
    })
  }
  const seen = new Set<string>()
  node.descendants((child, pos) => {
    const id = child.attrs['id']
    if (typeof id === 'string' && child.type.name !== 'report_table') {
      if (seen.has(id))
        reader.problems.push({
          kind: 'structure',
          path: `doc @${pos}`,
          message: `block id "${id}" appears twice`,
          element: fragment,
        })
      seen.add(id)
    }
    return true
  })
  return { doc: node.toJSON() as DocJSON, node, problems: reader.problems }
}

/**
 * The problems of one text of a body and nothing else: its marks, attributes and embedded content,
 * and that its parent is a node that holds text. For a change that only typed, deleted or
 * formatted characters, this is all of the body that can have become unfit.
 */
export function readText(text: Y.XmlText): readonly BodyProblem[] {
  const reader = new Reader(false)
  const parent = text.parent
  if (!(parent instanceof Y.XmlElement)) {
    reader.foreign(
      parent instanceof Y.XmlFragment ? parent : (text as unknown as Y.XmlFragment),
      'doc',
      'text directly in a body',
    )
    return reader.problems
  }
  const type = schema.nodes[parent.nodeName]
  if (type === undefined || !type.inlineContent)
    reader.foreign(parent, parent.nodeName, `text directly in ${parent.nodeName}`)
  else reader.text(parent, text, parent.nodeName)
  return reader.problems
}
