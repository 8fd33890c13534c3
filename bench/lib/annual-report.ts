import { readFileSync } from 'node:fs'
import * as Y from 'yjs'
import { importReport } from '../../schema/import/import-report.ts'
import type { Report } from '../../schema/report.ts'
import { reportToYDoc } from '../../schema/ydoc.ts'

/** The id under which every benchmarked server holds the bundled annual report. */
export const annualReportId = 'annual-report-2011-2012'

const seeds = new URL('../../server/seeds/', import.meta.url)

/** The bundled 2011–2012 annual report, Spanish and English, imported. */
export function annualReport(): Report {
  return importReport({
    id: annualReportId,
    es: readFileSync(new URL('annual-report-2011-2012.es.txt', seeds)),
    en: readFileSync(new URL('annual-report-2011-2012.en.txt', seeds)),
  }).report
}

/** The bundled annual report as one Yjs update. */
export function annualReportUpdate(): Uint8Array {
  return Y.encodeStateAsUpdate(reportToYDoc(annualReport()))
}
