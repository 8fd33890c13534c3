// The public API of the report model, shared by server and client. No DOM globals, no Node APIs.

export { languages, isLanguage, type Language, type Bilingual } from './languages.ts'
export { schema, nodes, marks } from './prosemirror-schema.ts'
export {
  tableKinds,
  tableKind,
  actorTable,
  crmActionPlanTable,
  networkWorkPlanTable,
  camCalendarTable,
  type TableKind,
  type TableColumn,
} from './table-kinds.ts'
export {
  alignedNodeTypes,
  newBlockId,
  isAlignedNode,
  blockIdRepairs,
  blockIdPlugin,
  blockIdPluginKey,
  withUniqueBlockIds,
  type BlockIdPluginOptions,
} from './block-ids.ts'
export {
  reportKinds,
  reportStatuses,
  sectionKinds,
  sectionBody,
  type NodeJSON,
  type DocJSON,
  type ReportKind,
  type ReportStatus,
  type ReportMeta,
  type Actor,
  type SectionKind,
  type Section,
  type Report,
} from './report.ts'
export { knownActors, knownActor } from './actors.ts'
export { terms, termsFor, type Term } from './terms.ts'
export { checkDoc, checkReport, isSlug, slugPattern } from './check.ts'
export {
  metaKey,
  sectionsKey,
  actorsKey,
  fragmentName,
  sectionFragment,
  reportToYDoc,
  sectionToYMap,
  actorToYMap,
  yDocToReport,
  sectionBodyJSON,
  sectionsOf,
  actorsOf,
  metaOf,
  type UnfitBody,
  type OnUnfitBody,
} from './ydoc.ts'
export { readBody, emptyBody, type BodyReading, type BodyProblem, type ReadBodyOptions } from './body-reading.ts'
export { repairBody } from './body-repair.ts'
export { metaProblem, actorsProblem, sectionsProblem, outlineProblem } from './ydoc-shape.ts'
export { ImportError, type ImportErrorCode } from './import/import-error.ts'
export type { ImportInput, ImportResult, ImportWarning, ImportWarningCode } from './import/types.ts'
export { importReport } from './import/import-report.ts'
export { decodeDocument } from './import/decode.ts'
export { reportToHtml, type ReportHtmlOptions, type ExportLanguage } from './export/report-html.ts'
export { nodeHtml } from './export/body-html.ts'
export { escapeHtml } from './export/escape.ts'
export { diffBodies, type BodyDiff, type BlockChange, type BlockChangeKind, type RowChange } from './diff/body-diff.ts'
export {
  diffReports,
  type ReportDiff,
  type SectionDiff,
  type BlockPair,
  type ChangedLanguages,
} from './diff/report-diff.ts'
export { wordDiff, sideOf, type WordChange } from './diff/word-diff.ts'
export { textUnits, inlineText, blockText, type TextUnit, type RowUnit } from './diff/text-units.ts'
export {
  checkPair,
  wordRatioOf,
  defaultWordRatio,
  type PairCheckOptions,
  type QaCheck,
  type QaFinding,
  type QaSeverity,
} from './qa/pair-checks.ts'
export { readNumber, numbersIn, spelledNumbersIn, type WrittenNumber } from './qa/numbers.ts'
export { datesIn, sameDate, type WrittenDate } from './qa/dates.ts'
export { symbolsIn, urlsIn, type WrittenSymbol } from './qa/symbols.ts'
export { acronymPairs, hasAcronym, mentions, type AcronymPair } from './qa/acronyms.ts'
export {
  pairStatus,
  sourceSide,
  statusPriority,
  type PairHistory,
  type TranslationStatus,
  type TranslationMark,
} from './translation/pair-status.ts'
export { reportToDocx } from './export/report-docx.ts'
export { fingerprint, blockFingerprints, changedBlockIds } from './translation/fingerprints.ts'
export {
  translationOverview,
  type PairRecord,
  type BlockTranslation,
  type SectionTranslation,
} from './translation/overview.ts'
export type { VersionKind, VersionAuthor, VersionJSON } from './api/versions.ts'
