// The message of anything thrown, for error texts shown to people and sent in answers. Logs use
// `errorText` (server/log.ts), which adds the stack.

/** The message of an unknown thrown value: an Error's message, or the value as a string. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
