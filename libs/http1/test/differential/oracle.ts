import { once } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';

/**
 * The reference: llhttp as node:http uses it, in strict mode (insecureHTTPParser false), reached
 * only through public APIs. Requests go over a raw socket to a real node:http server that records
 * what it parsed; responses come from a raw socket server to a node:http client. Loopback only.
 */

/** One message as llhttp delivered it. */
export interface OracleMessage {
  /** Requests: method and target; responses: status. */
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly rawHeaders: readonly string[];
  readonly chunks: Buffer[];
  /** The body ended where llhttp's framing says (not cut short by the close). */
  complete: boolean;
  /** llhttp's verdict on keeping the connection (requests). */
  readonly keepAlive: boolean;
}

export interface OracleResult {
  /** 1xx responses before the final one (responses only). */
  readonly interim: { status: number; rawHeaders: readonly string[] }[];
  readonly messages: OracleMessage[];
  /** An llhttp error code (`HPE_…`), another error's code, or null. */
  error: string | null;
}

/** Oracle-side head limits: above the engine's, so a size limit never decides a comparison. */
const ORACLE_MAX_HEADER_SIZE = 256 * 1024;
/** Only a hung case waits this long (a case takes about a millisecond). */
const CASE_TIMEOUT_MS = 15_000;

function newResult(): OracleResult {
  return { interim: [], messages: [], error: null };
}

/** A node:http server on 127.0.0.1 recording every request it parses, per connection. */
export class RequestOracle {
  readonly #server: http.Server;
  readonly #port: number;
  /** Keyed by the client's local port, filled by whichever side sees the connection first. */
  readonly #byPort = new Map<number, OracleResult>();
  readonly #bySocket = new WeakMap<Socket, OracleResult>();

  private constructor(server: http.Server) {
    this.#server = server;
    this.#port = (server.address() as AddressInfo).port;
  }

  static async start(): Promise<RequestOracle> {
    const server = http.createServer({
      insecureHTTPParser: false,
      maxHeaderSize: ORACLE_MAX_HEADER_SIZE,
      requireHostHeader: true,
      keepAliveTimeout: CASE_TIMEOUT_MS,
    });
    server.maxHeadersCount = 0;
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const oracle = new RequestOracle(server);
    server.on('connection', (socket: Socket) => {
      oracle.#bySocket.set(socket, oracle.#record(socket.remotePort as number));
    });
    const onRequest = (req: IncomingMessage, res: ServerResponse) => oracle.#onRequest(req, res);
    server.on('request', onRequest);
    server.on('checkExpectation', onRequest);
    server.on('connect', (req: IncomingMessage, socket: Socket) => {
      oracle.#bySocket.get(socket)?.messages.push(message(req, true));
      socket.destroy();
    });
    server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
      const result = oracle.#bySocket.get(socket);
      if (result && result.error === null) result.error = err.code ?? err.message;
      socket.destroy();
    });
    return oracle;
  }

  /** Sends `bytes` on a fresh connection, half-closes, and returns what the server parsed. */
  run(bytes: Buffer): Promise<OracleResult> {
    return new Promise((resolve) => {
      const socket = net.connect(this.#port, '127.0.0.1');
      let port = -1;
      const timer = setTimeout(() => {
        const result = this.#record(port);
        result.error ??= 'timeout';
        socket.destroy();
      }, CASE_TIMEOUT_MS);
      socket.on('connect', () => {
        port = socket.localPort as number;
        this.#record(port);
        socket.end(bytes);
      });
      let connectError: string | null = null;
      socket.on('data', () => {});
      socket.on('error', (err: NodeJS.ErrnoException) => {
        if (port === -1) connectError = err.code ?? err.message;
      });
      socket.on('close', () => {
        clearTimeout(timer);
        const result = this.#record(port);
        this.#byPort.delete(port);
        // Never connected: say so, rather than report "llhttp saw nothing".
        if (port === -1) result.error = `oracle-connect-${connectError ?? 'failed'}`;
        resolve(result);
      });
    });
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    this.#server.close();
    await once(this.#server, 'close');
  }

  #record(port: number): OracleResult {
    let result = this.#byPort.get(port);
    if (result === undefined) {
      result = newResult();
      this.#byPort.set(port, result);
    }
    return result;
  }

  #onRequest(req: IncomingMessage, res: ServerResponse): void {
    const result = this.#bySocket.get(req.socket);
    const m = message(req, res.shouldKeepAlive);
    result?.messages.push(m);
    req.on('data', (chunk: Buffer) => m.chunks.push(chunk));
    req.on('error', () => {});
    req.on('end', () => {
      m.complete = true;
      res.end('ok');
    });
  }
}

function message(msg: IncomingMessage, keepAlive: boolean): OracleMessage {
  return {
    method: msg.method ?? '',
    url: msg.url ?? '',
    status: msg.statusCode ?? 0,
    rawHeaders: msg.rawHeaders,
    chunks: [],
    complete: false,
    keepAlive,
  };
}

/**
 * A raw socket server that answers `GET /<id>` with the bytes registered for that id and closes;
 * node:http's client parses them.
 */
export class ResponseOracle {
  readonly #server: net.Server;
  readonly #port: number;
  readonly #pending = new Map<number, Buffer>();
  #nextId = 0;

  private constructor(server: net.Server) {
    this.#server = server;
    this.#port = (server.address() as AddressInfo).port;
  }

  static async start(): Promise<ResponseOracle> {
    const server = net.createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const oracle = new ResponseOracle(server);
    server.on('connection', (socket) => oracle.#serve(socket));
    return oracle;
  }

  run(method: 'GET' | 'HEAD', bytes: Buffer): Promise<OracleResult> {
    const id = this.#nextId++;
    this.#pending.set(id, bytes);
    return new Promise((resolve) => {
      const result = newResult();
      let settled = false;
      const settle = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.#pending.delete(id);
        resolve(result);
      };
      const req = http.request({
        host: '127.0.0.1',
        port: this.#port,
        method,
        path: `/${id}`,
        agent: false,
        insecureHTTPParser: false,
        maxHeaderSize: ORACLE_MAX_HEADER_SIZE,
      });
      const timer = setTimeout(() => {
        result.error ??= 'timeout';
        req.destroy();
        settle();
      }, CASE_TIMEOUT_MS);
      req.on('information', (info) => result.interim.push({ status: info.statusCode, rawHeaders: info.rawHeaders }));
      req.on('response', (res) => {
        const m = message(res, false);
        result.messages.push(m);
        res.on('data', (chunk: Buffer) => m.chunks.push(chunk));
        res.on('end', () => {
          m.complete = true;
        });
        res.on('error', (err: NodeJS.ErrnoException) => {
          result.error ??= err.code ?? err.message;
        });
        res.on('close', () => setImmediate(settle));
      });
      req.on('upgrade', (_res, socket) => {
        result.error ??= 'upgrade';
        socket.destroy();
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        result.error ??= err.code ?? err.message;
      });
      req.on('close', () => setImmediate(settle));
      req.end();
    });
  }

  async close(): Promise<void> {
    this.#server.close();
    await once(this.#server, 'close');
  }

  #serve(socket: Socket): void {
    let head = '';
    socket.on('error', () => {});
    socket.on('data', (data: Buffer) => {
      if (head.endsWith('\r\n\r\n')) return;
      head += data.toString('latin1');
      if (!head.endsWith('\r\n\r\n')) return;
      const id = Number(/^[A-Z]+ \/(\d+) /.exec(head)?.[1]);
      const bytes = this.#pending.get(id);
      if (bytes === undefined) socket.destroy();
      else socket.end(bytes);
    });
  }
}
