// The HTTP/1.1 engine side by side with nginx and HAProxy (and once the node:http + undici design
// it replaced), each proxy alone on CPU 1 with one worker; the nginx backend and wrk share CPU 0.
//
//   npm run bench -- engine [--rounds 3] [--duration 5s] [--connections 32] [--profile] [--access-log] [--floors]
//                           [--before DIR]
//
// --floors adds yardsticks (bench/floors/), each alone on CPU 1: for get and https, a raw proxy
// that does the least any Node proxy can (no parsing beyond the head's end and Content-Length, no
// limits), plain and over TLS; for h2, node:http2 answering every stream itself with no upstream
// at all, and the engine's own HTTP/2 framing layer answering every stream itself (h2-own.ts).
// What they cost is the floor of a design on node:net / node:tls / node:http2.
//
// --before DIR adds another checkout's serving thread (its bench/router/serving-only.ts, run from
// DIR with DIR's dependencies) to the TLS workloads, alone on CPU 1 too: A/B in the same run.
//
// --access-log adds nginx writing its access log (default combined format, unbuffered, to a file)
// and the engine writing its access log (every request, to a file, through the logger thread) as
// two more proxies, each also alone on CPU 1 (the engine's logger thread included); afterwards the
// log files' line counts are checked against the requests wrk completed.
//
// Workloads (wrk -t1, keep-alive):
//   get     GET with a 12-byte response
//   post    POST with a 1 KiB body and a 64 KiB response
//   static  a 4 KiB file: the router's static path (hot-object cache) vs nginx serving the same file
//   https   GET with a 12-byte response over TLS 1.3 (keep-alive), nginx and the engine, one certificate
//   handshake  full TLS 1.3 handshakes per second (ECDSA P-256, a new connection each: openssl s_time -new,
//              4 clients on the load CPU)
//   resumed    resumed TLS 1.2 handshakes (session tickets: openssl s_time -reuse -tls1_2, 4 clients)
//   h2         GET over HTTP/2 (TLS, ALPN h2): h2load, 32 connections × 10 concurrent streams
// Then the latency at a fixed rate, half of the engine's GET saturation, for every proxy (wrk paced
// per connection by paced.lua). Figures: the median of the rounds; CPU per request is the proxy's
// own CPU time (/proc) over the requests wrk completed. Results: bench/results/engine-<time>.json.
import { execFile, execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { issueCertificate } from '@switchyard/pki';
import { findFreePort } from '@switchyard/service-db';
import { cpuSeconds, killAllStarted, type Pinned, spawnPinned, waitFor, waitForHttp } from '../suite/processes.ts';
import { parseWrk, type WrkResult } from '../suite/wrk.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '5s' },
    connections: { type: 'string', default: '32' },
    only: { type: 'string', default: 'get,post,static,latency,https,handshake,resumed,h2' },
    profile: { type: 'boolean', default: false },
    'access-log': { type: 'boolean', default: false },
    floors: { type: 'boolean', default: false },
    before: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(
    'npm run bench -- engine [--rounds 3] [--duration 5s] [--connections 32] [--only get,post,static,latency,https,handshake,resumed,h2]\n' +
      '                        [--profile] [--access-log] [--floors] [--before DIR]\n' +
      'Each proxy alone on CPU 1 (nginx, HAProxy, the engine, node:http + undici); wrk and the nginx backend on CPU 0.\n' +
      'See the comment at the top of bench/engine/run.ts for the workloads and options.',
  );
  process.exit(0);
}
const ROUNDS = Number(values.rounds);
const DURATION = values.duration as string;
const CONNECTIONS = Number(values.connections);
const ONLY = new Set((values.only as string).split(','));
const PROXY_CPU = '1';
const LOAD_CPU = '0';
const HOST = 'app.example';
const SITE_HOST = 'site.example';
const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '..', '..');
const node = process.execPath;

interface Server {
  name: string;
  port: number;
  proc: Pinned;
  /** Default http. */
  scheme?: 'http' | 'https';
}

interface Row {
  workload: string;
  server: string;
  round: number;
  rate: number;
  p50Ms: number;
  p99Ms: number;
  cpuUsPerRequest: number;
  failed: number;
}

