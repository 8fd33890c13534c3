// One process, one port: the HTTP API, the built client, and the collaboration sockets.

import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import { hostname } from 'node:os'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import express from 'express'
import { AuditLog } from './audit/audit-log.ts'
import { LoginThrottle } from './auth/login-throttle.ts'
import { ensureAdmin } from './auth/users.ts'
import type { ReportBus } from './cluster/report-bus.ts'
import { RedisBus } from './cluster/redis-bus.ts'
import { CollabServer } from './collab/collab-server.ts'
import { DocumentRegistry } from './collab/document-registry.ts'
import { GroupCommit } from './collab/group-commit.ts'
import { defaultCollabLimits, type CollabLimits } from './collab/limits.ts'
import { defaultMaxMessageBytes, documentIdleMs, maxJsonBodyBytes, sessionIdleMs } from './config.ts'
import type { AppContext } from './context.ts'
import { errorHandler, notFound } from './errors.ts'
import { actorsRoutes } from './http/actors-routes.ts'
import { auditRoutes } from './http/audit-routes.ts'
import { authRoutes } from './http/auth-routes.ts'
import { commentsRoutes } from './http/comments-routes.ts'
import { bodyTypeGuard } from './http/body-type-guard.ts'
import { healthRoutes } from './http/health-routes.ts'
import { metricsRoutes } from './http/metrics-routes.ts'
import { problemsRoutes } from './http/problems-routes.ts'
import { reportsRoutes } from './http/reports-routes.ts'
import { reviewRoutes } from './http/review-routes.ts'
import { sameOriginGuard } from './http/same-origin-guard.ts'
import { securityHeaders } from './http/security-headers.ts'
import { staticClient } from './http/static-client.ts'
import { translationRoutes } from './http/translation-routes.ts'
import { usersRoutes } from './http/users-routes.ts'
import { versionsRoutes } from './http/versions-routes.ts'
import { logEvent, structuredLog } from './log.ts'
import { ServerMetrics } from './metrics.ts'
import { seedReports } from './seed.ts'
import { openStorage } from './storage/open-storage.ts'
import type { NewUpdate } from './storage/storage.ts'
import { versionHooks } from './versions/hooks.ts'
import { TranslationTracker } from './versions/translation-tracker.ts'
import { VersionKeeper, defaultVersionMaxIntervalMs, defaultVersionPauseMs } from './versions/version-keeper.ts'

/** How to start the server. */
export interface ServerOptions {
  /** Port to listen on; 0 picks a free one. Default 8080. */
  port?: number
  /** Address to listen on. Default 127.0.0.1. */
  host?: string
  /** Where the SQLite database lives (created when missing); unused with `databaseUrl`. */
  dataDir: string
  /** `postgres://…`: store in PostgreSQL instead of SQLite (`DATABASE_URL`); required for several instances. */
  databaseUrl?: string
  /** `redis://…`: relay updates and presence to the other instances through Redis (`REDIS_URL`). */
  redisUrl?: string
  /** This instance's id among several (default: host, process and a random part). */
  instanceId?: string
  /** Password of the `admin` user created on first start; default: a random one, logged once. */
  adminPassword?: string
  /** Import the bundled documents on an empty store. Default true. */
  seed?: boolean
  /** The built client. Default `dist/client` of the repository. */
  clientDir?: string
  /** Largest WebSocket message accepted (4413 above it). Default 16 MiB. */
  maxMessageBytes?: number
  /** Connection, message-rate and update-size limits of /collab (`server/collab/limits.ts`; `LIMIT_*`, `server/environment.ts`); unset fields keep their defaults. */
  limits?: Partial<CollabLimits>
  /**
   * Proxy hops in front of the server to trust (`TRUST_PROXY`): the client address, `https` and
   * the host then come from `X-Forwarded-For`, `-Proto` and `-Host` (Express's `trust proxy` set
   * to this number; the sockets read them the same way), the session cookie is `Secure`, and
   * https answers carry HSTS. Default 0: no proxy, the headers are ignored.
   */
  trustProxy?: number
  /** Where to write log lines (one JSON object each, `server/log.ts`). Default: stdout. */
  log?: (line: string) => void
  /** An automatic version is made this long after the last stored update. Default 60 s. */
  versionPauseMs?: number
  /** During continuous editing, an automatic version at least this often. Default 5 min. */
  versionMaxIntervalMs?: number
}

/** A started server. */
export interface RunningServer {
  /** `http://127.0.0.1:<port>` (the host it listens on). */
  url: string
  /** The port it listens on. */
  port: number
  /** Stops accepting, stores everything accepted, closes connections and storage. */
  close(): Promise<void>
}

/** The built client of this repository. */
export const defaultClientDir = fileURLToPath(new URL('../dist/client/', import.meta.url))

