// The WebSocket transport of /collab/<reportId>: authentication, size limits, parsing, and the
// hand-off of each message to its report's document.

import type { IncomingMessage as HttpRequest } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { isSlug } from '../../schema/check.ts'
import { principalFor, socketToken } from '../auth/authenticate.ts'
import { wsHardLimitFactor } from '../config.ts'
import { clientAddress } from '../http/forwarded.ts'
import { requestSite } from '../http/request-site.ts'
import type { Storage } from '../storage/storage.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import { AwarenessGuard } from './awareness-guard.ts'
import { logEvent } from '../log.ts'
import {
  closeForbidden,
  closeMalformed,
  closeNotFound,
  closeTooLarge,
  closeTooMany,
  closeUnauthorized,
} from '../../schema/close-codes.ts'
import type { DocumentRegistry } from './document-registry.ts'
import { SendBudget, SocketCounter, type CollabLimits } from './limits.ts'
import { type IncomingMessage, MalformedMessage, parseMessage } from './protocol.ts'
import { FrameWriter } from './socket-frames.ts'
import type { Peer, ReportDocument } from './report-document.ts'

/** The path prefix of collaboration sockets. */
export const collabPathPrefix = '/collab/'

/** Options of {@link CollabServer}. */
export interface CollabServerOptions {
  readonly storage: Storage
  readonly registry: DocumentRegistry
  /** Largest message accepted; larger ones close the connection with 4413. */
  readonly maxMessageBytes: number
  /** Connection and message-rate limits (4429 above them). */
  readonly limits: CollabLimits
  /** Where to write log lines (structured, see `server/log.ts`). */
  readonly log: (line: string) => void
  /** Told of each connection refused or closed with a 44xx code (the metrics count them). */
  readonly onRefused?: (code: number) => void
  /** Proxy hops to trust for the client address, scheme and host (`TRUST_PROXY`, `server/http/forwarded.ts`). Default 0: none. */
  readonly trustProxy?: number
  /** Where refused changes (4403) are recorded. */
  readonly audit?: AuditLog
}

interface Connection extends Peer {
  readonly tokenHash: string
}

function closeReason(reason: string): string {
  // A close frame's reason holds at most 123 bytes.
  let text = reason
  while (Buffer.byteLength(text) > 123) text = text.slice(0, -2)
  return text
}

