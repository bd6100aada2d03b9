// Static files through the router's serving path vs nginx serving the same directory.
//
//   bash bench/static/setup.sh            # nginx + wrk (Debian packages), idempotent
//   npx node --conditions=source bench/static/run.ts [--rounds 2] [--duration 10s] [--connections 50] [--store fs|s3]
//
// --store s3 serves the router from a real S3-compatible server (versitygw, on CPU 1 with wrk) holding
// the same files; nginx still serves them from disk (the reference for what a file server costs).
// CPU 0: nginx (1 worker) and the router (1 serving thread; with and without the hot-object cache),
// one measured at a time; CPU 1: wrk (-t1, keep-alive). Files: a 4 KiB HTML page and a 1 MiB binary,
// written into a filesystem object store laid out as the router reads it; nginx's root is the build
// directory itself. Reports req/s, p50/p99 (wrk --latency) and CPU time per request of the server
// process(es) from /proc, which is steadier than throughput on a shared machine.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '2' },
    duration: { type: 'string', default: '10s' },
    connections: { type: 'string', default: '50' },
    store: { type: 'string', default: 'fs' },
  },
});
if (values.store !== 'fs' && values.store !== 's3') throw new Error('--store must be fs or s3');
const HOST = 'site.example';
const FILES = { small: { path: '/index.html', size: 4 * 1024 }, large: { path: '/large.bin', size: 1024 * 1024 } };
const here = new URL('.', import.meta.url).pathname;