/** Starts the server: storage, first admin, seeds, HTTP and WebSocket on one port. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = structuredLog(options.log ?? ((line: string) => console.log(line)))
  const storage = await openStorage({
    dataDir: options.dataDir,
    ...(options.databaseUrl !== undefined && { databaseUrl: options.databaseUrl }),
    onIdleConnectionError: (error) =>
      logEvent(log, {
        level: 'warn',
        event: 'storage',
        message: `an idle database connection broke (it will be replaced): ${error.message}`,
      }),
  })
  // One instance reclaims its own leases at once after a crash; among several, each needs its own name.
  const instance =
    options.instanceId ??
    (options.redisUrl ? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}` : 'single-instance')
  const bus: ReportBus | undefined = options.redisUrl
    ? new RedisBus({ url: options.redisUrl, instance, log })
    : undefined
  // Read when scraped, once `collab` and `registry` below exist.
  const metrics: ServerMetrics = new ServerMetrics({
    connections: (): number => collab.connectionCount,
    documentsLoaded: (): number => registry.loaded().length,
  })
  const commit = new GroupCommit<NewUpdate, number>((batch) =>
    metrics.timeStore(batch.length, () => storage.appendUpdates(batch)),
  )
  const keeper = new VersionKeeper(storage, {
    pauseMs: options.versionPauseMs ?? defaultVersionPauseMs,
    maxIntervalMs: options.versionMaxIntervalMs ?? defaultVersionMaxIntervalMs,
    log,
  })
  const tracker = new TranslationTracker(storage, log)
  const limits: CollabLimits = { ...defaultCollabLimits, ...options.limits }
  const trustProxy = options.trustProxy ?? 0
  const audit = new AuditLog(storage, log)
  const registry = new DocumentRegistry(storage, (update) => commit.enqueue(update), {
    idleMs: documentIdleMs,
    log,
    hooks: versionHooks(keeper, tracker, log),
    instance,
    maxStructsPerUpdate: limits.maxStructsPerUpdate,
    ...(bus && { bus }),
  })
  const collab = new CollabServer({
    storage,
    registry,
    maxMessageBytes: options.maxMessageBytes ?? defaultMaxMessageBytes,
    limits,
    log,
    trustProxy,
    audit,
    onRefused: (code) => metrics.countRefusal(code),
  })
  const context: AppContext = {
    storage,
    registry,
    collab,
    throttle: new LoginThrottle(),
    audit,
    log,
    trustProxy,
    ...(bus && { bus }),
  }

  try {
    // Sessions past their absolute lifetime end at their next use (`auth/sessions.ts`).
    const expired = await storage.deleteSessionsIdleSince(Date.now() - sessionIdleMs)
    if (expired > 0)
      log(`ended ${expired} session${expired === 1 ? '' : 's'} idle for more than ${sessionIdleMs / 86_400_000} days`)
    const admin = await ensureAdmin(storage, options.adminPassword)
    if (admin.generatedPassword !== undefined)
      log(`created user "admin" with the password ${admin.generatedPassword} (shown only this once)`)
    if (options.seed !== false) await seedReports(storage, log)
  } catch (error) {
    await registry.closeAll()
    await bus?.close()
    await storage.close()
    throw error
  }

  const app = express()
  app.disable('x-powered-by')
  // A hop count, never `true`: trusting every hop would let any client choose its own address by sending X-Forwarded-For.
  app.set('trust proxy', trustProxy > 0 ? trustProxy : false)
  app.use(securityHeaders({ hsts: trustProxy > 0 }))
  // Before any body is read: cross-site changes (CSRF) are refused, then bodies that are not JSON (or uploads).
  app.use('/api', sameOriginGuard(trustProxy), bodyTypeGuard())
  app.use(express.json({ limit: maxJsonBodyBytes }))
  app.use(healthRoutes(context))
  app.use(metricsRoutes(context, metrics))
  app.use(authRoutes(context))
  app.use(usersRoutes(context))
  app.use(auditRoutes(context))
  app.use(actorsRoutes(context))
  app.use(reportsRoutes(context))
  app.use(problemsRoutes(context))
  app.use(versionsRoutes(context, keeper))
  app.use(translationRoutes(context, tracker))
  app.use(reviewRoutes(context, tracker))
  app.use(commentsRoutes(context))
  app.use('/api', () => {
    throw notFound('No such API route.')
  })
  app.use(staticClient(options.clientDir ?? defaultClientDir))
  app.use(() => {
    throw notFound('No such page.')
  })
  app.use(errorHandler(log))

  const server = createServer(app)
  server.on('upgrade', (request, socket, head) => {
    try {
      if (!collab.handleUpgrade(request, socket, head))
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
    } catch (error) {
      logEvent(log, { level: 'warn', event: 'upgrade-refused', message: 'refused an upgrade', error })
      socket.destroy()
    }
  })
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8080, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host

  let closing: Promise<void> | undefined
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
      collab.close()
      await registry.closeAll()
      await commit.flush()
      server.closeAllConnections()
      await stopped
      await bus?.close()
      await storage.close()
    })()
    return closing
  }
  return { url: `http://${urlHost}:${port}`, port, close }
}
