// The document life-event hooks that keep versions and translation status current.

import type { DocumentHooks } from '../collab/document-registry.ts'
import type { TranslationTracker } from './translation-tracker.ts'
import type { VersionKeeper } from './version-keeper.ts'
import { logEvent } from '../log.ts'

/** Hooks feeding every loaded document's stored batches to the translation tracker and the version keeper. */
export function versionHooks(
  keeper: VersionKeeper,
  tracker: TranslationTracker,
  log: (line: string) => void,
): DocumentHooks {
  return {
    loaded(document) {
      tracker.loaded(document)
      keeper.loaded(document)
    },
    stored(document, changes) {
      // The pipeline must go on whatever happens here: failures are logged, never thrown.
      try {
        tracker.stored(document, changes)
        keeper.stored(document, changes)
      } catch (error) {
        logEvent(log, {
          level: 'error',
          event: 'after-store-failed',
          report: document.id,
          message: 'versions or translation history after storing updates failed',
          error,
        })
      }
    },
    async disowned(document) {
      await Promise.all([tracker.unloading(document), keeper.disowned(document)])
    },
    async unloading(document) {
      await Promise.all([tracker.unloading(document), keeper.unloading(document)])
    },
  }
}