const children: ChildProcess[] = [];
const stoppers: (() => Promise<void>)[] = [];
const dir = await mkdtemp(join(tmpdir(), 'bench-static-'));
await chmod(dir, 0o755); // nginx's worker runs as an unprivileged user: it must reach the files
process.on('exit', () => {
  for (const child of children) child.kill('SIGTERM');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

try {
  await main();
} finally {
  for (const child of children) child.kill('SIGTERM');
  for (const stop of stoppers) await stop().catch(() => {});
  await rm(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const store = join(dir, 'store');
  const build = join(store, 'sites', 'bench-site', 'b1');
  await mkdir(build, { recursive: true });
  await writeFile(join(build, 'index.html'), html(FILES.small.size));
  const large = Buffer.allocUnsafe(FILES.large.size);
  for (let i = 0; i < large.length; i++) large[i] = (i * 131) & 0xff;
  await writeFile(join(build, 'large.bin'), large);

  let storeUrl = store;
  const routerEnv: NodeJS.ProcessEnv = { ...process.env };
  if (values.store === 's3') {
    const { startS3Server } = await import('@switchyard/object-store/testing');
    const { openObjectStore, siteKey } = await import('@switchyard/object-store');
    const server = await startS3Server();
    stoppers.push(() => server.stop());
    const s3 = openObjectStore(server.url, server.options);
    await s3.put(siteKey('bench-site', 'b1', 'index.html'), Buffer.from(html(FILES.small.size)));
    await s3.put(siteKey('bench-site', 'b1', 'large.bin'), large);
    await s3.close();
    storeUrl = server.url;
    Object.assign(routerEnv, {
      SWITCHYARD_S3_ENDPOINT: server.options.endpoint,
      AWS_REGION: server.options.region,
      AWS_ACCESS_KEY_ID: server.options.accessKeyId,
      AWS_SECRET_ACCESS_KEY: server.options.secretAccessKey,
    });
  }
  const nginxPort = await freePort();
  const cachedPort = await freePort();
  const uncachedPort = await freePort();
  await writeFile(join(dir, 'nginx.conf'), nginxConf(dir, build, nginxPort));
  await mkdir(join(dir, 'tmp'));
  const nginx = start('taskset', ['-c', '0', 'nginx', '-p', dir, '-c', join(dir, 'nginx.conf')]);
  const routerArgs = (port: number, cache: number) => [
    '-c',
    '0',
    process.execPath,
    '--conditions=source',
    '--disable-warning=ExperimentalWarning',
    join(here, 'serve-router.ts'),
    String(port),
    storeUrl,
    String(cache),
    '1',
  ];
  const cached = start('taskset', routerArgs(cachedPort, 64 * 1024 * 1024), routerEnv);
  const uncached = start('taskset', routerArgs(uncachedPort, 0), routerEnv);
  const servers = [
    { name: 'nginx 1.22 (1 worker)', port: nginxPort, pids: () => processTree(nginx.pid as number) },
    { name: 'router, hot-object cache', port: cachedPort, pids: () => [cached.pid as number] },
    { name: 'router, no cache', port: uncachedPort, pids: () => [uncached.pid as number] },
  ];
  for (const server of servers) await waitForOk(server.port, FILES.small.path);

  const wrk = (port: number, path: string, duration: string) =>
    execFileSync(
      'taskset',
      [
        '-c',
        '1',
        'wrk',
        '-t1',
        `-c${values.connections}`,
        `-d${duration}`,
        '--latency',
        '-H',
        `Host: ${HOST}`,
        `http://127.0.0.1:${port}${path}`,
      ],
      { encoding: 'utf8' },
    );
  for (const server of servers) for (const file of Object.values(FILES)) wrk(server.port, file.path, '3s'); // warm-up

  console.log(
    `wrk -t1 -c${values.connections} -d${values.duration}, servers on CPU 0, wrk on CPU 1; router store: ${values.store}; load ${loadavg()}`,
  );
  const rows: string[] = [];
  for (let round = 1; round <= Number(values.rounds); round++) {
    for (const [label, file] of Object.entries(FILES)) {
      for (const server of servers) {
        const before = cpuTicks(server.pids());
        const out = wrk(server.port, file.path, values.duration as string);
        const ticks = cpuTicks(server.pids()) - before;
        const r = parseWrk(out);
        const cpuUs = (ticks * 1e6) / clockTicks() / Math.max(1, r.requests);
        const row = `| ${round} | ${label} (${file.size >= 1024 * 1024 ? '1 MiB' : '4 KiB'}) | ${server.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${cpuUs.toFixed(0)} µs | ${r.errors || '—'} |`;
        rows.push(row);
        console.log(row);
      }
    }
  }
  console.log('\n| round | file | server | req/s | p50 | p99 | CPU per request | errors |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
}

function html(size: number): string {
  const head = '<!doctype html><html><head><title>bench</title></head><body>';
  const tail = '</body></html>\n';
  return head + 'x'.repeat(size - head.length - tail.length) + tail;
}

function nginxConf(prefix: string, root: string, port: number): string {
  const tmp = join(prefix, 'tmp');
  return `worker_processes 1;
daemon off;
master_process on;
pid ${join(prefix, 'nginx.pid')};
error_log ${join(prefix, 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { text/html html; application/octet-stream bin; }
  client_body_temp_path ${tmp}/body;
  proxy_temp_path ${tmp}/proxy;
  fastcgi_temp_path ${tmp}/fastcgi;
  uwsgi_temp_path ${tmp}/uwsgi;
  scgi_temp_path ${tmp}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    etag on;
  }
}
`;
}

function start(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'], env });
  children.push(child);
  return child;
}

/** A process and its children (nginx's worker), from /proc. */
function processTree(pid: number): number[] {
  try {
    const kids = execFileSync('cat', [`/proc/${pid}/task/${pid}/children`], { encoding: 'utf8' })
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
    return [pid, ...kids.flatMap(processTree)];
  } catch {
    return [pid];
  }
}

function cpuTicks(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = execFileSync('cat', [`/proc/${pid}/stat`], { encoding: 'utf8' });
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += Number(fields[11]) + Number(fields[12]); // utime + stime
    } catch {}
  }
  return total;
}

function clockTicks(): number {
  return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
}

function loadavg(): string {
  return execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ').slice(0, 3).join(' ');
}

function parseWrk(out: string): { rps: number; p50: string; p99: string; requests: number; errors: string } {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const p50 = / 50%\s+(\S+)/.exec(out)?.[1] ?? '?';
  const p99 = / 99%\s+(\S+)/.exec(out)?.[1] ?? '?';
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const errors = [/Socket errors:.*/.exec(out)?.[0], /Non-2xx or 3xx responses: \d+/.exec(out)?.[0]]
    .filter(Boolean)
    .join('; ');
  return { rps, p50, p99, requests, errors };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitForOk(port: number, path: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const status = await new Promise<number>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path, headers: { host: HOST }, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(0));
      req.end();
    });
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`server on port ${port} did not answer 200 for ${path}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
