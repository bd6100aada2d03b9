import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { freePort } from '../../src/scalers/free-port.ts';
import { DEMO_APP, starts } from './stack.ts';

interface Managed {
  child: ChildProcess;
  port: number;
  startsFile: string;
}

/**
 * A small real orchestrator for the http scaler: `POST /services/<name>/wake` starts the demo app
 * as a real process, `GET /services/<name>` says starting/ready (ready once the app logged that it
 * listens), `POST /services/<name>/sleep` stops it. A name starting with `fail-` never starts:
 * its status is `{"state": "failed"}`.
 */
export class Orchestrator {
  readonly calls: string[] = [];
  readonly #running = new Map<string, Managed>();
  readonly #dir: string;
  #server!: Server;
  url = '';

  constructor(dir: string) {
    this.#dir = dir;
  }

  startsFile(name: string): string {
    return join(this.#dir, `orchestrated-${name}.starts`);
  }

  pidOf(name: string): number | undefined {
    return this.#running.get(name)?.child.pid;
  }

  /** Kills a running instance behind the activator's back (its status then says `stopped`). */
  crash(name: string): void {
    this.#running.get(name)?.child.kill('SIGKILL');
  }

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      void this.#handle(req.method ?? 'GET', req.url ?? '/').then(
        ([status, body]) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        },
        (error: Error) => {
          res.writeHead(500);
          res.end(error.message);
        },
      );
    });
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async #handle(method: string, url: string): Promise<[number, unknown]> {
    this.calls.push(`${method} ${url}`);
    const match = /^\/services\/([^/]+)(\/wake|\/sleep)?$/.exec(url);
    if (match === null) return [404, { error: 'no such route' }];
    const name = decodeURIComponent(match[1] as string);
    const action = match[2];
    const managed = this.#running.get(name);
    if (method === 'POST' && action === '/wake') {
      if (name.startsWith('fail-') || managed !== undefined) return [202, {}];
      const port = await freePort('127.0.0.1');
      const startsFile = this.startsFile(name);
      const child = spawn(process.execPath, [DEMO_APP], {
        env: { PORT: String(port), NAME: name, STARTS_FILE: startsFile, START_DELAY_MS: '300' },
        stdio: 'ignore',
      });
      this.#running.set(name, { child, port, startsFile });
      child.once('exit', () => {
        if (this.#running.get(name)?.child === child) this.#running.delete(name);
      });
      return [202, {}];
    }
    if (method === 'POST' && action === '/sleep') {
      if (managed === undefined) return [404, { error: 'not running' }];
      this.#running.delete(name);
      managed.child.kill('SIGTERM');
      return [200, {}];
    }
    if (method === 'GET' && action === undefined) {
      if (name.startsWith('fail-')) return [200, { state: 'failed', error: 'no capacity left in this zone' }];
      if (managed === undefined) return [200, { state: 'stopped' }];
      const listening = (await starts(managed.startsFile)).listening.some(([pid]) => pid === managed.child.pid);
      return [200, listening ? { state: 'ready', host: '127.0.0.1', port: managed.port } : { state: 'starting' }];
    }
    return [405, { error: 'method not allowed' }];
  }

  async stop(): Promise<void> {
    for (const managed of this.#running.values()) managed.child.kill('SIGKILL');
    this.#running.clear();
    await new Promise((resolve) => this.#server.close(resolve));
  }
}
