import { Worker } from 'node:worker_threads';
import type { CertificateInvalidation, CertificateMatch } from '../../src/tls/certificate-messages.ts';
import type { CertificateStore } from '../../src/tls/certificate-store.ts';

/** A real worker thread holding a CertificateClient on a port of `store`. */
export class CertificateThread {
  readonly worker: Worker;
  readonly invalidations: CertificateInvalidation[] = [];
  readonly ticketKeys: string[] = [];
  readonly ready: Promise<{ version: number; hasTicketKeys: boolean }>;
  #nextId = 1;
  readonly #waiting = new Map<number, (value: unknown) => void>();
  #changed: (() => void)[] = [];

  constructor(store: CertificateStore) {
    const port = store.createPort();
    this.worker = new Worker(new URL('./certificate-worker.ts', import.meta.url), {
      workerData: { port },
      transferList: [port],
      execArgv: ['--disable-warning=ExperimentalWarning'],
    });
    let ready!: (value: { version: number; hasTicketKeys: boolean }) => void;
    this.ready = new Promise((resolve) => {
      ready = resolve;
    });
    this.worker.on('error', (error) => {
      throw error;
    });
    this.worker.on('message', (message) => {
      if (message.type === 'ready') ready(message);
      else if (message.type === 'invalidated') this.invalidations.push(message.invalidation);
      else if (message.type === 'ticket-keys') this.ticketKeys.push(message.current);
      else if (message.type === 'result') {
        this.#waiting.get(message.id)?.(message.match ?? message.covers);
        this.#waiting.delete(message.id);
      }
      for (const notify of this.#changed.splice(0)) notify();
    });
  }

  #ask(command: object): Promise<unknown> {
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#waiting.set(id, resolve);
      this.worker.postMessage({ id, ...command });
    });
  }

  lookup(serverName: string): Promise<CertificateMatch | undefined> {
    return this.#ask({ lookup: serverName }) as Promise<CertificateMatch | undefined>;
  }

  invalidates(names: string[] | null, serverName: string): Promise<boolean> {
    return this.#ask({ covers: { names, serverName } }) as Promise<boolean>;
  }

  /** Resolves once `predicate` holds after some message from the thread (or rejects after `timeoutMs`). */
  async until(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.#changed.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}
