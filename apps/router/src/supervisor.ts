import { EventEmitter } from 'node:events';
import type { HeapInfo } from 'node:v8';
import { type MessagePort, Worker } from 'node:worker_threads';
import { HandoverTracker, handoverMessage, isAckMessage, type TableHandle } from '@switchyard/route-table';
import type { Logger } from '@switchyard/telemetry';
import { WorkerStartError } from './errors.ts';
import {
  isListeningMessage,
  isPreparedMessage,
  type ListenMessage,
  type StaticServingConfig,
  type TlsServingConfig,
  type WorkerData,
} from './messages.ts';

/**
 * The serving thread's module, next to this one: `worker.ts` when running from sources (vitest,
 * Node's type stripping), `worker.js` from dist. From sources the worker must resolve workspace
 * packages to their sources too, hence `--conditions=source`.
 */
const fromSources = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(fromSources ? './worker.ts' : './worker.js', import.meta.url);
const WORKER_EXEC_ARGV = fromSources ? ['--conditions=source', '--disable-warning=ExperimentalWarning'] : [];

export interface SupervisorOptions {
  workers: number;
  host: string;
  /** 0: the first thread picks a free port and the others join it. */
  port: number;
  handle: TableHandle;
  metrics: SharedArrayBuffer;
  activator: string | undefined;
  instanceCooldownMs: number;
  /** The upstream read timeout (default 60 s). */
  upstreamTimeoutMs?: number;
  /** Connections each thread serves at once; more wait in arrival order. */
  maxConnections: number;
  /** Static-site serving; undefined → static sites answer 503. */
  static?: StaticServingConfig;
  /** The TLS listener; undefined → plain HTTP only. */
  tls?: TlsServingConfig;
  /** A new port to the certificate store, one per thread started (tls/certificate-store.ts). */
  certificatePort?: () => MessagePort;
  /** Peers whose X-Forwarded-*, X-Request-Id and trace context are kept. */
  trustedHops?: readonly string[];
  /** Access-log rings, one per slot, and how to fill them; undefined: no access log. */
  accessLog?: { rings: readonly SharedArrayBuffer[]; sampleRate: number; includeQuery: boolean };
  logger: Logger;
  /** Delay before a thread that died is replaced (doubles while threads keep dying, up to 5 s). */
  restartDelayMs?: number;
}

export interface WorkerStatus {
  slot: number;
  threadId: number;
  /** Table generation the thread last acknowledged. */
  generation: number;
}

interface Slot {
  worker: Worker | undefined;
  generation: number;
  startedAt: number;
  /** Settles when the thread listens (or fails to). */
  listening: Promise<void>;
}

interface Events {
  restarted: [number];
}

/**
 * N serving threads (plain worker_threads: long-lived, not a pool), each an HTTP server on the
 * same address with reusePort. A thread that dies is replaced while the others keep serving;
 * new table generations are handed to all of them; drain() stops them gracefully.
 */
export class Supervisor extends EventEmitter<Events> {
  readonly #options: SupervisorOptions;
  readonly #slots: Slot[] = [];
  readonly #tracker: HandoverTracker;
  readonly #logger: Logger;
  #port: number;
  #tlsPort: number | undefined;
  #stopping = false;
  /** Threads started by prepare(), loaded and waiting to be told to listen. */
  #prepared: Promise<void> | undefined;
  /** Threads listen (start() was called): a replacement listens at once. */
  #live = false;
  #restarts = 0;
  #recentDeaths = 0;

  constructor(options: SupervisorOptions) {
    super();
    this.#options = options;
    this.#logger = options.logger;
    this.#port = options.port;
    this.#tlsPort = options.tls?.port;
    this.#tracker = new HandoverTracker(options.handle);
  }

  get port(): number {
    return this.#port;
  }

  /** The TLS listener's port, once the first thread listens; undefined without TLS. */
  get tlsPort(): number | undefined {
    return this.#tlsPort;
  }

  get restarts(): number {
    return this.#restarts;
  }