const dir = await mkdtemp(join(tmpdir(), 'bench-engine-'));
await chmod(dir, 0o755); // nginx's workers run unprivileged: they must reach the files
process.on('exit', killAllStarted);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
const rows: Row[] = [];

/** The proxies under test, and the static servers: module-wide so that --profile can stop them gracefully. */
const proxies: Server[] = [];
const statics: Server[] = [];
/** The HTTPS listeners of nginx and the engine (the same processes as their plain listeners). */
const secure: Server[] = [];
const TLS_WORKLOADS = ['https', 'handshake', 'resumed', 'h2'];
/** With --floors: the yardsticks for get, https and h2 (bench/floors/). */
const floorPlain: Server[] = [];
const floorHttps: Server[] = [];
const floorH2: Server[] = [];

async function main(): Promise<void> {
  // Files: the backend's answers and the static site (a filesystem object store laid out as the router reads it).
  const www = join(dir, 'www');
  await mkdir(www, { recursive: true });
  await writeFile(join(www, 'hello'), 'hello world\n');
  await writeFile(join(www, '64k'), Buffer.alloc(64 * 1024, 0x61));
  const build = join(dir, 'store', 'sites', 'bench-site', 'b1');
  await mkdir(build, { recursive: true });
  await writeFile(join(build, 'index.html'), html(4 * 1024));
  for (const d of [join(dir, 'store'), join(dir, 'store', 'sites'), join(dir, 'store', 'sites', 'bench-site'), build]) {
    await chmod(d, 0o755);
  }
  await writeFile(join(dir, 'post.lua'), POST_LUA);
  await writeFile(join(dir, 'paced.lua'), PACED_LUA);

  const backendPort = await findFreePort();
  startNginx('backend', backendNginx(backendPort, www), LOAD_CPU);
  await waitForHttp(`http://127.0.0.1:${backendPort}/`, { status: 200 });

  const port = async () => findFreePort();
  const nginxPort = await port();
  // One ECDSA P-256 certificate for both TLS listeners.
  const withTls = TLS_WORKLOADS.some((w) => ONLY.has(w));
  const certificate = issueCertificate({ names: [HOST] });
  const certFile = join(dir, 'proxy.crt');
  const keyFile = join(dir, 'proxy.key');
  await writeFile(certFile, certificate.certPem);
  await writeFile(keyFile, certificate.keyPem, { mode: 0o644 });
  const nginxTlsPort = withTls ? await port() : undefined;
  const nginxProxy: Server = {
    name: 'nginx',
    port: nginxPort,
    proc: startNginx(
      'proxy',
      proxyNginx(
        nginxPort,
        backendPort,
        nginxTlsPort === undefined ? undefined : { port: nginxTlsPort, cert: certFile, key: keyFile },
      ),
      PROXY_CPU,
    ),
  };
  proxies.push(nginxProxy);
  if (nginxTlsPort !== undefined) secure.push({ ...nginxProxy, port: nginxTlsPort, scheme: 'https' });
  const haproxyPort = await port();
  await writeFile(join(dir, 'haproxy.cfg'), haproxyConfig(haproxyPort, backendPort));
  proxies.push({
    name: 'HAProxy',
    port: haproxyPort,
    proc: spawnPinned(PROXY_CPU, ['/usr/sbin/haproxy', '-db', '-f', join(dir, 'haproxy.cfg')]),
  });
  const enginePort = await port();
  const engineTlsPort = withTls ? await port() : undefined;
  const profileDir = join(repo, 'bench', 'results', 'profiles');
  if (values.profile) {
    await mkdir(profileDir, { recursive: true });
    process.env.SWITCHYARD_THREAD_PROFILE_DIR = profileDir; // the serving threads' profiles (thread-profile.ts)
  }
  const profile = values.profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  proxies.push({
    name: 'switchyard (engine)',
    port: enginePort,
    proc: spawnPinned(PROXY_CPU, [
      node,
      '--conditions=source',
      ...profile,
      join(repo, 'bench', 'router', 'serving-only.ts'),
      String(enginePort),
      String(backendPort),
      '10000',
      '1',
      ...(engineTlsPort === undefined
        ? []
        : ['--tls-port', String(engineTlsPort), '--tls-cert', certFile, '--tls-key', keyFile]),
    ]),
  });
  if (engineTlsPort !== undefined) {
    secure.push({ ...(proxies.at(-1) as Server), port: engineTlsPort, scheme: 'https' });
  }
  if (values.before !== undefined && engineTlsPort !== undefined) {
    // Another checkout's serving thread, TLS only (its HTTPS and h2 rows beside this one's, same run).
    const beforePort = await port();
    const beforeTlsPort = await port();
    secure.push({
      name: 'switchyard (engine, before)',
      port: beforeTlsPort,
      scheme: 'https',
      proc: spawnPinned(PROXY_CPU, [
        node,
        '--conditions=source',
        ...profile,
        join(values.before, 'bench', 'router', 'serving-only.ts'),
        String(beforePort),
        String(backendPort),
        '10000',
        '1',
        ...['--tls-port', String(beforeTlsPort), '--tls-cert', certFile, '--tls-key', keyFile],
      ]),
    });
    await waitForHttp(`http://127.0.0.1:${beforePort}/`);
  }
  if (values['access-log']) {
    const loggingNginx = await port();
    proxies.push({
      name: 'nginx + access log',
      port: loggingNginx,
      proc: startNginx(
        'proxy-logging',
        proxyNginx(loggingNginx, backendPort, undefined).replace(
          `listen 127.0.0.1:${loggingNginx};`,
          `listen 127.0.0.1:${loggingNginx};\n    access_log ${join(dir, 'nginx-access.log')} combined;`,
        ),
        PROXY_CPU,
      ),
    });
    const loggingEngine = await port();
    proxies.push({
      name: 'switchyard (engine) + access log',
      port: loggingEngine,
      proc: spawnPinned(PROXY_CPU, [
        node,
        '--conditions=source',
        ...profile,
        join(repo, 'bench', 'router', 'serving-only.ts'),
        String(loggingEngine),
        String(backendPort),
        '10000',
        '1',
        '--access-log',
        join(dir, 'engine-access.log'),
      ]),
    });
  }
  const barePort = await port();
  proxies.push({
    name: 'node:http + undici (bare)',
    port: barePort,
    proc: spawnPinned(PROXY_CPU, [
      node,
      join(repo, 'bench', 'forward', 'bare-proxy.ts'),
      String(barePort),
      String(backendPort),
    ]),
  });
  for (const p of proxies) await waitForHttp(`http://127.0.0.1:${p.port}/`); // any answer: fetch cannot set Host
  if (values.floors) await startFloors(backendPort, withTls ? { certFile, keyFile } : undefined);

  if (ONLY.has('static')) {
    const nginxStatic = await port();
    statics.push({
      name: 'nginx',
      port: nginxStatic,
      proc: startNginx('static', staticNginx(nginxStatic, build), PROXY_CPU),
    });
    const routerStatic = await port();
    statics.push({
      name: 'switchyard (engine)',
      port: routerStatic,
      proc: spawnPinned(PROXY_CPU, [
        node,
        '--conditions=source',
        ...profile,
        join(repo, 'bench', 'static', 'serve-router.ts'),
        String(routerStatic),
        `file://${join(dir, 'store')}`,
        String(64 * 1024 * 1024),
        '1',
      ]),
    });
    for (const s of statics) await waitForHttp(`http://127.0.0.1:${s.port}/index.html`);
  }

  // Warm-up: JIT, keep-alive pools, the hot-object cache.
  for (const p of [...proxies, ...secure, ...floorPlain, ...floorHttps]) wrk(p, ['-d2s', '-H', `Host: ${HOST}`], '/');
  for (const s of statics) wrk(s, ['-d2s', '-H', `Host: ${SITE_HOST}`], '/index.html');
  for (const s of ONLY.has('h2') ? [...secure, ...floorH2] : []) {
    execFileSync('taskset', [
      '-c',
      LOAD_CPU,
      'h2load',
      '-c',
      '8',
      '-m',
      '10',
      '-D',
      '2',
      '-H',
      `:authority: ${HOST}`,
      `https://127.0.0.1:${s.port}/`,
    ]);
  }
  console.log(
    `wrk -t1 -c${CONNECTIONS} -d${DURATION} on CPU ${LOAD_CPU} with the nginx backend; each proxy alone on CPU ${PROXY_CPU}`,
  );

  for (let round = 1; round <= ROUNDS; round++) {
    for (const p of ONLY.has('get') ? [...proxies, ...floorPlain] : []) {
      measure('get', round, p, ['-H', `Host: ${HOST}`], '/');
    }
    for (const p of ONLY.has('post') ? proxies : []) {
      measure('post', round, p, ['-H', `Host: ${HOST}`, '-s', join(dir, 'post.lua')], '/64k');
    }
    for (const s of statics) measure('static', round, s, ['-H', `Host: ${SITE_HOST}`], '/index.html');
    for (const s of ONLY.has('https') ? [...secure, ...floorHttps] : []) {
      measure('https', round, s, ['-H', `Host: ${HOST}`], '/');
    }
    for (const s of ONLY.has('handshake') ? secure : []) await measureHandshakes('handshake', round, s);
    for (const s of ONLY.has('resumed') ? secure : []) await measureHandshakes('resumed', round, s);
    for (const s of ONLY.has('h2') ? [...secure, ...floorH2] : []) measureH2(round, s);
  }

  const engineGet = median(
    rows.filter((r) => r.workload === 'get' && r.server === 'switchyard (engine)').map((r) => r.rate),
  );
  if (ONLY.has('latency') && Number.isFinite(engineGet)) {
    const rate = Math.round(engineGet / 2);
    console.log(`\nlatency at ${rate} req/s (half of the engine's GET saturation), wrk paced per connection:`);
    for (let round = 1; round <= ROUNDS; round++) {
      for (const p of [...proxies, ...floorPlain]) {
        measure(`get @ ${rate}/s`, round, p, ['-H', `Host: ${HOST}`, '-s', join(dir, 'paced.lua')], '/', [
          '--',
          String(rate),
          String(CONNECTIONS),
        ]);
      }
    }
  }
  report();
  if (values['access-log']) {
    for (const name of ['nginx-access.log', 'engine-access.log']) {
      const lines = Number(
        execFileSync('wc', ['-l', join(dir, name)])
          .toString()
          .trim()
          .split(' ')[0],
      );
      console.log(`${name}: ${lines} lines`);
    }
  }
}

