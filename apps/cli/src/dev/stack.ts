import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAddress } from '@switchyard/config';
import { migrate, type ServiceRecord } from '@switchyard/service-db';
import { ensureDevSecrets, findDevPebble, freeLoopbackPorts, savePebbleRoot, writePebbleConfig } from './acme.ts';
import { DevChild, waitUntilReady } from './child-process.ts';
import { type DevConfig, plannedPorts } from './config.ts';
import { type DemoServices, ensureDemoData, startDemoInstances } from './demo.ts';
import { ensureDevTls } from './dev-tls.ts';
import { publishDocsSite } from './docs-site.ts';
import { assertPortsFree } from './ports.ts';
import { type DevState, readLiveDevState, removeDevState, writeDevState } from './state-file.ts';

/** `switchyard dev` is already running on this data directory. */
export class DevAlreadyRunningError extends Error {
  override readonly name = 'DevAlreadyRunningError';
  readonly code = 'DEV_RUNNING';
}

export interface DevStack {
  state: DevState;
  /** The paid demo service `hello` (also in `demo`). */
  demoService: ServiceRecord | undefined;
  demo: DemoServices;
  /** What did not come up and why (printed with the banner); dev runs on without it. */
  notes: string[];
  logDir: string;
  /** Children that exit on their own (e.g. a cache stopped by hand) are reported here. */
  onChildExit(listener: (child: DevChild, how: number | string) => void): void;
  /** Router (drains), caches, demo instances, PostgreSQL; then removes dev.json. */
  close(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
/** Longer than the router's default drain timeout (10 s). */
const STOP_GRACE_MS = 15_000;

/** Starts every component in dependency order; on any failure, stops what was started and rethrows. */
export async function startDevStack(config: DevConfig): Promise<DevStack> {
  const running = readLiveDevState(config.dataDir);
  if (running) {
    throw new DevAlreadyRunningError(
      `switchyard dev is already running on ${config.dataDir} (pid ${running.pid}); stop it first or pass another --data-dir`,
    );
  }
  await assertPortsFree(plannedPorts(config));
  if (config.fresh) rmSync(config.dataDir, { recursive: true, force: true });
  const logDir = join(config.dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });

  const children: DevChild[] = [];
  let demo: { close(): Promise<void> } | undefined;
  let stopping = false;
  const exitListeners: ((child: DevChild, how: number | string) => void)[] = [];
  const spawnChild = (name: string, argv: string[]): DevChild => {
    const child = new DevChild(name, argv, join(logDir, `${name}.log`));
    children.push(child);
    void child.exited.then((how) => {
      if (!stopping) for (const listener of exitListeners) listener(child, how);
    });
    return child;
  };
  // Every step runs even if an earlier one failed; the first failure is rethrown at the end.
  const stopAll = async (): Promise<void> => {
    stopping = true;
    const byName = (prefix: string) => children.filter((c) => c.name.startsWith(prefix));
    const steps: (() => Promise<unknown>)[] = [
      () => Promise.all(byName('certs').map((c) => c.stop(STOP_GRACE_MS))),
      () => Promise.all([...byName('pebble'), ...byName('challtestsrv')].map((c) => c.stop(STOP_GRACE_MS))),
      () => Promise.all(byName('router').map((c) => c.stop(STOP_GRACE_MS))),
      // Stops the free services it started (sleepy) before it exits.
      () => Promise.all(byName('activator').map((c) => c.stop(STOP_GRACE_MS))),
      () => Promise.all(byName('cache').map((c) => c.stop(STOP_GRACE_MS))),
      async () => demo?.close(),
      () => Promise.all(byName('postgres').map((c) => c.stop(STOP_GRACE_MS))),
    ];
    const failures: unknown[] = [];
    for (const step of steps) await step().catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw failures[0];
  };

  try {
    const postgres = spawnChild('postgres', [
      'postgres',
      join(config.dataDir, 'postgres'),
      String(config.postgresPort),
    ]);
    const { databaseUrl } = await withTimeout(postgres.firstMessage<{ databaseUrl: string }>(), READY_TIMEOUT_MS, () =>
      postgres.failure(`did not start within ${READY_TIMEOUT_MS} ms`),
    );
    const { applied } = await migrate(databaseUrl);
    const demoServices = await ensureDemoData(databaseUrl, {
      region: config.region,
      ports: config.demoPorts,
      isNewDatabase: applied.some((label) => label.startsWith('0001_')),
      dataDir: config.dataDir,
    });
    demo = await startDemoInstances(config.demoPorts);
    const notes: string[] = [];
    mkdirSync(config.staticStoreDir, { recursive: true });
    const staticStore = pathToFileURL(config.staticStoreDir).href;
    if (demoServices.docs && !demoServices.docs.activeBuildId) {
      const failed = await publishDocsSite({ databaseUrl, storeUrl: staticStore, serviceId: demoServices.docs.id });
      if (failed) notes.push(`docs.localhost is not published: ${failed}`);
    }

    // Automatic certificates need a local Pebble; with it, caches serve certificates and ACME challenges
    // (they need a token and the platform key for that) and the router follows them.
    const pebble = findDevPebble();
    const secrets = pebble === undefined ? undefined : ensureDevSecrets(config.dataDir);
    const cacheSecrets =
      secrets === undefined ? [] : ['--token-file', secrets.tokenFile, '--cert-key-file', secrets.platformKeyFile];
    const clientToken = secrets === undefined ? [] : ['--cache-token-file', secrets.tokenFile];
    const caches = config.caches.map((c) => ({
      ...c,
      child: spawnChild(c.name, [
        'cache',
        '--database-url',
        databaseUrl,
        '--region',
        config.region,
        '--listen',
        c.listen,
        '--admin',
        c.admin,
        ...cacheSecrets,
      ]),
    }));
    await Promise.all(caches.map((c) => waitUntilReady(c.child, `http://${c.admin}/readyz`, READY_TIMEOUT_MS)));
    const cacheList = config.caches.map((c) => c.listen).join(',');
    const activator = spawnChild('activator', [
      'activator',
      '--caches',
      cacheList,
      '--region',
      config.region,
      '--listen',
      config.activatorListen,
      '--admin',
      config.activatorAdmin,
      '--scaler',
      'process',
      '--idle-timeout',
      config.idleTimeout,
      '--process-log-dir',
      logDir,
      // Instances a killed activator left running are stopped by the next `dev`.
      '--state-dir',
      join(config.dataDir, 'activator'),
      ...clientToken,
    ]);
    await waitUntilReady(activator, `http://${config.activatorAdmin}/readyz`, READY_TIMEOUT_MS);
    const tls = await ensureDevTls(config.dataDir);
    const accessLog = join(logDir, 'access.log');
    const router = spawnChild('router', [
      'router',
      '--caches',
      cacheList,
      '--region',
      config.region,
      '--listen',
      config.routerListen,
      '--listen-tls',
      config.routerListenTls,
      '--tls-cert',
      tls.cert,
      '--tls-key',
      tls.key,
      '--admin',
      config.routerAdmin,
      '--workers',
      String(config.workers),
      '--state-dir',
      join(config.dataDir, 'router'),
      '--activator',
      config.activatorListen,
      '--static-store',
      staticStore,
      '--access-log',
      accessLog,
      ...clientToken,
    ]);
    await waitUntilReady(router, `http://${config.routerAdmin}/readyz`, READY_TIMEOUT_MS);

    let certs: DevState['certs'];
    if (pebble === undefined || secrets === undefined) {
      notes.push(
        'automatic certificates (switchyard certs) are off: Pebble is not installed here (bash apps/certs/scripts/install-pebble.sh, then npm start again)',
      );
    } else {
      try {
        const [listen, management, dns, dnsManagement, tlsPort, certsAdmin] = await freeLoopbackPorts(6);
        const routerPort = parseAddress(config.routerListen, '--listen').port;
        spawnChild('challtestsrv', [
          'exec',
          pebble.challtestsrv,
          ...['-management', `127.0.0.1:${dnsManagement}`, '-dnsserver', `127.0.0.1:${dns}`, '-defaultIPv6', ''],
          ...['-http01', '', '-https01', '', '-tlsalpn01', '', '-doh', ''],
        ]);
        const pebbleConfig = writePebbleConfig(secrets.dir, pebble, {
          listen: listen as number,
          management: management as number,
          httpPort: routerPort,
          tlsPort: tlsPort as number,
        });
        process.env.PEBBLE_VA_NOSLEEP ??= '1';
        const pebbleChild = spawnChild('pebble', [
          'exec',
          pebble.pebble,
          '-config',
          pebbleConfig,
          '-dnsserver',
          `127.0.0.1:${dns}`,
        ]);
        const pebbleRoot = join(secrets.dir, 'pebble-root.pem');
        await savePebbleRoot(management as number, pebble.ca, pebbleRoot).catch((error: Error) => {
          throw pebbleChild.failure(error.message);
        });
        const directory = `https://127.0.0.1:${listen}/dir`;
        const admin = `127.0.0.1:${certsAdmin}`;
        const manager = spawnChild('certs', [
          'certs',
          ...['--database-url', databaseUrl, '--acme-directory', directory, '--acme-ca', pebble.ca],
          ...['--account-key', join(secrets.dir, 'account.key'), '--contact', 'mailto:dev@example.com'],
          ...['--cert-key-file', secrets.platformKeyFile, '--admin', admin],
          // The demo's *.localhost names keep the dev CA's certificate; other names get Pebble's.
          ...['--skip-suffix', '.localhost', '--interval', '2s', '--order-spacing', '1s', '--backoff', '5s,1m'],
        ]);
        // Not waited for: it needs nothing to be ready, and dev reports it if it exits.
        certs = { admin, pid: manager.pid, directory, pebbleRoot };
      } catch (error) {
        notes.push(`automatic certificates (switchyard certs) are off: ${(error as Error).message}`);
        const started = children.filter((c) => ['certs', 'pebble', 'challtestsrv'].includes(c.name));
        await Promise.all(started.map((c) => c.stop(STOP_GRACE_MS)));
      }
    }

    const state: DevState = {
      pid: process.pid,
      databaseUrl,
      router: {
        listen: config.routerListen,
        listenTls: config.routerListenTls,
        admin: config.routerAdmin,
        pid: router.pid,
        accessLog,
      },
      tlsCa: tls.caCert,
      caches: caches.map((c) => ({ name: c.name, listen: c.listen, admin: c.admin, pid: c.child.pid })),
      postgres: { port: config.postgresPort, pid: postgres.pid },
      activator: { listen: config.activatorListen, admin: config.activatorAdmin, pid: activator.pid },
      ...(certs === undefined ? {} : { certs }),
      staticStore,
      demoServices: Object.fromEntries(Object.entries(demoServices).map(([name, s]) => [name, s.id])),
    };
    if (demoServices.hello) state.demoServiceId = demoServices.hello.id;
    writeDevState(config.dataDir, state);
    return {
      state,
      demoService: demoServices.hello,
      demo: demoServices,
      notes,
      logDir,
      onChildExit: (listener) => exitListeners.push(listener),
      async close() {
        try {
          await stopAll();
        } finally {
          removeDevState(config.dataDir);
        }
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
