import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Where formatted lines go: standard output, or a file opened for appending (O_APPEND, so two
 * processes — the blue and green router slots — can share one file, and a file moved away by
 * logrotate keeps its lines until `reopen()` opens the new one). Writes are synchronous: this runs
 * on the logger thread only, never on a serving thread.
 */
export class LogSink {
  readonly target: string;
  #fd: number;

  /** `target`: `stdout` or a file path. */
  constructor(target: string) {
    this.target = target;
    this.#fd = target === 'stdout' ? 1 : openAppend(target);
  }

  write(text: string): void {
    let written = 0;
    const bytes = Buffer.from(text, 'utf8');
    while (written < bytes.length) written += writeSync(this.#fd, bytes, written);
  }

  /** Opens the file again (after logrotate moved it); the old descriptor is closed after. */
  reopen(): void {
    if (this.target === 'stdout') return;
    const fd = openAppend(this.target);
    const old = this.#fd;
    this.#fd = fd;
    closeSync(old);
  }

  close(): void {
    if (this.#fd > 2) closeSync(this.#fd);
    this.#fd = -1;
  }
}

function openAppend(path: string): number {
  mkdirSync(dirname(path), { recursive: true });
  return openSync(path, 'a', 0o640);
}
