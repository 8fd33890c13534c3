import { newBlockId } from '../block-ids.ts'
import { checkReport, isSlug } from '../check.ts'
import type { Language } from '../languages.ts'
import { reportKinds, type ReportKind } from '../report.ts'
import { buildReport, type SectionPlan } from './build-report.ts'
import { ImportError } from './import-error.ts'
import { slugify } from './lines.ts'
import { alignSections } from './pair-alignment.ts'
import type { ParsedDocument, ParsedSection } from './parsed.ts'
import { readOriginal } from './read-original.ts'
import { matchSections } from './section-matching.ts'
import type { ImportInput, ImportResult, ImportWarning } from './types.ts'

/** Report id prefixes of the work plans, by the kind of their table. */
const workPlanPrefixes: Readonly<Record<string, string>> = {
  'crm-action-plan': 'crm-action-plan',
  'network-work-plan': 'crm-network-work-plan',
  'cam-calendar': 'cam-work-plan',
}

function languageName(language: Language): string {
  return language === 'es' ? 'Spanish' : 'English'
}

/** The default report id: the kind (or the work plan's table) and the years it covers. */
function defaultId(kind: ReportKind, doc: ParsedDocument): string {
  const prefix = kind === 'annual-report' ? 'annual-report' : (workPlanPrefixes[doc.tableKinds[0] ?? ''] ?? 'work-plan')
  const id = [prefix, ...doc.years].join('-')
  return isSlug(id) ? id : slugify(`${prefix} ${doc.title}`, 64) || prefix
}

function validate(input: ImportInput): void {
  if (typeof input !== 'object' || input === null)
    throw new ImportError('invalid-option', 'Import input must be an object with "es" and/or "en"')
  if (input.es === undefined && input.en === undefined) {
    throw new ImportError(
      'no-input',
      'Nothing to import: give the Spanish original ("es"), the English original ("en"), or both',
    )
  }
  for (const language of ['es', 'en'] as const) {
    const value = input[language]
    if (value !== undefined && typeof value !== 'string' && !(value instanceof Uint8Array)) {
      throw new ImportError('invalid-option', `The ${languageName(language)} original must be text or bytes`, language)
    }
  }
  if (input.id !== undefined && !isSlug(input.id)) {
    throw new ImportError(
      'invalid-option',
      `Report id ${JSON.stringify(input.id)} is not a slug (lowercase letters, digits and single hyphens, at most 64 characters)`,
    )
  }
  if (input.kind !== undefined && !reportKinds.includes(input.kind)) {
    throw new ImportError(
      'invalid-option',
      `Unknown report kind ${JSON.stringify(input.kind)}; known kinds: ${reportKinds.join(', ')}`,
    )
  }
  if (input.newId !== undefined && typeof input.newId !== 'function')
    throw new ImportError('invalid-option', '"newId" must be a function')
}

function describe(section: ParsedSection): string {
  return `"${section.heading || section.key}" (line ${section.line})`
}

/**
 * Pair the sections of two originals by content and align each pair; the plan keeps the Spanish
 * order, with English-only sections placed after the English section they follow. Duplicates are
 * left out; everything irregular is reported.
 */
function pairOriginals(
  es: ParsedDocument,
  en: ParsedDocument,
  newId: () => string,
  warnings: ImportWarning[],
): SectionPlan[] {
  const matching = matchSections(es.sections, en.sections)
  const partnerOfEs = new Map(matching.pairs.map((pair) => [pair.es, pair.en]))
  const matchedEn = new Map(matching.pairs.map((pair) => [pair.en, pair.es]))
  for (const pair of matching.pairs) alignSections(es.sections[pair.es]!, en.sections[pair.en]!, newId, warnings)
  for (const [side, doc, duplicates] of [
    ['es', es, matching.duplicatesEs],
    ['en', en, matching.duplicatesEn],
  ] as const) {
    for (const { index, of } of duplicates) {
      const section = doc.sections[index]!
      warnings.push({
        code: 'duplicate-section',
        language: side,
        line: section.line,
        section: doc.sections[of]!.key,
        message: `The ${languageName(side)} section ${describe(section)} repeats ${describe(doc.sections[of]!)}; the repetition was left out`,
      })
    }
  }
  for (const [side, doc, unmatched] of [
    ['es', es, matching.unmatchedEs],
    ['en', en, matching.unmatchedEn],
  ] as const) {
    for (const index of unmatched) {
      const section = doc.sections[index]!
      warnings.push({
        code: 'unmatched-section',
        language: side,
        line: section.line,
        section: section.key,
        message: `The ${languageName(side)} section ${describe(section)} has no counterpart in the ${languageName(side === 'es' ? 'en' : 'es')} original; it was imported with the other side empty`,
      })
    }
  }
  for (const esIndex of matching.moved) {
    const enIndex = partnerOfEs.get(esIndex)!
    const section = en.sections[enIndex]!
    const before = matching.pairs.filter((pair) => pair.es < esIndex).at(-1)
    const after = before ? `after ${describe(es.sections[before.es]!)}` : 'first'
    warnings.push({
      code: 'order-differs',
      language: 'en',
      line: section.line,
      section: es.sections[esIndex]!.key,
      message: `The English original puts ${describe(section)} in another place than the Spanish one, which has it ${after}; the Spanish order was kept`,
    })
  }
  const duplicatesEs = new Set(matching.duplicatesEs.map((duplicate) => duplicate.index))
  const onlyEn = new Map<number, number[]>()
  for (const enIndex of matching.unmatchedEn) {
    let previous = -1
    for (let j = enIndex - 1; j >= 0; j--) {
      if (matchedEn.has(j)) {
        previous = matchedEn.get(j)!
        break
      }
    }
    onlyEn.set(previous, [...(onlyEn.get(previous) ?? []), enIndex])
  }
  const plan: SectionPlan[] = (onlyEn.get(-1) ?? []).map((j) => ({ en: en.sections[j]! }))
  es.sections.forEach((section, index) => {
    if (duplicatesEs.has(index)) return
    const partner = partnerOfEs.get(index)
    plan.push(partner === undefined ? { es: section } : { es: section, en: en.sections[partner]! })
    for (const j of onlyEn.get(index) ?? []) plan.push({ en: en.sections[j]! })
  })
  return plan
}

