import type { Language } from '../languages.ts'
import type { ReportKind } from '../report.ts'
import { actorColumnHeading, readAnnualBody } from './annual-report.ts'
import { decodeDocument } from './decode.ts'
import { looksLikeCover, splitFrontMatter } from './front-matter.ts'
import { readRomanHeading } from './headings.ts'
import { ImportError } from './import-error.ts'
import { toLines, type SourceLine } from './lines.ts'
import type { ParsedDocument } from './parsed.ts'
import { checkToc, readToc } from './toc.ts'
import type { ImportWarning } from './types.ts'
import { readWorkPlan, workPlanHeader } from './work-plan.ts'

/** An annual report has at least this many Roman-numbered narrative headings when it has no table. */
const minRomanHeadings = 2
/** Titles that announce a report or a work plan: a text that has one but no body was cut off. */
const documentTitles =
  /PLAN DE (TRABAJO|ACCI[OÓ]N)|WORK PLAN|ACTION PLAN|INFORME (ANUAL )?DE ACTIVIDADES|ANNUAL REPORT/i

function original(language: Language): string {
  return language === 'es' ? 'Spanish original' : 'English original'
}

/**
 * Which kind of document the lines are: a work plan (a table whose column headings are a work
 * plan's), an annual report (actor-table column headings, or Roman-numbered sections). Throws
 * `ImportError` `truncated` for a cover page or title with no body, `unrecognised` otherwise.
 */
export function recogniseKind(lines: readonly SourceLine[], language: Language): ReportKind {
  if (lines.some((line, index) => line.cell && workPlanHeader(lines, index))) return 'work-plan'
  const romans = lines.filter((line) => !line.cell && readRomanHeading(line.text)).length
  if (romans >= minRomanHeadings || lines.some((line) => line.cell && actorColumnHeading(line.text)))
    return 'annual-report'
  if (looksLikeCover(lines) || lines.some((line) => documentTitles.test(line.text))) {
    throw new ImportError(
      'truncated',
      `The ${original(language)} seems cut off: it has a cover page or title but no body (no sections, no table)`,
      language,
    )
  }
  throw new ImportError(
    'unrecognised',
    `The ${original(language)} is not a recognisable report or work plan: it has no actor table, no Roman-numbered sections and no work-plan table (TEMAS/OBJETIVOS…, OBJETIVOS/ACTIVIDADES/RESPONSABLE…, FECHA/ACTIVIDAD)`,
    language,
  )
}

/** Decode, recognise and read one original. Throws `ImportError` (`binary`, `empty`, `unrecognised`, `truncated`). */
export function readOriginal(raw: string | Uint8Array, language: Language): ParsedDocument {
  const text = decodeDocument(raw, language)
  if (text.trim() === '')
    throw new ImportError(
      'empty',
      `The ${original(language)} is empty${text.length > 0 ? ' (white space only)' : ''}`,
      language,
    )
  const lines = toLines(text)
  const kind = recogniseKind(lines, language)
  const warnings: ImportWarning[] = []
  const cutOff = (why: string): never => {
    throw new ImportError('truncated', `The ${original(language)} seems cut off: ${why}`, language)
  }
  if (kind === 'work-plan') {
    const plan = readWorkPlan(lines, language, warnings)
    if (plan.cutOff) cutOff(plan.cutOff)
    return {
      language,
      kind,
      title: plan.title,
      front: plan.front,
      symbol: '',
      years: plan.years,
      tableKinds: plan.tableKinds,
      sections: plan.sections,
      warnings,
    }
  }
  const parts = splitFrontMatter(lines)
  if (parts.toc && parts.body.length === 0) cutOff('it ends in its table of contents, before the body')
  const body = readAnnualBody(parts.body, language, warnings)
  if (parts.toc) checkToc(readToc(parts.toc), body.sections, language, warnings)
  if (body.cutOff) cutOff(body.cutOff)
  if (body.sawTable && !body.sections.some((section) => section.kind === 'actor'))
    cutOff('its table has column headings but no actor and no cells')
  return {
    language,
    kind,
    title: parts.title,
    front: parts.front,
    symbol: parts.symbol,
    years: body.years,
    tableKinds: body.sawTable ? ['actor'] : [],
    sections: body.sections,
    warnings,
  }
}
