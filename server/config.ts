// Tuning constants of the server, each with the reason for its value.

/** Sessions end after this long without use: a working week plus a weekend, so nobody signs in every morning. */
export const sessionIdleMs = 7 * 24 * 60 * 60 * 1000

/** A session's last-use time is written at most this often: one write a minute per session is plenty to enforce a 7-day idle limit. */
export const sessionTouchIntervalMs = 60 * 1000

/** Name of the session cookie. */
export const sessionCookieName = 'cotejo_session'

/** Largest WebSocket message accepted by default (4413 above it): a whole annual report as one update is about 1 MiB, so 16 MiB leaves room for long offline work. */
export const defaultMaxMessageBytes = 16 * 1024 * 1024

/** `ws` itself drops frames above this multiple of the limit (close 1009) so that a huge frame is never buffered whole; between the limit and this, the server answers 4413. */
export const wsHardLimitFactor = 4

/** Largest JSON body: the bundled annual report is about 125 KB per language, so 8 MiB fits any real report text twice over. */
export const maxJsonBodyBytes = 8 * 1024 * 1024

/** Largest uploaded file (per language) in a multipart import: same reasoning as the JSON limit. */
export const maxUploadBytes = 8 * 1024 * 1024

/** Failed logins tolerated per username before answering 429: enough for typos, too few to guess. */
export const loginFailuresAllowed = 5

/** Failed logins tolerated per IP before answering 429: higher than per username, since a whole office may share one address. */
export const loginFailuresAllowedPerIp = 20

/** Failures are forgotten after this long without a new one: a quarter of an hour separates a typo from an attack. */
export const loginFailureWindowMs = 15 * 60 * 1000

/** First lock-out after too many failures; it doubles with each further failure, up to the maximum below. */
export const loginLockBaseMs = 2 * 1000

/** Longest lock-out: long enough to make guessing useless, short enough that a locked-out person can retry the same day. */
export const loginLockMaxMs = 15 * 60 * 1000

/** A document with no connections is unloaded after this long: reconnects after a network blip find it still in memory. */
export const documentIdleMs = 30 * 1000

/** When more updates than this follow the last checkpoint, unloading writes a new one (and compacts up to the latest version), so loading stays fast. */
export const compactAfterUpdates = 500

/** scrypt cost (N): 2^15 takes ~50-100 ms on one core, slow for guessing and fine for a sign-in. */
export const scryptCost = 1 << 15

/** Random bytes of a session token: 32 bytes (256 bits) cannot be guessed. */
export const sessionTokenBytes = 32