/**
 * The sections of a single original without the repeated sections of an actor (the English report
 * has IOM twice): the first stays, each repetition is left out with a `duplicate-section` warning.
 */
function withoutRepeatedActors(doc: ParsedDocument, warnings: ImportWarning[]): ParsedSection[] {
  const first = new Map<string, ParsedSection>()
  return doc.sections.filter((section) => {
    if (!section.actor) return true
    const earlier = first.get(section.actor)
    if (!earlier) {
      first.set(section.actor, section)
      return true
    }
    warnings.push({
      code: 'duplicate-section',
      language: doc.language,
      line: section.line,
      section: earlier.key,
      message: `The ${languageName(doc.language)} section ${describe(section)} repeats the actor of ${describe(earlier)}; the repetition was left out`,
    })
    return false
  })
}

/**
 * Import a report from its Spanish and/or English original: recognise the kind, read each
 * original, pair sections by content and align their blocks, and build a report that passes
 * `checkReport`. Throws `ImportError`: `no-input`, `invalid-option`, `empty`, `binary`,
 * `unrecognised`, `truncated` (see ARCHITECTURE.md, "Importer", for the rules).
 */
export function importReport(input: ImportInput): ImportResult {
  validate(input)
  const newId = input.newId ?? newBlockId
  const es = input.es === undefined ? undefined : readOriginal(input.es, 'es')
  const en = input.en === undefined ? undefined : readOriginal(input.en, 'en')
  const main = (es ?? en)!
  if (es && en && es.kind !== en.kind) {
    throw new ImportError(
      'unrecognised',
      `The Spanish original is ${es.kind === 'work-plan' ? 'a work plan' : 'an annual report'} but the English one is ${en.kind === 'work-plan' ? 'a work plan' : 'an annual report'}`,
    )
  }
  if (input.kind !== undefined && input.kind !== main.kind) {
    throw new ImportError(
      'invalid-option',
      `The text is ${main.kind === 'work-plan' ? 'a work plan' : 'an annual report'}, not the "${input.kind}" the request names`,
    )
  }
  const warnings: ImportWarning[] = [...(es?.warnings ?? []), ...(en?.warnings ?? [])]
  let sections: SectionPlan[]
  if (es && en) sections = pairOriginals(es, en, newId, warnings)
  else
    sections = withoutRepeatedActors(main, warnings).map((section) => (main === es ? { es: section } : { en: section }))
  for (const plan of sections) {
    for (const side of ['es', 'en'] as const) {
      const row = plan[side]?.items.find((item) => item.type === 'table')
      if (row && row.type === 'table' && row.rows.some((r) => r.unsplit)) {
        warnings.push({
          code: 'irregular-table',
          language: side,
          line: row.line,
          section: plan[side]!.key,
          message: `The table of "${plan[side]!.heading}" marks no cell boundaries (no tab lines) and there is no counterpart to follow; all its text was put in the first column`,
        })
      }
    }
  }
  const report = buildReport(
    {
      id: input.id ?? defaultId(main.kind, es ?? main),
      kind: main.kind,
      title: { es: es?.title ?? '', en: en?.title ?? '' },
      symbol: es?.symbol || en?.symbol || '',
      front: { es: es?.front.join('\n') ?? '', en: en?.front.join('\n') ?? '' },
      sections,
    },
    newId,
  )
  checkReport(report)
  return { report, warnings }
}
