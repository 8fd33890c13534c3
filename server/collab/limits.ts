// Abuse limits of /collab: how many sockets one user or one address may hold open, and how fast one
// connection may send. Going over either closes (or refuses) the socket with 4429.

/** The limits of the collaboration sockets; every field can be overridden through `ServerOptions.limits`. */
export interface CollabLimits {
  /** Open sockets one user may hold at once; the next is refused with 4429. */
  readonly maxSocketsPerUser: number
  /** Open sockets one IP address may hold at once (counted before sign-in is checked); the next is refused with 4429. */
  readonly maxSocketsPerIp: number
  /** Messages per second one connection may send on average. */
  readonly messagesPerSecond: number
  /** Messages one connection may send in a burst above the average. */
  readonly messageBurst: number
  /** Bytes per second one connection may send on average. */
  readonly bytesPerSecond: number
  /** Bytes one connection may send in a burst above the average. */
  readonly byteBurst: number
  /** Most structs plus delete ranges one update may hold; more is refused with 4413 (the update guard enforces it). */
  readonly maxStructsPerUpdate: number
}

/** Sockets per user: one person with a dozen tabs on two machines stays below 20; a script opening hundreds does not. */
export const defaultMaxSocketsPerUser = 20

/** Sockets per address: higher than per user because a whole agency office may share one NAT address. */
export const defaultMaxSocketsPerIp = 50

/** Messages per second: a person types at most ~20 keystrokes/s, each one update plus an awareness change, so 500/s is far above any human. */
export const defaultMessagesPerSecond = 500

/** Message burst: a stock client sends one message per transaction, and a script applying a few thousand small edits at once (our own durability test sends 2,000) must pass. */
export const defaultMessageBurst = 5000

/** Bytes per second: 8 MiB/s sustained is half the largest message per second, far above typing and far below what floods memory. */
export const defaultBytesPerSecond = 8 * 1024 * 1024

/** Byte burst: four messages of the default 16 MiB maximum, so a long offline session's single big update always passes. */
export const defaultByteBurst = 64 * 1024 * 1024

/** Structs (and delete ranges) per update: a whole annual report pasted at once is about 9,000, so 100,000 leaves ten times that while keeping one update's checking time bounded. */
export const defaultMaxStructsPerUpdate = 100_000

/** The limits in force unless `ServerOptions.limits` overrides some. */
export const defaultCollabLimits: CollabLimits = {
  maxSocketsPerUser: defaultMaxSocketsPerUser,
  maxSocketsPerIp: defaultMaxSocketsPerIp,
  messagesPerSecond: defaultMessagesPerSecond,
  messageBurst: defaultMessageBurst,
  bytesPerSecond: defaultBytesPerSecond,
  byteBurst: defaultByteBurst,
  maxStructsPerUpdate: defaultMaxStructsPerUpdate,
}

/** No limits at all: for benchmarks that measure the server itself with many sockets of one user; never for a real deployment. */
export const noCollabLimits: CollabLimits = {
  maxSocketsPerUser: Number.POSITIVE_INFINITY,
  maxSocketsPerIp: Number.POSITIVE_INFINITY,
  messagesPerSecond: Number.POSITIVE_INFINITY,
  messageBurst: Number.POSITIVE_INFINITY,
  bytesPerSecond: Number.POSITIVE_INFINITY,
  byteBurst: Number.POSITIVE_INFINITY,
  maxStructsPerUpdate: Number.POSITIVE_INFINITY,
}

/** A token bucket: `capacity` tokens, refilled at `ratePerSecond`; `take` fails once the bucket is empty. */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    now = performance.now(),
  ) {
    this.tokens = capacity
    this.last = now
  }

  /** Takes `amount` tokens; false (and nothing taken) when fewer are left. */
  take(amount: number, now = performance.now()): boolean {
    if (this.capacity === Number.POSITIVE_INFINITY) return true
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond)
    this.last = now
    if (amount > this.tokens) return false
    this.tokens -= amount
    return true
  }
}

/** The send budget of one connection: a message bucket and a byte bucket. */
export class SendBudget {
  private readonly messages: TokenBucket
  private readonly bytes: TokenBucket

  constructor(limits: CollabLimits, now = performance.now()) {
    this.messages = new TokenBucket(limits.messagesPerSecond, limits.messageBurst, now)
    this.bytes = new TokenBucket(limits.bytesPerSecond, limits.byteBurst, now)
  }

  /** Accounts one message of `byteLength` bytes; returns why it is over the limit, or undefined when it may pass. */
  spend(byteLength: number, now = performance.now()): string | undefined {
    if (!this.messages.take(1, now)) return 'too many messages: slow down'
    if (!this.bytes.take(byteLength, now)) return 'too many bytes per second: slow down'
    return undefined
  }
}

/** Counts open sockets per key (a user or an address). */
export class SocketCounter {
  private readonly counts = new Map<string, number>()

  /** Counts one more socket for `key` unless `max` are open already; true when counted. */
  tryAdd(key: string, max: number): boolean {
    const count = this.counts.get(key) ?? 0
    if (count >= max) return false
    this.counts.set(key, count + 1)
    return true
  }

  /** Uncounts a socket counted by {@link tryAdd}. */
  remove(key: string): void {
    const count = (this.counts.get(key) ?? 0) - 1
    if (count > 0) this.counts.set(key, count)
    else this.counts.delete(key)
  }

  /** Open sockets counted for `key`. */
  count(key: string): number {
    return this.counts.get(key) ?? 0
  }
}
