import type { Language } from '../languages.ts'
import { actorTable } from '../table-kinds.ts'
import { linesToBlocks } from './blocks.ts'
import { readEnumerator, readRomanHeading, recogniseActor, romanValue } from './headings.ts'
import { isBlank, type SourceLine } from './lines.ts'
import { narrativeKey } from './narrative-headings.ts'
import type { ParsedSection } from './parsed.ts'
import type { ImportWarning } from './types.ts'

/** Group headings are short: a longer cell between two actors is content that lost its place. */
const maxGroupHeadingLength = 150

/** The actor-table column a column-heading cell names, or undefined when it is not a heading. */
export function actorColumnHeading(text: string): 'mandate' | 'programmed' | 'executed' | 'financing' | undefined {
  const t = text.trim()
  if (/^(actividades enunciadas|activities stated)/i.test(t)) return 'mandate'
  if (/^(actividades programadas|programmed activities|activities programmed)/i.test(t)) return 'programmed'
  if (/^(actividades realizadas|activities developed)/i.test(t)) return 'executed'
  if (/^(tipo de financiamiento|type of financing)/i.test(t)) return 'financing'
  return undefined
}

/** The body of an annual report, read: its sections, table years, and what was irregular. */
export interface AnnualBody {
  readonly sections: ParsedSection[]
  /** The years in the first table's programmed and planned column headings. */
  readonly years: string[]
  /** True when a column heading row was found. */
  readonly sawTable: boolean
  /** Why the text seems cut off inside a table, when it does: it ends in column headings or in an actor's first cells. */
  readonly cutOff?: string
}

interface OpenActor {
  readonly actor: string
  readonly heading: string
  readonly numbering: string
  readonly groups: string[]
  readonly line: number
  readonly columns: string[]
  readonly cells: SourceLine[][]
  /** Lines after the heading before any cell: the content of a table written without tabs. */
  readonly loose: SourceLine[]
}

interface OpenNarrative {
  readonly title: string
  readonly heading: string
  readonly numeral: string
  readonly line: number
  readonly lines: SourceLine[]
}

/**
 * Read the body of an annual report (after the title): Roman-numbered narrative sections, and
 * between them the actor tables. A table cell starts with a tab and runs until the next tab line;
 * column headings, group headings and actor headings come between actors; an actor's cells fill
 * the columns named by the last column headings, in order.
 */
