// The message of anything thrown, for error texts shown to people and sent in answers. Logs take
// the error itself (`logEvent`'s `error`, server/log.ts), and write its stack.

/** The message of an unknown thrown value: an Error's message, or the value as a string. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
