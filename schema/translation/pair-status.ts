/** Where an aligned pair (a section, or a block inside it) stands between its two languages. */
export type TranslationStatus = 'in-step' | 'es-ahead' | 'en-ahead' | 'missing-es' | 'missing-en'

/** The translation states a person can record on a pair. */
export type TranslationMark = 'translated' | 'reviewed'

/** What is known of one aligned pair: its text now and when each side last changed. */
export interface PairHistory {
  /** The Spanish text now (empty when the block is missing in Spanish). */
  readonly es: string
  /** The English text now. */
  readonly en: string
  /** Log position of the last change to the Spanish side (0: never changed since import). */
  readonly esChangedAt: number
  /** Log position of the last change to the English side. */
  readonly enChangedAt: number
  /**
   * Log position at which the pair was last in step: when it was imported or aligned, or last
   * marked translated or reviewed. Changes after it make the pair outdated.
   */
  readonly inStepAt: number
}

/**
 * The status of a pair. A missing side wins; otherwise the pair is in step until a side changes
 * after `inStepAt`, and then the side that changed last is ahead: the other side has to catch up
 * and someone has to mark the pair translated to bring it back in step.
 */
export function pairStatus(pair: PairHistory): TranslationStatus {
  const hasEs = pair.es.trim() !== ''
  const hasEn = pair.en.trim() !== ''
  if (hasEs && !hasEn) return 'missing-en'
  if (hasEn && !hasEs) return 'missing-es'
  const esMoved = pair.esChangedAt > pair.inStepAt
  const enMoved = pair.enChangedAt > pair.inStepAt
  if (!esMoved && !enMoved) return 'in-step'
  if (esMoved && !enMoved) return 'es-ahead'
  if (enMoved && !esMoved) return 'en-ahead'
  return pair.esChangedAt >= pair.enChangedAt ? 'es-ahead' : 'en-ahead'
}

/** The order in which a translator wants to see pairs: outdated and missing first, in step last. */
export const statusPriority: Readonly<Record<TranslationStatus, number>> = {
  'missing-en': 0,
  'missing-es': 1,
  'es-ahead': 2,
  'en-ahead': 3,
  'in-step': 4,
}

/** The side a translator should read to catch up the other, or null when nothing is to be done. */
export function sourceSide(status: TranslationStatus): 'es' | 'en' | null {
  if (status === 'es-ahead' || status === 'missing-en') return 'es'
  if (status === 'en-ahead' || status === 'missing-es') return 'en'
  return null
}