  /**
   * Starts every thread without listening: they load their modules and build their servers while
   * the main thread is still loading the table (a snapshot streaming in, a state-dir image being
   * read). start() then only has them listen. Optional: start() alone does both.
   */
  prepare(): void {
    if (this.#slots.length > 0) return;
    this.#addSlots();
    this.#prepared = Promise.all(this.#slots.map((_, i) => this.#spawn(i, false))).then(() => {});
    this.#prepared.catch(() => {});
  }

  /** Starts every thread (or lets the prepared ones listen); resolves once all of them accept connections. */
  async start(): Promise<void> {
    const prepared = this.#prepared;
    if (prepared === undefined) this.#addSlots();
    else await prepared;
    this.#live = true;
    // The first thread binds (and picks the port when it is 0); the others join its port.
    await this.#listen(0, prepared === undefined);
    await Promise.all(this.#slots.slice(1).map((_, i) => this.#listen(i + 1, prepared === undefined)));
  }

  #addSlots(): void {
    for (let slot = 0; slot < this.#options.workers; slot++) {
      this.#slots.push({ worker: undefined, generation: 0, startedAt: 0, listening: Promise.resolve() });
    }
  }

  /** Spawns a thread that listens at once, or tells a prepared one to listen; settles when it does. */
  #listen(index: number, spawn: boolean): Promise<void> {
    if (spawn) return this.#spawn(index, true);
    const slot = this.#slots[index] as Slot;
    const message: ListenMessage = { type: 'listen', port: this.#port, tlsPort: this.#tlsPort };
    slot.worker?.postMessage(message);
    return slot.listening;
  }

  /** A new table generation: every thread switches between requests and acknowledges. */
  publish(handle: TableHandle): void {
    this.#tracker.publish(handle);
    const message = handoverMessage(handle);
    for (const slot of this.#slots) slot.worker?.postMessage(message);
  }

  status(): WorkerStatus[] {
    return this.#slots.flatMap((slot, index) =>
      slot.worker ? [{ slot: index, threadId: slot.worker.threadId, generation: slot.generation }] : [],
    );
  }

  /** Each serving thread's V8 heap (for /debug/memory): Worker#getHeapStatistics, no message to the thread. */
  async heapStatistics(): Promise<{ slot: number; threadId: number; heap: HeapInfo }[]> {
    const running = this.#slots.flatMap((slot, index) => (slot.worker ? [{ slot: index, worker: slot.worker }] : []));
    return Promise.all(
      running.map(async ({ slot, worker }) => ({
        slot,
        threadId: worker.threadId,
        heap: await worker.getHeapStatistics(),
      })),
    );
  }

  /** Generations still held for a thread that has not switched yet. */
  retainedGenerations(): number[] {
    return this.#tracker.retainedGenerations();
  }

  /** Ends one thread abruptly, as a crash would (operators and tests); it is replaced. */
  async terminate(slot: number): Promise<void> {
    await this.#slots[slot]?.worker?.terminate();
  }

  /** Stops accepting on every thread, lets in-flight requests finish up to `timeoutMs`, then ends them. */
  async drain(timeoutMs: number): Promise<void> {
    this.#stopping = true;
    await Promise.all(
      this.#slots.map(async (slot) => {
        const worker = slot.worker;
        if (worker === undefined) return;
        const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
        worker.postMessage({ type: 'drain', timeoutMs });
        const hardStop = setTimeout(() => void worker.terminate(), timeoutMs + 2_000);
        await exited;
        clearTimeout(hardStop);
      }),
    );
  }

  /** Resolves once the thread listens (`listenNow`), or once it is loaded and waits to be told to. */
  #spawn(index: number, listenNow: boolean): Promise<void> {
    const options = this.#options;
    const handle = this.#tracker.handle;
    const data: WorkerData = {
      slot: index,
      host: options.host,
      port: this.#port,
      handle,
      metrics: options.metrics,
      activator: options.activator,
      instanceCooldownMs: options.instanceCooldownMs,
      upstreamTimeoutMs: options.upstreamTimeoutMs ?? 60_000,
      maxConnections: options.maxConnections,
      static: options.static,
      tls: options.tls === undefined ? undefined : { ...options.tls, port: this.#tlsPort ?? 0 },
      certificates: options.certificatePort?.(),
      trustedHops: options.trustedHops ?? [],
      accessLog:
        options.accessLog === undefined
          ? undefined
          : {
              ring: options.accessLog.rings[index] as SharedArrayBuffer,
              sampleRate: options.accessLog.sampleRate,
              includeQuery: options.accessLog.includeQuery,
            },
      listenNow,
    };
    const worker = new Worker(WORKER_URL, {
      workerData: data,
      transferList: data.certificates === undefined ? [] : [data.certificates],
      execArgv: WORKER_EXEC_ARGV,
      name: `serve-${index}`,
    });
    const slot = this.#slots[index] as Slot;
    slot.worker = worker;
    slot.generation = handle.generation;
    slot.startedAt = Date.now();
    this.#tracker.addReader(index, handle.generation);

    let onPrepared: () => void = () => {};
    const prepared = new Promise<void>((resolve) => {
      onPrepared = resolve;
    });
    slot.listening = new Promise<void>((resolve, reject) => {
      let listening = false;
      worker.on('message', (message: unknown) => {
        if (isAckMessage(message)) {
          slot.generation = message.generation;
          this.#tracker.acknowledge(index, message.generation);
        } else if (isPreparedMessage(message)) {
          onPrepared();
        } else if (isListeningMessage(message)) {
          listening = true;
          if (this.#port === 0) this.#port = message.port;
          if (this.#tlsPort === 0) this.#tlsPort = message.tlsPort;
          this.#logger.info(
            { slot: index, threadId: worker.threadId, port: message.port, tlsPort: message.tlsPort },
            'serving thread listening',
          );
          resolve();
        }
      });
      // A handle published while the thread was starting (it started with `handle`).
      if (this.#tracker.handle !== handle) worker.postMessage(handoverMessage(this.#tracker.handle));
      worker.on('error', (error) => {
        this.#logger.error({ slot: index, err: error }, 'serving thread failed');
        if (!listening) reject(new WorkerStartError(`serving thread ${index} failed to start: ${error.message}`));
      });
      worker.on('exit', (code) => {
        if (slot.worker !== worker) return;
        slot.worker = undefined;
        this.#tracker.removeReader(index);
        if (!listening)
          reject(new WorkerStartError(`serving thread ${index} exited with code ${code} before listening`));
        if (this.#stopping) return;
        this.#replace(index, code, Date.now() - slot.startedAt);
      });
    });
    slot.listening.catch(() => {});
    return listenNow ? slot.listening : Promise.race([prepared, slot.listening]);
  }

  #replace(index: number, code: number, livedMs: number): void {
    this.#restarts++;
    this.#recentDeaths = livedMs < 10_000 ? this.#recentDeaths + 1 : 0;
    const base = this.#options.restartDelayMs ?? 50;
    const delay = Math.min(5_000, base * 2 ** Math.min(this.#recentDeaths, 10));
    this.#logger.warn({ slot: index, code, restartInMs: delay }, 'serving thread died; replacing it');
    setTimeout(() => {
      if (this.#stopping) return;
      this.#spawn(index, this.#live).then(
        () => this.emit('restarted', index),
        (error: Error) => this.#logger.error({ slot: index, err: error }, 'replacement serving thread failed'),
      );
    }, delay).unref();
  }
}