function measure(
  workload: string,
  round: number,
  server: Server,
  args: string[],
  path: string,
  tail: string[] = [],
): void {
  const before = cpuSeconds(server.proc.pids());
  const result = wrk(server, [`-d${DURATION}`, ...args], path, tail);
  const cpu = cpuSeconds(server.proc.pids()) - before;
  const row: Row = {
    workload,
    server: server.name,
    round,
    rate: result.rate,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    cpuUsPerRequest: (cpu * 1e6) / Math.max(1, result.requests),
    failed: result.failed,
  };
  rows.push(row);
  console.log(
    `  ${workload.padEnd(18)} ${server.name.padEnd(26)} round ${round}: ${row.rate.toFixed(0).padStart(7)} req/s  p50 ${row.p50Ms.toFixed(2)} ms  p99 ${row.p99Ms.toFixed(2)} ms  cpu/req ${row.cpuUsPerRequest.toFixed(1)} µs${row.failed ? `  FAILED ${row.failed} (${result.failures})` : ''}`,
  );
}

/** HTTP/2 over TLS: h2load, 32 connections with 10 streams each, :authority the routed host. */
function measureH2(round: number, server: Server): void {
  const seconds = Number(/^(\d+)s$/.exec(DURATION)?.[1] ?? 5);
  const before = cpuSeconds(server.proc.pids());
  const out = execFileSync(
    'taskset',
    [
      '-c',
      LOAD_CPU,
      'h2load',
      '-c',
      String(CONNECTIONS),
      '-m',
      '10',
      '-D',
      String(seconds),
      '-H',
      `:authority: ${HOST}`,
    ].concat([`https://127.0.0.1:${server.port}/`]),
    { encoding: 'utf8' },
  );
  const cpu = cpuSeconds(server.proc.pids()) - before;
  const rate = Number(/finished in [\d.]+s, ([\d.]+) req\/s/.exec(out)?.[1] ?? Number.NaN);
  const counts = /requests: (\d+) total, \d+ started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored/.exec(
    out,
  );
  const succeeded = Number(counts?.[3] ?? 0);
  const failed = Number(counts?.[4] ?? 0) + Number(counts?.[5] ?? 0);
  const row: Row = {
    workload: 'h2',
    server: server.name,
    round,
    rate,
    p50Ms: Number.NaN,
    p99Ms: Number.NaN,
    cpuUsPerRequest: (cpu * 1e6) / Math.max(1, succeeded),
    failed,
  };
  rows.push(row);
  console.log(
    `  ${'h2'.padEnd(18)} ${server.name.padEnd(26)} round ${round}: ${rate.toFixed(0).padStart(7)} req/s  cpu/req ${row.cpuUsPerRequest.toFixed(1)} µs${failed ? `  FAILED ${failed}` : ''}`,
  );
}

