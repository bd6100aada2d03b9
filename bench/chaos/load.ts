// The chaos soak's healthy load (bench/chaos/run.ts), in a process of its own: keep-alive clients,
// each with one connection per router, each sending at a fixed rate a mix of GET, POST with a body,
// a slow streamed GET, WebSocket echo, static files and free-tier (activator) requests. A client
// balances itself as a load balancer would: it prefers one router and, when a connection is
// refused (nothing was sent), sends the same request to the next one. Every request is recorded:
// which router it went to, when it started and ended, how it ended. Started with a JSON config as
// argv[2]; on the IPC message `stop` it stops sending, waits for what is in flight, writes its
// records to config.out and answers `done`. Mode `saturate`: every client sends back to back.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Agent, type IncomingMessage, request } from 'node:http';
import type { Socket } from 'node:net';

export interface LoadConfig {
  routers: number[];
  hosts: { paid: string; static: string; free: string };
  clients: number;
  /** Requests a second per client; 0: back to back (saturation). */
  ratePerClient: number;
  timeoutMs: number;
  out: string;
}

export type Kind = 'get' | 'post' | 'slow' | 'ws' | 'static' | 'free-get' | 'free-post';
const MIX: [Kind, number][] = [
  ['get', 30],
  ['post', 20],
  ['slow', 5],
  ['ws', 8],
  ['static', 25],
  ['free-get', 7],
  ['free-post', 5],
];

export interface Failure {
  kind: Kind;
  router: number;
  start: number;
  end: number;
  cause: string;
  /** The x-instance of the answer, when its head arrived. */
  instance?: string;
}

export interface LoadRecords {
  sent: Record<string, number>;
  ok: Record<string, number>;
  failures: Failure[];
  /** Successful requests: start times (ms, Unix), durations (ms) and kinds, same order. */
  okStart: number[];
  okMs: number[];
  okKind: Kind[];
  /** Requests sent again to the next router after a refused connection. */
  refusedRetries: number;
}

const config = JSON.parse(process.argv[2] as string) as LoadConfig;
const now = () => performance.timeOrigin + performance.now();
const records: LoadRecords = { sent: {}, ok: {}, failures: [], okStart: [], okMs: [], okKind: [], refusedRetries: 0 };
let running = true;
const BODY = randomBytes(16 * 1024);

function pickKind(): Kind {
  const total = MIX.reduce((sum, [, w]) => sum + w, 0);
  let r = Math.random() * total;
  for (const [kind, weight] of MIX) {
    r -= weight;
    if (r < 0) return kind;
  }
  return 'get';
}

class Refused extends Error {}
type Outcome = { cause?: string; instance?: string };

/** How one exchange ends, decided once: an outcome, or refused (the caller tries the next router). */
function ending(resolve: (outcome: Outcome) => void, reject: (error: Error) => void) {
  let settled = false;
  const settle = (outcome: Outcome) => {
    if (settled) return;
    settled = true;
    resolve(outcome);
  };
  const failed = (error: NodeJS.ErrnoException, outcome: () => Outcome) => {
    if (settled) return;
    if (error.code !== 'ECONNREFUSED') return settle(outcome());
    settled = true;
    reject(new Refused());
  };
  return { settle, failed };
}

function httpExchange(agent: Agent, port: number, kind: Kind): Promise<Outcome> {
  const host =
    kind === 'static' ? config.hosts.static : kind.startsWith('free') ? config.hosts.free : config.hosts.paid;
  const post = kind === 'post' || kind === 'free-post';
  const size = post ? 1 + Math.floor(Math.random() * BODY.length) : 0;
  const path = kind === 'slow' ? '/slow' : kind === 'static' ? (Math.random() < 0.5 ? '/' : '/app.js') : '/';
  return new Promise((resolve, reject) => {
    let headers: IncomingMessage | undefined;
    const { settle, failed } = ending(resolve, reject);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: post ? 'POST' : 'GET',
        agent,
        headers: post ? { host, 'content-length': String(size) } : { host },
        timeout: config.timeoutMs,
      },
      (res) => {
        headers = res;
        const instance = res.headers['x-instance'] as string | undefined;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < 256) body += chunk;
        });
        res.on('error', (error: NodeJS.ErrnoException) =>
          settle({ cause: `aborted mid-response (${error.code ?? error.message})`, ...(instance ? { instance } : {}) }),
        );
        res.on('aborted', () => settle({ cause: 'aborted mid-response', ...(instance ? { instance } : {}) }));
        res.on('end', () => {
          if (res.statusCode !== 200) {
            const why =
              body
                .split('\n')
                .find((l) => l.trim() !== '')
                ?.slice(0, 80) ?? '';
            return settle({ cause: `status ${res.statusCode} ${why}`.trim(), ...(instance ? { instance } : {}) });
          }
          if (post && kind === 'post' && body !== String(size))
            return settle({ cause: `bad echo (${body.slice(0, 20)} ≠ ${size})` });
          settle(instance ? { instance } : {});
        });
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('client timeout'), { code: 'CLIENT_TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) =>
      failed(error, () => {
        const instance = headers?.headers['x-instance'] as string | undefined;
        return {
          cause: headers ? `aborted mid-response (${error.code ?? error.message})` : (error.code ?? error.message),
          ...(instance ? { instance } : {}),
        };
      }),
    );
    if (post) req.end(BODY.subarray(0, size));
    else req.end();
  });
}

