import { type handleServerStreamingCall, type ServerWritableStream, status } from '@grpc/grpc-js';
import { type Certificate, type CertificateEvent, v1, type WatchCertificatesRequest } from '@switchyard/proto';
import type { Logger } from '@switchyard/telemetry';
import type { BearerAuth } from '../auth.ts';
import type { CertificateChange, CertificateState } from './certificate-state.ts';

/** A CertificateBatch or CertificateDelta is cut once its certificates pass this many encoded bytes. */
const TARGET_MESSAGE_BYTES = 256 * 1024;

interface Encoded {
  bytes: Buffer;
  /** The version a client has once it applied this event (0 inside a snapshot). */
  version: number;
}

function encode(event: CertificateEvent, version: number): Encoded {
  const bytes = v1.CertificateEvent.encode(event).finish();
  return { bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), version };
}

/** Certificates in chunks of about TARGET_MESSAGE_BYTES (sizes estimated from the PEMs). */
function* chunks(certificates: readonly Certificate[]): Generator<Certificate[]> {
  let chunk: Certificate[] = [];
  let size = 0;
  for (const cert of certificates) {
    chunk.push(cert);
    size += (cert.chainPem?.length ?? 0) + (cert.privateKeyPem?.length ?? 0) + 200;
    if (size >= TARGET_MESSAGE_BYTES) {
      yield chunk;
      chunk = [];
      size = 0;
    }
  }
  if (chunk.length > 0) yield chunk;
}

function* snapshotEvents(state: CertificateState): Generator<Encoded> {
  const version = state.version;
  const certificates = [...state.certificates.values()];
  const ticketKeys = state.ticketKeys;
  const acmeChallenges = state.acmeChallenges;
  yield encode({ snapshotStart: { version, total: certificates.length } }, 0);
  for (const chunk of chunks(certificates)) yield encode({ certificateBatch: { certificates: chunk } }, 0);
  yield encode({ snapshotEnd: { version, ticketKeys, acmeChallenges } }, version);
}

/** A change as delta events; every chunk but the last carries the previous version (a safe resume point). */
function* deltaEvents(change: CertificateChange): Generator<Encoded> {
  const parts = [...chunks(change.upserts)];
  if (parts.length === 0) parts.push([]);
  for (let i = 0; i < parts.length; i++) {
    const last = i === parts.length - 1;
    const version = last ? change.version : change.previousVersion;
    yield encode(
      {
        delta: {
          version,
          upserts: parts[i] as Certificate[],
          removedIds: last ? change.removedIds : [],
          commitTimeMs: change.commitTimeMs,
          ticketKeys: last ? (change.ticketKeys ?? null) : null,
          acmeChallenges: last ? (change.acmeChallenges ?? null) : null,
        },
      },
      version,
    );
  }
}

type Stream = ServerWritableStream<WatchCertificatesRequest, Buffer>;

/**
 * One WatchCertificates stream: a snapshot or the changes since the client's version, produced lazily
 * (one message in memory at a time), then live deltas (encoded once for every stream) and heartbeats.
 * A queue over `backlogBytes` is dropped and the stream is brought up to date from state instead.
 */
class CertificateStream {
  #producer: Iterator<Encoded> | null = null;
  #queue: Encoded[] = [];
  #queued = 0;
  #resumeFrom: number;
  #waiting = false;
  /** The queue overflowed while the client was not reading: catch up from state once it drains. */
  #stale = false;
  closed = false;
  lastWriteMs = Date.now();

  readonly stream: Stream;
  readonly state: CertificateState;
  readonly backlogBytes: number;

  constructor(stream: Stream, state: CertificateState, fromVersion: number, backlogBytes: number) {
    this.stream = stream;
    this.state = state;
    this.backlogBytes = backlogBytes;
    this.#resumeFrom = fromVersion;
    this.#catchUp();
  }

  #catchUp(): void {
    this.#queue = [];
    this.#queued = 0;
    const changes = this.state.changesSince(this.#resumeFrom);
    if (changes === null) this.#producer = snapshotEvents(this.state);
    else if (
      changes.upserts.length === 0 &&
      changes.removedIds.length === 0 &&
      !changes.ticketKeys &&
      !changes.acmeChallenges
    ) {
      this.#producer = [heartbeat(this.state)][Symbol.iterator]();
    } else this.#producer = deltaEvents({ ...changes, previousVersion: this.#resumeFrom });
    this.pump();
  }

