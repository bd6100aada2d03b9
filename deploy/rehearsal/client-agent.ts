/**
 * Runs inside the `client` namespace, driven over the IPC channel by the rehearsal: HTTP probes,
 * a constant-rate load loop, the upstream instance the test service points at, and CLI commands
 * (the operator's terminal). Nothing here ever leaves the rehearsal subnet.
 */
import { spawn } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AgentReply, AgentRequest, LoadResult, Probe } from './protocol.ts';

const keepAliveAgent = new Agent({ keepAlive: true, maxSockets: 64 });
const freshAgent = new Agent({ keepAlive: false });

function get(probe: Probe, timeoutMs = 3_000, agent = keepAliveAgent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      probe.url,
      { agent, headers: probe.host ? { host: probe.host } : {}, timeout: timeoutMs },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

interface Load {
  timer: NodeJS.Timeout;
  result: LoadResult;
  inFlight: Set<Promise<void>>;
  /** Agents of this load alone (one connection each), closed when it stops. */
  own: Agent[];
}
const loads = new Map<string, Load>();

function startLoad(
  name: string,
  probes: Probe[],
  ratePerSecond: number,
  expectStatus: number,
  keepAlive: boolean,
  connections: number | undefined,
): void {
  if (loads.has(name)) throw new Error(`load "${name}" is already running`);
  const own =
    keepAlive && connections !== undefined
      ? Array.from({ length: connections }, () => new Agent({ keepAlive: true, maxSockets: 1 }))
      : [];
  const shared = keepAlive ? keepAliveAgent : freshAgent;
  const result: LoadResult = { sent: 0, ok: 0, failed: 0, failures: [] };
  const inFlight = new Set<Promise<void>>();
  let next = 0;
  // One request every 1000/rate ms, whatever the previous ones are doing: a constant arrival rate.
  const timer = setInterval(() => {
    const agent = own.length > 0 ? (own[next % own.length] as Agent) : shared;
    const probe = probes[next++ % probes.length] as Probe;
    result.sent++;
    const done = get(probe, 5_000, agent).then(
      (res) => {
        if (res.status === expectStatus) result.ok++;
        else fail(`${probe.url} ${probe.host ?? ''}: status ${res.status} ${res.body.slice(0, 80)}`);
      },
      (error: Error) => fail(`${probe.url} ${probe.host ?? ''}: ${error.message}`),
    );
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  }, 1000 / ratePerSecond);
  function fail(what: string): void {
    result.failed++;
    if (result.failures.length < 10) result.failures.push(`${new Date().toISOString()} ${what}`);
  }
  loads.set(name, { timer, result, inFlight, own });
}

async function stopLoad(name: string): Promise<LoadResult> {
  const load = loads.get(name);
  if (!load) throw new Error(`no load "${name}" running`);
  const { timer, result, inFlight, own } = load;
  loads.delete(name);
  clearInterval(timer);
  await Promise.all(inFlight);
  for (const agent of own) agent.destroy();
  return result;
}

function serve(host: string, port: number, text: string): Promise<number> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(text);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function runCommand(argv: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('close', (code) => resolve({ code: code ?? -1, out: out.trim(), err: err.trim() }));
  });
}

async function handle(message: AgentRequest): Promise<unknown> {
  switch (message.op) {
    case 'get':
      return get(message.probe, message.timeoutMs);
    case 'load-start':
      startLoad(
        message.name,
        message.probes,
        message.ratePerSecond,
        message.expectStatus,
        message.keepAlive,
        message.connections,
      );
      return null;
    case 'load-stop':
      return stopLoad(message.name);
    case 'serve':
      return serve(message.host, message.port, message.text);
    case 'run':
      return runCommand(message.argv, message.env);
  }
}

process.on('message', (message: AgentRequest) => {
  handle(message).then(
    (value) => process.send?.({ id: message.id, ok: true, value } satisfies AgentReply),
    (error: Error) => process.send?.({ id: message.id, ok: false, error: error.message } satisfies AgentReply),
  );
});
process.on('disconnect', () => process.exit(0));
process.send?.({ id: 0, ok: true, value: 'ready' } satisfies AgentReply);
