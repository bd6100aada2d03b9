import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  addHostname,
  addInstance,
  createService,
  listServices,
  removeInstance,
  type ServiceRecord,
  updateService,
} from '@switchyard/service-db';
import { withDatabase } from '../database.ts';

/** The demo's paid web service: two instances, an exact hostname and a wildcard. */
export const DEMO_SERVICE = { name: 'hello', hostnames: ['hello.localhost', '*.hello.localhost'] } as const;

/** Small HTTP servers standing in for a paid service's instances; each says which one answered. */
export async function startDemoInstances(ports: number[]): Promise<{ close(): Promise<void> }> {
  const servers: Server[] = [];
  const close = () =>
    Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    ).then(() => undefined);
  try {
    for (const [i, port] of ports.entries()) {
      const name = `hello-${i + 1}`;
      const server = createServer((req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'x-demo-instance': name });
        res.end(`Hello from ${name} (127.0.0.1:${port}): you asked for ${req.headers.host ?? '?'}${req.url ?? '/'}\n`);
      });
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: '127.0.0.1', port }, () => resolve());
      });
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { close };
}

/** The demo's free web service: started by the activator's `process` scaler on its first request. */
export const SLEEPY_SERVICE = { name: 'sleepy', hostname: 'sleepy.localhost' } as const;
/** The demo's static site, published from examples/ with its rules. */
export const DOCS_SERVICE = { name: 'docs', hostname: 'docs.localhost' } as const;

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** The files and rules of the demo static site. */
export const DOCS_SITE_DIR = join(REPO_ROOT, 'examples', 'docs-site');
export const DOCS_RULES_FILE = join(REPO_ROOT, 'examples', 'docs-site.rules.yaml');
const SLEEPY_APP = fileURLToPath(new URL('./sleepy-app.js', import.meta.url));

/**
 * The `process` scaler's start command for sleepy: this Node (24) running the demo app. The data
 * directory rides along in argv (the app ignores it) so that `ps` ties the process to its `dev`.
 */
export function sleepyScalerRef(dataDir: string): string {
  return JSON.stringify({ command: [process.execPath, SLEEPY_APP, dataDir] });
}

export interface DemoServices {
  hello?: ServiceRecord;
  sleepy?: ServiceRecord;
  docs?: ServiceRecord;
}

/**
 * Creates the demo services on a new database. On an existing one, finds each by its hostname and
 * brings what depends on this run up to date: hello's instances move to this run's demo ports, sleepy's
 * start command to this checkout and this Node. A demo whose hostname the user removed is left alone.
 * The docs site's files are published separately (publishDocsSite), once its service exists.
 */
export async function ensureDemoData(
  databaseUrl: string,
  opts: { region: string; ports: number[]; isNewDatabase: boolean; dataDir: string },
): Promise<DemoServices> {
  return withDatabase(databaseUrl, async (db) => {
    const wanted = opts.ports.map((port) => ({ host: '127.0.0.1', port }));
    const scalerRef = sleepyScalerRef(opts.dataDir);
    if (opts.isNewDatabase) {
      const hello = await createService(db, {
        name: DEMO_SERVICE.name,
        kind: 'web',
        plan: 'paid',
        region: opts.region,
      });
      for (const hostname of DEMO_SERVICE.hostnames) await addHostname(db, hello.id, hostname);
      for (const instance of wanted) await addInstance(db, hello.id, instance);
      const sleepy = await createService(db, {
        name: SLEEPY_SERVICE.name,
        kind: 'web',
        plan: 'free',
        region: opts.region,
        scalerRef,
      });
      await addHostname(db, sleepy.id, SLEEPY_SERVICE.hostname);
      const docs = await createService(db, {
        name: DOCS_SERVICE.name,
        kind: 'static',
        plan: 'free',
        region: opts.region,
      });
      await addHostname(db, docs.id, DOCS_SERVICE.hostname);
      return {
        hello: {
          ...hello,
          hostnames: [...DEMO_SERVICE.hostnames],
          instances: wanted.map((w) => ({ ...w, ready: true })),
        },
        sleepy: { ...sleepy, hostnames: [SLEEPY_SERVICE.hostname] },
        docs: { ...docs, hostnames: [DOCS_SERVICE.hostname] },
      };
    }
    const services = await listServices(db, { region: opts.region, limit: 10_000 });
    const byHostname = (hostname: string) => services.find((s) => s.hostnames.includes(hostname));
    const demo: DemoServices = {};
    const hello = byHostname(DEMO_SERVICE.hostnames[0]);
    if (hello) {
      const key = (i: { host: string; port: number }) => `${i.host}:${i.port}`;
      const wantedKeys = new Set(wanted.map(key));
      const haveKeys = new Set(hello.instances.map(key));
      for (const instance of hello.instances) {
        if (!wantedKeys.has(key(instance))) await removeInstance(db, hello.id, instance.host, instance.port);
      }
      for (const instance of wanted) if (!haveKeys.has(key(instance))) await addInstance(db, hello.id, instance);
      demo.hello = hello;
    }
    const sleepy = byHostname(SLEEPY_SERVICE.hostname);
    if (sleepy) {
      demo.sleepy = sleepy.scalerRef === scalerRef ? sleepy : await updateService(db, sleepy.id, { scalerRef });
    }
    const docs = byHostname(DOCS_SERVICE.hostname);
    if (docs?.kind === 'static') demo.docs = docs;
    return demo;
  });
}