export function readAnnualBody(
  lines: readonly SourceLine[],
  language: Language,
  warnings: ImportWarning[],
): AnnualBody {
  const sections: ParsedSection[] = []
  const years: string[] = []
  let sawTable = false
  let narrative: OpenNarrative | undefined
  let actor: OpenActor | undefined
  let mode: 'narrative' | 'table' = 'narrative'
  let lastNumeral = 0
  let groups: Array<{ text: string; level: number }> = []
  let header: { columns: string[]; texts: string[] } = { columns: [], texts: [] }
  let inHeader = false
  let firstHeaderDone = false
  const used = new Set<string>()

  const warn = (warning: Omit<ImportWarning, 'language'>): void => {
    warnings.push({ ...warning, language })
  }
  const uniqueKey = (key: string): string => {
    let unique = key
    for (let n = 2; used.has(unique); n++) unique = `${key}-${n}`
    used.add(unique)
    return unique
  }
  const closeNarrative = (): void => {
    if (!narrative) return
    sections.push({
      kind: 'narrative',
      heading: narrative.heading,
      numbering: narrative.numeral,
      key: uniqueKey(narrativeKey(narrative.title, language)),
      groups: [],
      items: linesToBlocks(narrative.lines),
      line: narrative.line,
    })
    narrative = undefined
  }
  const complete = (open: OpenActor): boolean => open.cells.length >= open.columns.length
  const closeActor = (): void => {
    if (!actor) return
    const open = actor
    actor = undefined
    const unsplit = open.cells.length === 0 && open.loose.some((line) => !isBlank(line))
    if (unsplit) open.cells.push(open.loose)
    else if (open.cells.length < open.columns.length) {
      warn({
        code: 'irregular-table',
        line: open.line,
        section: open.actor,
        message: `The table of "${open.heading}" has ${open.cells.length} cells where its column headings name ${open.columns.length}; the missing cells were left empty`,
      })
    }
    const cells = actorTable.columns.map((column) => {
      const index = open.columns.indexOf(column.id)
      return index >= 0 && open.cells[index] ? linesToBlocks(open.cells[index]!) : []
    })
    sections.push({
      kind: 'actor',
      actor: open.actor,
      heading: open.heading,
      numbering: open.numbering,
      key: open.actor,
      groups: open.groups,
      items: [
        {
          type: 'table',
          kind: actorTable.id,
          rows: [{ cells, line: open.line, ...(unsplit ? { unsplit } : {}) }],
          line: open.line,
        },
      ],
      line: open.line,
    })
  }
  const addGroup = (text: string, enumerated: boolean): void => {
    const level = enumerated ? 2 : 1
    groups = [...groups.filter((group) => group.level < level), { text, level }]
  }
  const columnsFromHeader = (): string[] => {
    const found = header.columns
    const columns: string[] = []
    for (const column of found) {
      if (column === 'programmed' && columns.includes('programmed')) columns.push('planned')
      else columns.push(column)
    }
    return columns.length > 0 ? columns : actorTable.columns.map((column) => column.id)
  }
  const nextNonBlank = (index: number): SourceLine | undefined => {
    for (let i = index + 1; i < lines.length; i++) if (!isBlank(lines[i]!)) return lines[i]
    return undefined
  }

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    const text = line.text.trim()

    if (!line.cell && text !== '') {
      const roman = readRomanHeading(text)
      if (roman && (mode === 'narrative' || romanValue(roman.numeral) === lastNumeral + 1)) {
        closeActor()
        closeNarrative()
        mode = 'narrative'
        lastNumeral = romanValue(roman.numeral)
        narrative = { title: roman.title, heading: text, numeral: roman.numeral, line: line.line, lines: [] }
        continue
      }
    }
    if (mode === 'narrative') {
      if (!line.cell) {
        if (!narrative && text !== '') {
          const title = language === 'es' ? 'Introducción' : 'Introduction'
          narrative = { title, heading: '', numeral: '', line: line.line, lines: [] }
        }
        narrative?.lines.push(line)
        continue
      }
      closeNarrative()
      mode = 'table'
    }
    if (isBlank(line)) {
      // An empty cell holds a column's place; outside an actor's cells it is only spacing.
      if (line.cell && !inHeader && actor && !complete(actor)) actor.cells.push([])
      continue
    }

    const column = line.cell ? actorColumnHeading(text) : undefined
    if (column && (!actor || actor.cells.length === 0 || complete(actor))) {
      if (!inHeader) header = { columns: [], texts: [] }
      inHeader = true
      sawTable = true
      header.columns.push(column)
      header.texts.push(text)
      continue
    }
    if (inHeader && !line.cell) {
      header.texts[header.texts.length - 1] += ` ${text}`
      continue
    }
    if (inHeader) {
      inHeader = false
      if (!firstHeaderDone) {
        firstHeaderDone = true
        for (const headerText of header.texts) {
          if (actorColumnHeading(headerText) === 'programmed')
            years.push(...(headerText.match(/\b(?:19|20)\d\d\b/) ?? []))
        }
      }
      if (actor && actor.cells.length === 0) actor.columns.splice(0, actor.columns.length, ...columnsFromHeader())
    }

    const enumerated = readEnumerator(text)
    if (enumerated && enumerated.rest === '') {
      warn({
        code: 'irregular-table',
        line: line.line,
        ...(actor ? { section: actor.actor } : {}),
        message: `A stray heading number "${text}" with no heading after it was dropped`,
      })
      continue
    }
    const between = !actor || complete(actor)
    const actorId = enumerated && (line.cell || between) ? recogniseActor(enumerated.rest) : undefined
    if (enumerated && actorId) {
      closeActor()
      if (enumerated.malformed) {
        warn({
          code: 'malformed-heading',
          line: line.line,
          section: actorId,
          message: `The heading "${text}" has malformed numbering "${enumerated.written}"; read as ${enumerated.numbering}`,
        })
      }
      if (!enumerated.numbering.includes('.')) groups = groups.filter((group) => group.level < 2)
      actor = {
        actor: actorId,
        heading: text,
        numbering: enumerated.numbering,
        groups: groups.map((group) => group.text),
        line: line.line,
        columns: columnsFromHeader(),
        cells: [],
        loose: [],
      }
      continue
    }

    if (line.cell) {
      if (actor && !complete(actor)) {
        actor.cells.push(actor.cells.length === 0 ? [...actor.loose, line] : [line])
        continue
      }
      if (text.length <= maxGroupHeadingLength) {
        closeActor()
        if (enumerated?.numbering.includes('.')) {
          warn({
            code: 'unknown-actor',
            line: line.line,
            message: `The heading "${text}" is numbered like an actor's but names no known actor; it was read as a group heading`,
          })
        }
        if (enumerated?.malformed) {
          warn({
            code: 'malformed-heading',
            line: line.line,
            message: `The heading "${text}" has malformed numbering "${enumerated.written}"`,
          })
        }
        addGroup(text, Boolean(enumerated))
        continue
      }
      if (actor) {
        warn({
          code: 'irregular-table',
          line: line.line,
          section: actor.actor,
          message: `An extra cell after the last column of "${actor.heading}" was added to its last cell`,
        })
        actor.cells[actor.cells.length - 1]!.push(line)
        continue
      }
      warn({
        code: 'irregular-table',
        line: line.line,
        message: 'A table cell outside any actor table was read as a group heading',
      })
      addGroup(text, Boolean(enumerated))
      continue
    }

    // A line without a tab: the continuation of the open cell, or a group heading before column headings.
    if (!(actor && actor.cells.length > 0) && !/[\p{L}\p{N}]/u.test(text)) continue
    if (actor && actor.cells.length === 0) {
      actor.loose.push(line)
      continue
    }
    const next = nextNonBlank(index)
    const beforeHeader = next?.cell && actorColumnHeading(next.text) !== undefined
    if (actor && actor.cells.length > 0 && !(complete(actor) && beforeHeader && text.length <= maxGroupHeadingLength)) {
      actor.cells[actor.cells.length - 1]!.push(line)
      continue
    }
    if (text.length <= maxGroupHeadingLength) {
      closeActor()
      addGroup(text, Boolean(enumerated))
      continue
    }
    warn({
      code: 'irregular-table',
      line: line.line,
      message: 'Text between two tables that belongs to no actor was kept as a group heading',
    })
    addGroup(text, Boolean(enumerated))
  }
  let cutOff: string | undefined
  if (inHeader)
    cutOff = `it ends right after column headings (line ${lines.at(-1)?.line ?? 0}), before any actor's cells`
  else if (actor && actor.cells.length < actor.columns.length - 1 && actor.loose.length === 0) {
    cutOff = `it ends inside the table of "${actor.heading}" (line ${actor.line}), after ${actor.cells.length} of its ${actor.columns.length} cells`
  }
  closeActor()
  closeNarrative()
  return { sections, years, sawTable, ...(cutOff ? { cutOff } : {}) }
}