/** A WebSocket through the router: upgrade, three masked text frames echoed, a close frame. */
function wsExchange(port: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const { settle, failed } = ending(resolve, reject);
    const req = request({
      host: '127.0.0.1',
      port,
      path: '/ws',
      agent: false,
      timeout: config.timeoutMs,
      headers: {
        host: config.hosts.paid,
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
      },
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('client timeout'), { code: 'CLIENT_TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) =>
      failed(error, () => ({ cause: `ws: ${error.code ?? error.message}` })),
    );
    req.on('response', (res) => {
      res.resume();
      settle({ cause: `ws: status ${res.statusCode}` });
    });
    req.on('upgrade', (res, socket: Socket, head: Buffer) => {
      const instance = res.headers['x-instance'] as string | undefined;
      const withInstance = (cause?: string): Outcome => ({
        ...(cause ? { cause } : {}),
        ...(instance ? { instance } : {}),
      });
      const messages = ['one', 'two', 'three'];
      const frame = (opcode: number, text: string) => {
        const payload = Buffer.from(text);
        const mask = randomBytes(4);
        const masked = Buffer.from(payload);
        for (let i = 0; i < masked.length; i++) masked[i] = (masked[i] as number) ^ (mask[i % 4] as number);
        return Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | payload.length]), mask, masked]);
      };
      let buffered = head;
      let index = 0;
      const timer = setTimeout(() => {
        socket.destroy();
        settle(withInstance('ws: client timeout'));
      }, config.timeoutMs);
      socket.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        settle(withInstance(`ws: ${error.code ?? error.message}`));
      });
      socket.on('close', () => {
        clearTimeout(timer);
        settle(withInstance(index > messages.length ? undefined : 'ws: closed early'));
      });
      socket.on('data', (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        while (buffered.length >= 2) {
          const length = (buffered[1] as number) & 0x7f;
          if (buffered.length < 2 + length) return;
          const text = buffered.subarray(2, 2 + length).toString();
          buffered = buffered.subarray(2 + length);
          if (index < messages.length) {
            if (text !== messages[index]) {
              socket.destroy();
              return settle(withInstance(`ws: bad echo ${text}`));
            }
            index++;
            socket.write(index < messages.length ? frame(0x1, messages[index] as string) : frame(0x8, ''));
          } else {
            index++;
            socket.end();
          }
        }
      });
      socket.write(frame(0x1, messages[0] as string));
    });
    req.end();
  });
}

function count(map: Record<string, number>, key: string) {
  map[key] = (map[key] ?? 0) + 1;
}

async function client(index: number): Promise<void> {
  const agents = config.routers.map(() => new Agent({ keepAlive: true, maxSockets: 1 }));
  const interval = config.ratePerClient > 0 ? 1000 / config.ratePerClient : 0;
  let next = now() + Math.random() * interval;
  while (running) {
    const wait = next - now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (!running) break;
    next = Math.max(next + interval, now() - interval); // no burst to catch up after a stall
    const kind = pickKind();
    count(records.sent, kind);
    const start = now();
    let outcome: Outcome | undefined;
    let router = 0;
    for (let attempt = 0; attempt < config.routers.length; attempt++) {
      router = (index + attempt) % config.routers.length;
      try {
        const port = config.routers[router] as number;
        outcome = await (kind === 'ws' ? wsExchange(port) : httpExchange(agents[router] as Agent, port, kind));
        break;
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
        if (attempt + 1 < config.routers.length) records.refusedRetries++;
      }
    }
    const end = now();
    outcome ??= { cause: 'ECONNREFUSED (every router)' };
    if (outcome.cause === undefined) {
      count(records.ok, kind);
      records.okStart.push(start);
      records.okMs.push(end - start);
      records.okKind.push(kind);
    } else {
      records.failures.push({
        kind,
        router,
        start,
        end,
        cause: outcome.cause,
        ...(outcome.instance ? { instance: outcome.instance } : {}),
      });
    }
  }
  for (const agent of agents) agent.destroy();
}

const clients = Array.from({ length: config.clients }, (_, i) => client(i));
process.on('message', (message: { op: string }) => {
  if (message.op !== 'stop') return;
  running = false;
  void Promise.all(clients).then(() => {
    writeFileSync(config.out, JSON.stringify(records));
    process.send?.({ op: 'done' });
  });
});
process.send?.({ op: 'started' });
