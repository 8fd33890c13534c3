import { readFile } from 'node:fs/promises'
import type { ImportInput } from '../schema/import/types.ts'
import { importAndStore } from './importer.ts'
import { logEvent } from './log.ts'
import type { Storage } from './storage/storage.ts'

/** The bundled documents imported on an empty store: id, kind, and which originals exist. */
export const bundledReports: ReadonlyArray<{
  readonly id: string
  readonly kind: 'annual-report' | 'work-plan'
  readonly languages: ReadonlyArray<'es' | 'en'>
}> = [
  { id: 'annual-report-2011-2012', kind: 'annual-report', languages: ['es', 'en'] },
  { id: 'crm-action-plan-2006', kind: 'work-plan', languages: ['es'] },
  { id: 'cam-work-plan-2018-2019', kind: 'work-plan', languages: ['es'] },
  { id: 'crm-network-work-plan-2009', kind: 'work-plan', languages: ['es'] },
]

const seedsDir = new URL('./seeds/', import.meta.url)

/**
 * Imports the bundled documents when the store holds no report. Each document that fails is
 * logged with its reason and the others are still imported. Resolves with the ids imported.
 */
export async function seedReports(storage: Storage, log: (line: string) => void): Promise<string[]> {
  if ((await storage.listReports()).length > 0) return []
  const imported: string[] = []
  for (const { id, kind, languages } of bundledReports) {
    try {
      const input: { -readonly [K in keyof ImportInput]: ImportInput[K] } = { id, kind }
      for (const language of languages) input[language] = await readFile(new URL(`${id}.${language}.txt`, seedsDir))
      const { warnings } = await importAndStore(storage, input)
      imported.push(id)
      logEvent(log, {
        level: 'info',
        event: 'import',
        report: id,
        user: 'system',
        message: `seed: imported ${id} (${warnings.length} warning${warnings.length === 1 ? '' : 's'})`,
      })
    } catch (error) {
      logEvent(log, {
        level: 'error',
        event: 'import-failed',
        report: id,
        user: 'system',
        message: `seed: importing ${id} failed`,
        error,
      })
    }
  }
  return imported
}
