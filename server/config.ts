// Tuning constants of the server, each with the reason for its value.

/** Sessions end after this long without use: a working week plus a weekend, so nobody signs in every morning. */
export const sessionIdleMs = 7 * 24 * 60 * 60 * 1000

/**
 * Sessions end this long after sign-in however often they are used: a stolen token (a shared
 * computer, a copied cookie) stops working within a month, and signing in once a month is a small
 * price for the people who stay signed in on their own machine.
 */
export const sessionMaxAgeMs = 30 * 24 * 60 * 60 * 1000

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

/**
 * Failed sign-ins tolerated for one username from one address before that pair is locked out:
 * enough for typos, too few to guess. Counted per pair, not per username, so that a flood of wrong
 * passwords for "alice" from one address does not lock alice out when she signs in from another.
 */
export const loginFailuresAllowed = 5

/** Failed sign-ins tolerated from one address (any usernames) before it is locked out: higher than per pair, since a whole office may share one address. */
export const loginFailuresAllowedPerIp = 20

/**
 * Failed sign-ins for one username from all addresses together after which every further attempt
 * for it waits {@link loginSlowdownMs} before its password is checked. A much higher ceiling than
 * the pair's, and it slows rather than locks: a lock-out counted over every address would let
 * anyone with a few addresses lock any named account out — the very attack the per-pair count
 * removes — while the pair and address locks already hold each address to a handful of guesses.
 */
export const loginFailuresBeforeSlowdown = 100

/** How long each attempt for a username past {@link loginFailuresBeforeSlowdown} waits: one second is barely felt by the owner and costs a guesser a held connection per guess. */
export const loginSlowdownMs = 1000

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

/** scrypt cost (N) of new hashes: 2^17, OWASP's current minimum for scrypt (about 0.5 s and 128 MiB per hash here); older hashes keep theirs until the next sign-in re-hashes them. */
export const scryptCost = 1 << 17

/** scrypt block size (r) of new hashes: 8, OWASP's recommendation (with N = 2^17 and p = 1). */
export const scryptBlockSize = 8

/** scrypt parallelism (p) of new hashes: 1, OWASP's recommendation; more would only multiply the time of a sign-in on our few cores. */
export const scryptParallelism = 1

/**
 * Password hashes computed at once; more wait their turn. Each takes 128 * N * r = 128 MiB at the
 * current parameters, so two keep a burst of sign-ins under 256 MiB, and they leave two of libuv's
 * four threads to file reads.
 */
export const maxConcurrentHashes = 2

/** HSTS max-age (behind a TLS proxy, `TRUST_PROXY`): one year, the value browsers' preload lists ask for. */
export const hstsMaxAgeSeconds = 365 * 24 * 60 * 60

/** Random bytes of a session token: 32 bytes (256 bits) cannot be guessed. */
export const sessionTokenBytes = 32