function bytesOf(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

/** Accepts collaboration sockets and routes their messages through the update pipeline. */
export class CollabServer {
  private readonly wss: WebSocketServer
  private readonly connections = new Set<Connection>()
  private readonly socketsPerIp = new SocketCounter()
  private readonly socketsPerUser = new SocketCounter()

  constructor(private readonly options: CollabServerOptions) {
    // No compression: outgoing frames are made once per message and written to the sockets as they are (`socket-frames.ts`).
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxMessageBytes * wsHardLimitFactor,
      perMessageDeflate: false,
    })
  }

  /** Handles an HTTP upgrade; returns false when the path is not a collaboration path (the caller answers it). */
  handleUpgrade(request: HttpRequest, socket: Duplex, head: Buffer): boolean {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    if (!path.startsWith(collabPathPrefix)) return false
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      this.handleConnection(ws, socket, request, path.slice(collabPathPrefix.length)).catch((error: unknown) => {
        logEvent(this.options.log, {
          level: 'error',
          event: 'error',
          code: 1011,
          message: `collaboration connection failed`,
          error,
        })
        ws.close(1011, 'internal error')
      })
    })
    return true
  }

  /** Closes the connections of `username` (account deleted or changed) with 4401. */
  closeUser(username: string, reason: string): void {
    for (const connection of this.connections)
      if (connection.username === username) connection.close(closeUnauthorized, reason)
  }

  /** Closes the connections opened with the session `tokenHash` (signed out) with 4401. */
  closeSession(tokenHash: string, reason: string): void {
    for (const connection of this.connections)
      if (connection.tokenHash === tokenHash) connection.close(closeUnauthorized, reason)
  }

  /** Number of open connections. */
  get connectionCount(): number {
    return this.connections.size
  }

  /** Stops accepting connections (open ones are closed when their documents unload). */
  close(): void {
    this.wss.close()
  }

  private async handleConnection(ws: WebSocket, socket: Duplex, request: HttpRequest, rawId: string): Promise<void> {
    const { maxMessageBytes, limits } = this.options
    const trustProxy = this.options.trustProxy ?? 0
    const ip = clientAddress(request, trustProxy)
    let user: string | undefined
    let reportId: string | undefined
    const early: Uint8Array[] = []
    let deliver: ((data: Uint8Array) => void) | undefined
    let closed = false
    const refuse = (code: number, reason: string): void => {
      closed = true
      this.options.onRefused?.(code)
      logEvent(this.options.log, {
        level: 'warn',
        event: deliver ? 'connection-closed' : 'connection-refused',
        code,
        message: reason,
        ip,
        ...(user !== undefined && { user }),
        ...(reportId !== undefined && { report: reportId }),
      })
      ws.close(code, closeReason(reason))
      // Not awaited: the close must not wait for a disk, and `record` never rejects.
      if (code === closeForbidden && user !== undefined)
        void this.options.audit?.record({
          kind: 'change-refused',
          user,
          ip,
          ...(reportId !== undefined && { report: reportId }),
          detail: reason.slice(0, 500),
        })
    }
    if (!this.socketsPerIp.tryAdd(ip, limits.maxSocketsPerIp)) {
      refuse(closeTooMany, `too many connections: at most ${limits.maxSocketsPerIp} from one address`)
      return
    }
    ws.on('close', () => this.socketsPerIp.remove(ip))
    const budget = new SendBudget(limits)
    ws.on('message', (data, isBinary) => {
      if (closed) return
      const bytes = bytesOf(data)
      if (bytes.byteLength > maxMessageBytes)
        return refuse(closeTooLarge, `message of ${bytes.byteLength} bytes exceeds the limit of ${maxMessageBytes}`)
      const overBudget = budget.spend(bytes.byteLength)
      if (overBudget !== undefined) return refuse(closeTooMany, overBudget)
      if (!isBinary) return refuse(closeMalformed, 'text messages are not part of the protocol')
      if (deliver) deliver(bytes)
      else early.push(bytes)
    })
    ws.on('close', () => {
      closed = true
    })
    ws.on('error', (error) =>
      logEvent(this.options.log, {
        level: 'error',
        event: 'error',
        ip,
        message: `collaboration socket error: ${error.message}`,
      }),
    )

    // A page of another site can open this socket and the browser adds the user's cookie: from
    // there, only a token the handshake names itself (and that is valid) signs in.
    const crossSite = requestSite(request, trustProxy) === 'cross-site'
    const token = socketToken(request, crossSite)
    const principal = await principalFor(this.options.storage, token)
    if (closed) return
    if (principal === undefined) {
      refuse(
        closeUnauthorized,
        crossSite && token === undefined
          ? 'sign in first: a connection from another site must present a token'
          : 'sign in first: no valid session',
      )
      return
    }
    const username = principal.user.username
    user = username
    if (principal.user.mustChangePassword) {
      // The same rule as the HTTP API's 403 `password-change-required`; the reason says which.
      refuse(closeUnauthorized, 'password-change-required: choose a new password first')
      return
    }
    if (!this.socketsPerUser.tryAdd(username, limits.maxSocketsPerUser)) {
      refuse(closeTooMany, `too many connections: at most ${limits.maxSocketsPerUser} per user`)
      return
    }
    ws.on('close', () => this.socketsPerUser.remove(username))
    let id: string
    try {
      id = decodeURIComponent(rawId)
    } catch {
      id = ''
    }
    reportId = id
    const document = isSlug(id) ? await this.options.registry.acquire(id) : undefined
    if (document === undefined) {
      refuse(closeNotFound, `no report "${id}"`)
      return
    }
    if (closed) {
      this.options.registry.release(id)
      return
    }
    const connection = this.connect(
      ws,
      socket,
      username,
      principal.session.tokenHash,
      principal.user.role,
      principal.user.actors,
      refuse,
    )
    this.connections.add(connection)
    ws.on('close', () => {
      this.connections.delete(connection)
      document.leave(connection)
      this.options.registry.release(id)
    })
    document.join(connection)
    deliver = (bytes) => this.deliver(document, connection, bytes)
    for (const bytes of early.splice(0)) deliver(bytes)
  }

  private connect(
    ws: WebSocket,
    socket: Duplex,
    username: string,
    tokenHash: string,
    role: Peer['permissions']['role'],
    actors: readonly string[],
    refuse: (code: number, reason: string) => void,
  ): Connection {
    let closed = false
    ws.on('close', () => {
      closed = true
    })
    // Each message is framed once for every socket it goes to and written to this one directly
    // (`socket-frames.ts`): ws's own send framed it again for each of 500 sockets. Messages sent in
    // one turn after the first leave together in one write. `socket` is the one the upgrade came
    // on, which ws took over (handleUpgrade's public contract): no private field of ws is read.
    const frames = new FrameWriter(socket)
    return {
      username,
      tokenHash,
      permissions: { role, actors: [...actors] },
      awareness: new AwarenessGuard(),
      get closed() {
        return closed || ws.readyState !== ws.OPEN
      },
      send(message) {
        if (closed || ws.readyState !== ws.OPEN) return
        frames.write(message)
      },
      close(code, reason) {
        if (closed) return
        closed = true
        // 44xx closes are logged (abuse and refusals); 1001/1011 come from shutdown and storage, logged there.
        if (code >= 4000) refuse(code, reason)
        else ws.close(code, closeReason(reason))
      },
    }
  }

  private deliver(document: ReportDocument, connection: Connection, bytes: Uint8Array): void {
    if (connection.closed) return
    let message: IncomingMessage
    try {
      message = parseMessage(bytes)
    } catch (error) {
      if (!(error instanceof MalformedMessage)) throw error
      connection.close(closeMalformed, `malformed message: ${error.message}`)
      return
    }
    try {
      document.receive(connection, message)
    } catch (error) {
      // A bug must not take the process down with it: report it and drop this connection only.
      logEvent(this.options.log, {
        level: 'error',
        event: 'error',
        report: document.id,
        user: connection.username,
        code: 1011,
        message: `handling a message failed`,
        error,
      })
      connection.close(1011, 'internal error')
    }
  }
}
