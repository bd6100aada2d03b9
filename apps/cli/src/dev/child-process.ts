import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/** A component failed to start or stopped answering; the message ends with its log's tail. */
export class DevComponentError extends Error {
  override readonly name = 'DevComponentError';
  readonly code = 'DEV_COMPONENT';
}

const ENTRY = fileURLToPath(new URL('./component.js', import.meta.url));

/** A component child process of `switchyard dev`, in its own process group, logging to a file. */
export class DevChild {
  readonly name: string;
  readonly logFile: string;
  readonly pid: number;
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  readonly exited: Promise<number | string>;
  private readonly child: ChildProcess;
  private gone = false;

  constructor(name: string, argv: string[], logFile: string) {
    this.name = name;
    this.logFile = logFile;
    const log = openSync(logFile, 'a');
    try {
      // detached: a process group of its own, so a terminal's Ctrl-C reaches `dev` only and `dev`
      // stops the children in order; the IPC channel lets each child notice when `dev` is gone.
      this.child = spawn(process.execPath, [ENTRY, ...argv], {
        detached: true,
        stdio: ['ignore', log, log, 'ipc'],
      });
    } finally {
      closeSync(log);
    }
    if (this.child.pid === undefined) throw new Error(`could not start ${name}`);
    this.pid = this.child.pid;
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.gone = true;
        resolve(code ?? signal ?? 'unknown');
      });
    });
  }

  get running(): boolean {
    return !this.gone;
  }

  /** The first IPC message the child sends, or an error carrying its log's tail if it exits first. */
  firstMessage<T>(): Promise<T> {
    return new Promise((resolve, reject) => {
      this.child.once('message', (message) => resolve(message as T));
      void this.exited.then((how) => reject(this.failure(`exited (${how}) before it was ready`)));
    });
  }

  /** An error naming this component, with the end of its log. */
  failure(what: string): Error {
    let tail = '';
    try {
      tail = readFileSync(this.logFile, 'utf8').split('\n').slice(-15).join('\n');
    } catch {}
    return new DevComponentError(`${this.name} ${what}; its log ${this.logFile} ends with:\n${tail}`);
  }

  /** SIGTERM, then SIGKILL to the whole group if it has not exited within `graceMs`. */
  async stop(graceMs: number): Promise<void> {
    if (this.gone) return;
    this.signal('SIGTERM', this.pid);
    const timedOut = await Promise.race([this.exited.then(() => false), sleep(graceMs).then(() => true)]);
    if (timedOut) {
      this.signal('SIGKILL', -this.pid);
      await this.exited;
    }
    // Never before the exit: a child takes a disconnect as a second stop signal (exit at once).
    if (this.child.connected) this.child.disconnect();
  }

  private signal(signal: NodeJS.Signals, pid: number): void {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/** Polls `url` until it answers 200; fails when `child` exits first or after `timeoutMs`. */
export async function waitUntilReady(child: DevChild, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!child.running) throw child.failure(`exited (${await child.exited}) before it was ready`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(1_000) }).then(
      (res) => res.status === 200,
      () => false,
    );
    if (ok) return;
    await sleep(100);
  }
  throw child.failure(`was not ready at ${url} after ${timeoutMs} ms`);
}
