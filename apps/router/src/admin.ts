import type { ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { RouteTableReader } from '@switchyard/route-table';
import type { Plan, StaticHandler } from '@switchyard/static-site';
import type { AdminRoute } from '@switchyard/telemetry';
import { type CacheRefusal, describeRefusal } from './cache-refusal.ts';
import { parseActivators, RouteDecider } from './routing.ts';
import { type AddressPolicy, AddressRefusedError } from './serve/address-policy.ts';
import { StaticSites } from './static-sites.ts';
import type { TableKeeper } from './table-keeper.ts';

export interface AdminDeps {
  keeper: TableKeeper;
  activator: string | undefined;
  instanceCooldownMs: number;
  isReady: () => boolean;
  /** Shutting down: /readyz answers 503 while the serving threads drain. */
  isDraining?: () => boolean;
  isDegraded: () => boolean;
  /** The latest cache refusal of this router's configuration since it last synced, if any. */
  refusal?: () => CacheRefusal | null;
  /** The body of /debug/state. */
  state: () => unknown;
  /** Resolves static-site paths for /debug/route (no hot cache); undefined without --static-store. */
  staticHandler?: StaticHandler;
  /** Where proxy rewrites may connect: /debug/route says when a rewrite's destination is refused. */
  proxyPolicy?: AddressPolicy;
}

/** The router's admin routes besides /healthz and /metrics: /readyz with a reason, /debug/*. */
export function adminRoutes(deps: AdminDeps): Record<string, AdminRoute> {
  const activators = parseActivators(deps.activator);
  return {
    '/readyz': (_req, res) => {
      const refusal = deps.refusal?.();
      const refused = refusal ? `cache refused this router: ${describeRefusal(refusal)}\n` : '';
      if (deps.isDraining?.()) {
        return text(res, 503, 'not ready: draining (shutting down); keep-alive connections are told to close\n');
      }
      if (!deps.isReady()) {
        return text(
          res,
          503,
          refusal
            ? `not ready: ${refused}`
            : 'not ready: not synced with a cache and no state-dir snapshot served yet\n',
        );
      }
      if (deps.isDegraded()) {
        return text(
          res,
          200,
          `ready (degraded): serving the state-dir snapshot; no cache has answered yet\n${refused}`,
        );
      }
      return text(res, 200, `ready\n${refused}`);
    },
    '/debug/state': (_req, res) => json(res, 200, deps.state()),
    '/debug/route': async (_req, res, url) => {
      const host = url.searchParams.get('host');
      if (!host) return json(res, 400, { error: 'give ?host=NAME (and optionally &path=/x)' });
      const rawPath = url.searchParams.get('path') ?? '/';
      const path = rawPath.startsWith('/') ? rawPath : `/${rawPath}`;
      // A fresh reader on the current generation: the main thread holds the writer, not a reader.
      const reader = RouteTableReader.attach(deps.keeper.handle);
      const decider = new RouteDecider(reader, activators, deps.instanceCooldownMs);
      const explanation = decider.explain(host);
      const body: Record<string, unknown> = { ...explanation, path, tableVersion: deps.keeper.state().version };
      if (explanation.decision === 'static') {
        body.static = await explainStatic(
          deps.staticHandler,
          new StaticSites(reader),
          decider.record,
          path,
          deps.proxyPolicy,
        );
      }
      json(res, 200, body);
    },
  };
}

/** How a static site would answer `path`: the rules that matched, the object key, the response. */
async function explainStatic(
  handler: StaticHandler | undefined,
  sites: StaticSites,
  record: number,
  path: string,
  proxyPolicy: AddressPolicy | undefined,
): Promise<Record<string, unknown>> {
  const ref = sites.ref(record);
  const site = ref.site instanceof Error ? { error: ref.site.message } : { rules: ref.site.rules.length };
  if (handler === undefined) {
    return { buildId: ref.buildId, ...site, answer: '503: this router has no --static-store' };
  }
  let plan: Plan;
  try {
    plan = await handler.plan(ref, path);
  } catch (error) {
    return { buildId: ref.buildId, ...site, answer: `502: object store error: ${(error as Error).message}` };
  }
  const refused = plan.kind === 'proxy' && proxyPolicy ? await proxyRefusal(proxyPolicy, plan.url) : undefined;
  const answer =
    refused === undefined ? describePlan(plan) : { status: 502, url: (plan as { url: URL }).url.href, refused };
  return { buildId: ref.buildId, ...site, answer, steps: plan.trace };
}

/** Why the address policy refuses a proxy rewrite's destination (resolving its host), or undefined. */
function proxyRefusal(policy: AddressPolicy, url: URL): Promise<string | undefined> {
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (isIP(host) !== 0) return Promise.resolve(policy.refusal(host, port));
  return new Promise((resolve) =>
    policy.lookupFor(port)(host, { all: true }, (error) =>
      resolve(error instanceof AddressRefusedError ? error.message : undefined),
    ),
  );
}

function describePlan(plan: Plan): Record<string, unknown> {
  switch (plan.kind) {
    case 'file':
      return { status: plan.status, key: plan.key, size: plan.object.meta.size, etag: plan.object.meta.etag };
    case 'redirect':
      return { status: plan.status, location: plan.location };
    case 'slash':
      return { status: 301, location: plan.location };
    case 'proxy':
      return { status: 'proxied', url: plan.url.href };
    case 'badRequest':
      return { status: 400, reason: plan.reason };
    case 'loop':
      return { status: 508 };
    case 'invalidRules':
      return { status: 500, reason: plan.reason };
    case 'notPublished':
      return { status: 404, reason: 'no published build' };
    case 'notFound':
      return { status: 404, reason: 'no such file and no 404.html' };
  }
}

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(`${JSON.stringify(body, null, 2)}\n`);
}