  push(events: readonly Encoded[]): void {
    for (const event of events) {
      this.#queue.push(event);
      this.#queued += event.bytes.length;
    }
    if (this.#queued > this.backlogBytes) {
      this.#producer = null;
      this.#queue = [];
      this.#queued = 0;
      if (this.#waiting) this.#stale = true;
      else this.#catchUp();
      return;
    }
    this.pump();
  }

  pump(): void {
    while (!this.closed && !this.#waiting) {
      let event: Encoded | undefined;
      if (this.#producer) {
        const next = this.#producer.next();
        if (next.done) this.#producer = null;
        else event = next.value;
      }
      if (!event) {
        event = this.#queue.shift();
        if (event) this.#queued -= event.bytes.length;
      }
      if (!event) return;
      if (event.version > 0 && event.version < this.#resumeFrom) continue; // already covered by a catch-up
      if (event.version > 0) this.#resumeFrom = event.version;
      this.lastWriteMs = Date.now();
      if (!this.stream.write(event.bytes)) {
        this.#waiting = true;
        this.stream.once('drain', () => {
          this.#waiting = false;
          if (this.#stale) {
            this.#stale = false;
            this.#catchUp();
          } else this.pump();
        });
      }
    }
  }

  idle(now: number, ms: number): boolean {
    return (
      !this.closed &&
      !this.#waiting &&
      this.#producer === null &&
      this.#queue.length === 0 &&
      now - this.lastWriteMs >= ms
    );
  }
}

function heartbeat(state: CertificateState): Encoded {
  return encode({ heartbeat: { version: state.version, commitTimeMs: state.commitTimeMs } }, state.version);
}

export interface CertificateWatchDeps {
  region: string;
  /** Undefined when the cache has no platform key: it holds no certificates. */
  state: CertificateState | undefined;
  auth: BearerAuth | undefined;
  catchUp(version: number, timeoutMs: number, of: CertificateState): Promise<boolean>;
  catchUpTimeoutMs: number;
  heartbeatIntervalMs: number;
  backlogBytes: number;
  logger: Logger;
}

/** The WatchCertificates handler, and `close` to end every stream (shutdown). */
export function createCertificateWatch(deps: CertificateWatchDeps): {
  watchCertificates: handleServerStreamingCall<WatchCertificatesRequest, Buffer>;
  readonly subscribers: number;
  closeAll(details: string): void;
} {
  const streams = new Set<CertificateStream>();
  const { state, logger } = deps;
  state?.onChange((change) => {
    const events = [...deltaEvents(change)];
    for (const s of streams) s.push(events);
  });
  const timer = setInterval(
    () => {
      if (!state) return;
      const now = Date.now();
      for (const s of streams) if (s.idle(now, deps.heartbeatIntervalMs)) s.push([heartbeat(state)]);
    },
    Math.max(50, Math.floor(deps.heartbeatIntervalMs / 2)),
  );
  timer.unref();

  const refuse = (call: Stream, code: status, details: string) => {
    call.emit('error', { code, details });
  };

  const watchCertificates: handleServerStreamingCall<WatchCertificatesRequest, Buffer> = async (call) => {
    const request = call.request;
    const clientId = request.clientId || 'anonymous';
    const peer = call.getPeer();
    // Key material goes only to clients that proved who they are: a cache without a token serves none.
    if (!deps.auth) {
      return refuse(
        call,
        status.FAILED_PRECONDITION,
        'this cache serves certificates only to authenticated clients: start it with --token-file',
      );
    }
    if (!deps.auth.allows(call.metadata)) {
      logger.warn({ peer, clientId }, 'certificate watch refused: unauthenticated');
      return refuse(call, status.UNAUTHENTICATED, 'missing or wrong bearer token in the authorization metadata');
    }
    if (!state) {
      return refuse(
        call,
        status.FAILED_PRECONDITION,
        'this cache holds no certificates: start it with --cert-key-file (or SWITCHYARD_CERT_KEY)',
      );
    }
    if (!state.loaded) return refuse(call, status.UNAVAILABLE, 'the cache has not loaded the certificates yet');
    const region = request.region ?? '';
    if (region !== '' && region !== deps.region) {
      return refuse(
        call,
        status.INVALID_ARGUMENT,
        `WatchCertificatesRequest.region "${region}" is not served here: this cache serves region "${deps.region}"`,
      );
    }
    const fromVersion = Number(request.fromVersion ?? 0);
    if (!Number.isSafeInteger(fromVersion) || fromVersion < 0) {
      return refuse(
        call,
        status.INVALID_ARGUMENT,
        `WatchCertificatesRequest.from_version ${fromVersion} is out of range`,
      );
    }
    if (fromVersion > state.version && !(await deps.catchUp(fromVersion, deps.catchUpTimeoutMs, state))) {
      if (call.cancelled) return;
      return refuse(
        call,
        status.UNAVAILABLE,
        `this cache's certificates are at version ${state.version}, behind from_version ${fromVersion}; try another cache`,
      );
    }
    if (call.cancelled) return;
    const stream = new CertificateStream(call, state, fromVersion, deps.backlogBytes);
    streams.add(stream);
    const detach = () => {
      stream.closed = true;
      streams.delete(stream);
    };
    call.on('cancelled', detach);
    call.on('close', detach);
    call.on('error', detach);
    logger.info({ clientId, peer, fromVersion, version: state.version }, 'certificate subscriber connected');
  };

  return {
    watchCertificates,
    get subscribers() {
      return streams.size;
    },
    closeAll(details: string) {
      clearInterval(timer);
      for (const s of streams) {
        s.closed = true;
        s.stream.emit('error', { code: status.UNAVAILABLE, details });
      }
      streams.clear();
    },
  };
}
