import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx'
import type { Language } from '../languages.ts'
import type { NodeJSON, Report, Section } from '../report.ts'
import { tableKinds } from '../table-kinds.ts'
import type { ExportLanguage } from './report-html.ts'

/** Schemes a link may keep when exported; anything else becomes plain text. */
const safeHref = /^(https?:|mailto:)/i

/** Builds the Word content of one document, keeping per-export state such as list numbering. */
class DocxWriter {
  /** Start values of ordered lists seen, each needing its own numbering definition. */
  readonly starts = new Set<number>([1])
  private instance = 0

  constructor(private readonly language: Language) {}

  private runs(node: NodeJSON): ParagraphChild[] {
    return (node.content ?? []).map((child) => {
      if (child.type === 'hard_break') return new TextRun({ break: 1 })
      const marks = new Set((child.marks ?? []).map((mark) => mark.type))
      const run = new TextRun({ text: child.text ?? '', bold: marks.has('strong'), italics: marks.has('em') })
      const link = (child.marks ?? []).find((mark) => mark.type === 'link')
      const href = String(link?.attrs?.['href'] ?? '')
      if (link && safeHref.test(href)) {
        return new ExternalHyperlink({
          link: href,
          children: [
            new TextRun({
              text: child.text ?? '',
              style: 'Hyperlink',
              bold: marks.has('strong'),
              italics: marks.has('em'),
            }),
          ],
        })
      }
      return run
    })
  }

  private list(node: NodeJSON, level: number): Array<Paragraph | Table> {
    const ordered = node.type === 'ordered_list'
    const start = Number(node.attrs?.['order']) || 1
    if (ordered) this.starts.add(start)
    const instance = ++this.instance
    return (node.content ?? []).flatMap((item) =>
      (item.content ?? []).flatMap((child, index): Array<Paragraph | Table> => {
        if (child.type !== 'paragraph') return this.blocks(child, level + 1)
        if (index > 0) return [new Paragraph({ children: this.runs(child), indent: { left: 720 * (level + 1) } })]
        return [
          new Paragraph({
            children: this.runs(child),
            ...(ordered
              ? { numbering: { reference: `ol-${start}`, level: Math.min(level, 8), instance } }
              : { bullet: { level: Math.min(level, 8) } }),
          }),
        ]
      }),
    )
  }

  private table(node: NodeJSON): Table {
    const kind = tableKinds[String(node.attrs?.['kind'])]
    const header = kind
      ? [
          new TableRow({
            tableHeader: true,
            children: kind.columns.map(
              (column) =>
                new TableCell({
                  children: [
                    new Paragraph({ children: [new TextRun({ text: column.heading[this.language], bold: true })] }),
                  ],
                }),
            ),
          }),
        ]
      : []
    const rows = (node.content ?? []).map(
      (row) =>
        new TableRow({
          children: (row.content ?? []).map((cell) => new TableCell({ children: this.cellContent(cell) })),
        }),
    )
    return new Table({ rows: [...header, ...rows], width: { size: 100, type: WidthType.PERCENTAGE } })
  }

  private cellContent(cell: NodeJSON): Array<Paragraph | Table> {
    const content = (cell.content ?? []).flatMap((child) => this.blocks(child, 0))
    return content.length ? content : [new Paragraph({})]
  }

  /** Word blocks for one ProseMirror block node. */
  blocks(node: NodeJSON, level = 0): Array<Paragraph | Table> {
    switch (node.type) {
      case 'doc':
        return (node.content ?? []).flatMap((child) => this.blocks(child, level))
      case 'paragraph':
        return [new Paragraph({ children: this.runs(node) })]
      case 'heading': {
        const headings = [
          HeadingLevel.HEADING_3,
          HeadingLevel.HEADING_4,
          HeadingLevel.HEADING_5,
          HeadingLevel.HEADING_6,
        ]
        return [
          new Paragraph({
            children: this.runs(node),
            heading: headings[Math.min(Math.max(Number(node.attrs?.['level']) || 3, 1), 4) - 1]!,
          }),
        ]
      }
      case 'bullet_list':
      case 'ordered_list':
        return this.list(node, level)
      case 'report_table':
        return [this.table(node)]
      default:
        return (node.content ?? []).flatMap((child) => this.blocks(child, level))
    }
  }

  /** The heading lines of a section: its groups, then its own heading. */
  sectionHeading(section: Section): Paragraph[] {
    const groups = section.groups.map((group) => group[this.language]).filter(Boolean)
    return [
      ...(groups.length
        ? [new Paragraph({ children: [new TextRun({ text: groups.join(' › '), italics: true, color: '555555' })] })]
        : []),
      new Paragraph({ text: section.heading[this.language], heading: HeadingLevel.HEADING_2 }),
    ]
  }
}

function numberingConfig(starts: Iterable<number>) {
  return [...starts].map((start) => ({
    reference: `ol-${start}`,
    levels: Array.from({ length: 9 }, (_, level) => ({
      level,
      format: LevelFormat.DECIMAL,
      text: `%${level + 1}.`,
      start: level === 0 ? start : 1,
      alignment: AlignmentType.START,
      style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
    })),
  }))
}

/**
 * A Word (.docx) document of `report`, the format the secretariat circulates: one language, or
 * both side by side (a two-column table, one row per section). Resolves to the file's bytes.
 */
export async function reportToDocx(
  report: Report,
  { language = 'both', subtitle }: { language?: ExportLanguage; subtitle?: string } = {},
): Promise<Uint8Array> {
  const es = new DocxWriter('es')
  const en = new DocxWriter('en')
  const title = language === 'both' ? `${report.meta.title.es} / ${report.meta.title.en}` : report.meta.title[language]
  const front: Array<Paragraph | Table> = [
    new Paragraph({ text: title, heading: HeadingLevel.TITLE }),
    ...(report.meta.symbol ? [new Paragraph({ text: report.meta.symbol })] : []),
    ...(subtitle ? [new Paragraph({ children: [new TextRun({ text: subtitle, italics: true })] })] : []),
  ]
  let body: Array<Paragraph | Table>
  if (language === 'both') {
    body = report.sections.map(
      (section) =>
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({
              children: [
                new TableCell({
                  width: { size: 50, type: WidthType.PERCENTAGE },
                  children: [...es.sectionHeading(section), ...es.blocks(section.es)],
                }),
                new TableCell({
                  width: { size: 50, type: WidthType.PERCENTAGE },
                  children: [...en.sectionHeading(section), ...en.blocks(section.en)],
                }),
              ],
            }),
          ],
        }),
    )
  } else {
    const writer = language === 'es' ? es : en
    body = report.sections.flatMap((section) => [
      ...writer.sectionHeading(section),
      ...writer.blocks(section[language]),
    ])
  }
  const document = new Document({
    title,
    creator: 'cotejo',
    numbering: { config: numberingConfig(new Set([...es.starts, ...en.starts])) },
    sections: [{ children: [...front, ...body] }],
  })
  return new Uint8Array(await Packer.toArrayBuffer(document))
}