/** Handshakes per second: 4 `openssl s_time` clients on the load CPU, each one connection at a time. */
async function measureHandshakes(workload: 'handshake' | 'resumed', round: number, server: Server): Promise<void> {
  const seconds = Number(/^(\d+)s$/.exec(DURATION)?.[1] ?? 5);
  const before = cpuSeconds(server.proc.pids());
  const clients = await Promise.all(
    [0, 1, 2, 3].map(
      () =>
        new Promise<string>((resolve, reject) => {
          const args = ['-c', LOAD_CPU, 'openssl', 's_time', '-connect', `127.0.0.1:${server.port}`];
          // s_time resumes TLS 1.2 sessions only (it does not wait for TLS 1.3's post-handshake tickets).
          args.push(...(workload === 'handshake' ? ['-new'] : ['-reuse', '-tls1_2']), '-time', String(seconds));
          execFile('taskset', args, { encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
        }),
    ),
  );
  const cpu = cpuSeconds(server.proc.pids()) - before;
  let connections = 0;
  let rate = 0;
  for (const out of clients) {
    // "1234 connections in 5.01 real seconds, …" (the last such line: -reuse prints the first full one too)
    const lines = [...out.matchAll(/(\d+) connections in ([\d.]+) real seconds/g)];
    const last = lines.at(-1);
    if (last === undefined) throw new Error(`openssl s_time printed no result:\n${out}`);
    connections += Number(last[1]);
    rate += Number(last[1]) / Number(last[2]);
  }
  const row: Row = {
    workload,
    server: server.name,
    round,
    rate,
    p50Ms: Number.NaN,
    p99Ms: Number.NaN,
    cpuUsPerRequest: (cpu * 1e6) / Math.max(1, connections),
    failed: 0,
  };
  rows.push(row);
  console.log(
    `  ${workload.padEnd(18)} ${server.name.padEnd(26)} round ${round}: ${rate.toFixed(0).padStart(7)} /s  cpu/handshake ${row.cpuUsPerRequest.toFixed(1)} µs`,
  );
}

function wrk(server: Server, args: string[], path: string, tail: string[] = []): WrkResult {
  const duration = Number(/-d(\d+)s/.exec(args.join(' '))?.[1] ?? 5);
  const out = execFileSync(
    'taskset',
    [
      '-c',
      LOAD_CPU,
      'wrk',
      '-t1',
      `-c${CONNECTIONS}`,
      '--latency',
      ...args,
      `${server.scheme ?? 'http'}://127.0.0.1:${server.port}${path}`,
      ...tail,
    ],
    { encoding: 'utf8' },
  );
  return parseWrk(out, duration);
}

function report(): void {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = `${row.workload}\u0000${row.server}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const nginxRate = new Map<string, number>();
  const nginxCpu = new Map<string, number>();
  for (const [key, list] of groups) {
    const [workload, server] = key.split('\u0000') as [string, string];
    if (server === 'nginx') {
      nginxRate.set(workload, median(list.map((r) => r.rate)));
      nginxCpu.set(workload, median(list.map((r) => r.cpuUsPerRequest)));
    }
  }
  const lines = [
    `| workload | proxy | req/s (median of ${ROUNDS}) | × nginx | p50 | p99 | CPU/request | × nginx CPU |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const [key, list] of groups) {
    const [workload, server] = key.split('\u0000') as [string, string];
    const rate = median(list.map((r) => r.rate));
    const cpu = median(list.map((r) => r.cpuUsPerRequest));
    const failed = list.reduce((n, r) => n + r.failed, 0);
    lines.push(
      `| ${workload} | ${server} | ${rate.toFixed(0)} | ${(rate / (nginxRate.get(workload) ?? Number.NaN)).toFixed(2)} | ${median(list.map((r) => r.p50Ms)).toFixed(2)} ms | ${median(list.map((r) => r.p99Ms)).toFixed(2)} ms | ${cpu.toFixed(1)} µs | ${(cpu / (nginxCpu.get(workload) ?? Number.NaN)).toFixed(2)}${failed ? ` (${failed} failed)` : ''} |`,
    );
  }
  console.log(`\n${lines.join('\n')}`);
  const out = join(repo, 'bench', 'results', `engine-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  execFileSync('mkdir', ['-p', join(repo, 'bench', 'results')]);
  void writeFile(
    out,
    `${JSON.stringify({ rounds: ROUNDS, duration: DURATION, connections: CONNECTIONS, rows }, null, 2)}\n`,
  ).then(() => console.log(`\nraw rows: ${out}`));
}

function median(xs: number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function startNginx(name: string, config: string, cpu: string): Pinned {
  const prefix = join(dir, name);
  execFileSync('mkdir', ['-p', join(prefix, 'tmp')]);
  const file = join(prefix, 'nginx.conf');
  execFileSync('tee', [file], { input: config.replaceAll('{{PREFIX}}', prefix), stdio: ['pipe', 'ignore', 'inherit'] });
  return spawnPinned(cpu, ['/usr/sbin/nginx', '-p', prefix, '-c', file]);
}

const NGINX_COMMON = `worker_processes 1;
daemon off;
master_process on;
pid {{PREFIX}}/nginx.pid;
error_log {{PREFIX}}/error.log error;
events { worker_connections 8192; }
`;
const NGINX_HTTP_COMMON = `access_log off;
  keepalive_requests 1000000;
  keepalive_timeout 65s;
  client_body_temp_path {{PREFIX}}/tmp/body;
  proxy_temp_path {{PREFIX}}/tmp/proxy;
  fastcgi_temp_path {{PREFIX}}/tmp/fastcgi;
  uwsgi_temp_path {{PREFIX}}/tmp/uwsgi;
  scgi_temp_path {{PREFIX}}/tmp/scgi;`;

/** The backend: 12 bytes at /, 64 KiB at /64k (to POST too: static files answer 405 to POST, turned into 200). */
function backendNginx(port: number, root: string): string {
  return `${NGINX_COMMON}http {
  ${NGINX_HTTP_COMMON}
  default_type text/plain;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location = / { try_files /hello =404; }
    location = /64k { client_body_buffer_size 64k; error_page 405 =200 $uri; }
  }
}
`;
}

/** nginx as the proxy, doing the router's job: X-Forwarded-*, a request id, keep-alive upstream; and HTTPS. */
function proxyNginx(
  port: number,
  backendPort: number,
  tls: { port: number; cert: string; key: string } | undefined,
): string {
  const https =
    tls === undefined
      ? ''
      : `
    listen 127.0.0.1:${tls.port} ssl http2;
    ssl_certificate ${tls.cert};
    ssl_certificate_key ${tls.key};
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_tickets on;`;
  return `${NGINX_COMMON}http {
  ${NGINX_HTTP_COMMON}
  upstream backend {
    server 127.0.0.1:${backendPort};
    keepalive 128;
    keepalive_requests 1000000;
  }
  server {
    listen 127.0.0.1:${port};${https}
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $host;
      proxy_set_header X-Request-Id $request_id;
    }
  }
}
`;
}

function staticNginx(port: number, root: string): string {
  return `${NGINX_COMMON}http {
  ${NGINX_HTTP_COMMON}
  sendfile on;
  tcp_nopush on;
  types { text/html html; }
  server {
    listen 127.0.0.1:${port};
    root ${root};
    etag on;
  }
}
`;
}

function haproxyConfig(port: number, backendPort: number): string {
  return `global
  nbthread 1
  maxconn 8000
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  timeout http-keep-alive 65s
  option http-keep-alive
frontend proxy
  bind 127.0.0.1:${port}
  option forwardfor
  http-request set-header X-Forwarded-Proto http
  http-request set-header X-Forwarded-Host %[req.hdr(host)]
  unique-id-format %{+X}o\\ %ci:%cp_%fi:%fp_%Ts_%rt:%pid
  http-request set-header X-Request-Id %[unique-id]
  default_backend app
backend app
  http-reuse always
  server app 127.0.0.1:${backendPort}
`;
}

async function startFloors(backendPort: number, tls: { certFile: string; keyFile: string } | undefined): Promise<void> {
  const floors = join(repo, 'bench', 'floors');
  const rawProxy = async (list: Server[], keys: string[]): Promise<void> => {
    const port = await findFreePort();
    list.push({
      name: 'floor: raw proxy',
      port,
      scheme: keys.length > 0 ? 'https' : 'http',
      proc: spawnPinned(PROXY_CPU, [node, join(floors, 'raw-proxy.ts'), String(port), String(backendPort), ...keys]),
    });
    await waitFor(() => portOpen(port), `a listener on ${port}`, 60_000);
  };
  await rawProxy(floorPlain, []);
  if (tls === undefined) return;
  await rawProxy(floorHttps, [tls.certFile, tls.keyFile]);
  const h2Port = await findFreePort();
  floorH2.push({
    name: 'floor: node:http2 bare',
    port: h2Port,
    scheme: 'https',
    proc: spawnPinned(PROXY_CPU, [node, join(floors, 'h2-bare.ts'), String(h2Port), tls.certFile, tls.keyFile]),
  });
  await waitFor(() => portOpen(h2Port), `a listener on ${h2Port}`, 60_000);
  const ownPort = await findFreePort();
  floorH2.push({
    name: 'floor: own h2 framing',
    port: ownPort,
    scheme: 'https',
    proc: spawnPinned(PROXY_CPU, [node, join(floors, 'h2-own.ts'), String(ownPort), tls.certFile, tls.keyFile]),
  });
  await waitFor(() => portOpen(ownPort), `a listener on ${ownPort}`, 60_000);
}

/** Something accepts TCP connections on `port` (the floors' TLS listeners answer no plain HTTP). */
function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

function html(size: number): string {
  const head = '<!doctype html><html><head><title>bench</title></head><body>';
  const tail = '</body></html>\n';
  return head + 'x'.repeat(size - head.length - tail.length) + tail;
}

const POST_LUA = `wrk.method = "POST"
wrk.body = string.rep("x", 1024)
wrk.headers["Content-Type"] = "application/octet-stream"
`;

/** Each connection waits between requests so that all of them together offer RATE req/s. */
const PACED_LUA = `local interval_ms = 1
function init(args)
  local rate = tonumber(args[1])
  local connections = tonumber(args[2])
  interval_ms = connections * 1000 / rate
  math.randomseed(os.time())
end
function delay()
  local whole = math.floor(interval_ms)
  if math.random() < interval_ms - whole then return whole + 1 end
  return whole
end
`;

/** With --profile: the engine's processes stop gracefully first, so that their threads write their CPU profiles. */
async function stopProfiled(): Promise<void> {
  if (!values.profile) return;
  const engines = [...proxies, ...statics].filter(
    (s) => s.name.startsWith('switchyard') && s.proc.child.exitCode === null,
  );
  await Promise.all(
    engines.map(
      (s) =>
        new Promise<void>((resolve) => {
          const giveUp = setTimeout(resolve, 5_000);
          s.proc.child.once('exit', () => {
            clearTimeout(giveUp);
            resolve();
          });
          s.proc.child.kill('SIGTERM');
        }),
    ),
  );
  console.log(`CPU profiles: ${join(repo, 'bench', 'results', 'profiles')}`);
}

try {
  await main();
  await stopProfiled();
} finally {
  killAllStarted();
  await rm(dir, { recursive: true, force: true });
}
