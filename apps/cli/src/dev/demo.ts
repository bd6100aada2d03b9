import { createServer, type Server } from 'node:http';
import {
  addHostname,
  addInstance,
  createService,
  listServices,
  removeInstance,
  type ServiceRecord,
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

/**
 * Creates the demo service on a new database; on an existing one, finds it by its hostname and
 * points its instances at this run's demo ports (they move with --demo-base-port). A database where
 * the user removed the demo hostname is left alone. Returns the service, if there is one.
 */
export async function ensureDemoData(
  databaseUrl: string,
  opts: { region: string; ports: number[]; isNewDatabase: boolean },
): Promise<ServiceRecord | undefined> {
  return withDatabase(databaseUrl, async (db) => {
    const wanted = opts.ports.map((port) => ({ host: '127.0.0.1', port }));
    if (opts.isNewDatabase) {
      const service = await createService(db, {
        name: DEMO_SERVICE.name,
        kind: 'web',
        plan: 'paid',
        region: opts.region,
      });
      for (const hostname of DEMO_SERVICE.hostnames) await addHostname(db, service.id, hostname);
      for (const instance of wanted) await addInstance(db, service.id, instance);
      return {
        ...service,
        hostnames: [...DEMO_SERVICE.hostnames],
        instances: wanted.map((w) => ({ ...w, ready: true })),
      };
    }
    const services = await listServices(db, { region: opts.region, limit: 10_000 });
    const service = services.find((s) => s.hostnames.includes(DEMO_SERVICE.hostnames[0]));
    if (!service) return undefined;
    const key = (i: { host: string; port: number }) => `${i.host}:${i.port}`;
    const wantedKeys = new Set(wanted.map(key));
    const haveKeys = new Set(service.instances.map(key));
    for (const instance of service.instances) {
      if (!wantedKeys.has(key(instance))) await removeInstance(db, service.id, instance.host, instance.port);
    }
    for (const instance of wanted) if (!haveKeys.has(key(instance))) await addInstance(db, service.id, instance);
    return service;
  });
}
