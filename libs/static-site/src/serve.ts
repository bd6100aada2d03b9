import type { Readable } from 'node:stream';
import { type ClientExchange, redirectPage, textPage } from '@switchyard/http1';
import { contentTypeFor, isHtml } from './content-type.ts';
import { StaticOptionsError } from './errors.ts';
import type { CachedObject, HotObjectCache, ObjectMeta } from './hot-cache.ts';
import { isNotModified, parseRange, quoteEtag } from './http.ts';
import { noopStaticMetrics, StaticEvent, type StaticMetrics } from './metrics.ts';
import { normalisePath, splitTarget } from './path.ts';
import { type CompiledSite, encodePath, type RuleMatch, withQuery } from './rules.ts';
import { buildPrefix, type StaticStore } from './store.ts';

/** One static site as the router hands it over: which build, and its compiled rules. */
export interface SiteRef {
  readonly serviceId: string;
  /** '' when nothing is published: every request is a 404. */
  readonly buildId: string;
  /** The compiled rules, or the reason they did not compile (the site then answers 500). */
  readonly site: CompiledSite | Error;
}

/** Absolute-URL rewrites (status 200 to `http(s)://…`) are handed to this; the router forwards them. */
export type ProxyTo = (conn: ClientExchange, url: URL) => void;

export interface StaticHandlerOptions {
  store: StaticStore;
  /** The per-thread hot-object cache; none: every request asks the store. */
  cache?: HotObjectCache;
  metrics?: StaticMetrics;
  /** Without it, proxy rewrites answer 502. */
  proxy?: ProxyTo;
  /** Rewrites followed per request before answering 508. Default 5. */
  maxRewrites?: number;
  /** `max-age` of non-HTML files. Default 60 s (URLs do not carry the build id; see docs/static-sites.md). */
  assetMaxAgeSeconds?: number;
}

/** How a request was resolved: the serving plan, also what `/debug/route` shows. */
export type Plan =
  | { readonly kind: 'badRequest'; readonly reason: string; readonly trace: readonly string[] }
  | { readonly kind: 'redirect'; readonly status: number; readonly location: string; readonly trace: readonly string[] }
  | { readonly kind: 'slash'; readonly location: string; readonly trace: readonly string[] }
  | { readonly kind: 'proxy'; readonly url: URL; readonly trace: readonly string[] }
  | {
      readonly kind: 'file';
      /** 200 for the requested file, 404 for the site's /404.html. */
      readonly status: 200 | 404;
      readonly key: string;
      /** The path of the file served (after rewrites), for its Content-Type. */
      readonly path: string;
      /** The normalised request path, which the header rules match. */
      readonly requestPath: string;
      readonly object: CachedObject & { meta: ObjectMeta };
      readonly trace: readonly string[];
    }
  | { readonly kind: 'notFound'; readonly trace: readonly string[] }
  | { readonly kind: 'loop'; readonly trace: readonly string[] }
  | { readonly kind: 'invalidRules'; readonly reason: string; readonly trace: readonly string[] }
  | { readonly kind: 'notPublished'; readonly trace: readonly string[] };

/** The plan needs an object that is not in memory: fetch `key`, then plan again. */
interface Miss {
  readonly kind: 'miss';
  readonly key: string;
}

/** The router's answer for file paths to methods other than GET and HEAD. */
const ALLOW = 'GET, HEAD';
const NOT_FOUND_PAGE = '/404.html';

/**
 * Serves static sites from an object store. One per serving thread. Per request: normalise the
 * path once → rules (first match; an existing file wins unless the rule is forced; rewrites chain
 * up to `maxRewrites`) → the file (index.html for directories), with validators, conditional
 * requests and ranges → or the site's /404.html, or a plain 404.
 */
export class StaticHandler {
  readonly #store: StaticStore;
  readonly #cache: HotObjectCache | undefined;
  readonly #metrics: StaticMetrics;
  readonly #proxy: ProxyTo | undefined;
  readonly #maxRewrites: number;
  readonly #assetCacheControl: string;
  /** Lookups in flight, so concurrent misses for one object ask the store once. */
  readonly #inflight = new Map<string, Promise<CachedObject>>();

  constructor(options: StaticHandlerOptions) {
    this.#store = options.store;
    this.#cache = options.cache?.enabled ? options.cache : undefined;
    this.#metrics = options.metrics ?? noopStaticMetrics;
    this.#proxy = options.proxy;
    this.#maxRewrites = options.maxRewrites ?? 5;
    if (!Number.isInteger(this.#maxRewrites) || this.#maxRewrites < 0) {
      throw new StaticOptionsError(`maxRewrites must be an integer ≥ 0, got ${options.maxRewrites}`);
    }
    const maxAge = options.assetMaxAgeSeconds ?? 60;
    if (!Number.isInteger(maxAge) || maxAge < 0) {
      throw new StaticOptionsError(`assetMaxAgeSeconds must be an integer ≥ 0, got ${maxAge}`);
    }
    this.#assetCacheControl = `public, max-age=${maxAge}`;
  }

  /** Answers `req` for `site`. Never throws; store failures become a 502 (or a cut connection mid-body). */
  serve(conn: ClientExchange, site: SiteRef): void {
    // Planned from memory (the hot-object cache) when it can be: a cached file is answered in this tick.
    const plan = this.#planFrom(site, conn.path, null, null);
    if (plan.kind !== 'miss') {
      this.#answer(conn, site, plan);
      return;
    }
    this.#planFetching(site, conn.path, null, plan.key).then(
      (done) => this.#answer(conn, site, done),
      (error: Error) => this.#storeFailed(conn, error),
    );
  }

  /**
   * Resolves a request target (path and query, as received) against a site without answering:
   * which rules matched, which object key, what the response will be.
   */
  plan(site: SiteRef, target: string): Promise<Plan> {
    const steps: string[] = [];
    const plan = this.#planFrom(site, target, steps, new Map());
    return plan.kind === 'miss' ? this.#planFetching(site, target, steps, plan.key) : Promise.resolve(plan);
  }

  /** Plans again after each object the plan needed and memory did not have, until it is complete. */
  async #planFetching(site: SiteRef, target: string, steps: string[] | null, missing: string): Promise<Plan> {
    const known = new Map<string, CachedObject>();
    for (let key = missing; ; ) {
      known.set(key, await this.#fetchOnce(key));
      const plan = this.#planFrom(site, target, steps, known);
      if (plan.kind !== 'miss') return plan;
      key = plan.key;
    }
  }

  /**
   * The plan, from what is in memory: the hot-object cache, and `known` (the objects fetched for
   * this request so far, and the cache's answers since the first fetch, which a cache eviction
   * cannot take away while planning again). `{kind: 'miss', key}` when an object has to be fetched first.
   * `steps` collects the explanation (`/debug/route`); null when serving, so requests build no strings.
   */
  #planFrom(
    site: SiteRef,
    target: string,
    steps: string[] | null,
    known: Map<string, CachedObject> | null,
  ): Plan | Miss {
    if (steps !== null) steps.length = 0; // planning again after a fetch explains from the start
    const trace = steps ?? NO_STEPS;
    if (site.buildId === '') return { kind: 'notPublished', trace };
    if (site.site instanceof Error) return { kind: 'invalidRules', reason: site.site.message, trace };
    const rules = site.site;
    const prefix = buildPrefix(site.serviceId, site.buildId);
    let { path: rawPath, query } = splitTarget(target);
    let requestPath: string | undefined;
    for (let hop = 0; ; hop++) {
      const normalised = normalisePath(rawPath);
      if (!normalised.ok) return { kind: 'badRequest', reason: normalised.reason, trace };
      const path = normalised.path;
      requestPath ??= path;
      const match = rules.match(path);
      if (match?.rule.force) {
        steps?.push(describe(match, true));
      } else {
        const found = this.#resolve(prefix, path, known);
        if (found.kind === 'miss') return found;
        if (found.kind === 'file') {
          steps?.push(`file ${found.key}`);
          const object = found.object;
          return { kind: 'file', status: 200, key: found.key, path: found.path, requestPath, object, trace };
        }
        if (found.kind === 'slash') {
          steps?.push(`directory ${found.key}: redirect to the slash form`);
          return { kind: 'slash', location: withQuery(`${encodePath(path)}/`, query), trace };
        }
        if (match === undefined) {
          steps?.push(`no file and no rule for ${path}`);
          return this.#notFound(prefix, requestPath, trace, steps, known);
        }
        steps?.push(describe(match, false));
      }
      const rule = match.rule;
      if (rule.action === 'redirect') {
        return { kind: 'redirect', status: rule.status, location: withQuery(match.target, query), trace };
      }
      if (rule.action === 'proxy') return { kind: 'proxy', url: new URL(withQuery(match.target, query)), trace };
      if (hop >= this.#maxRewrites) {
        steps?.push(`more than ${this.#maxRewrites} rewrites: loop`);
        return { kind: 'loop', trace };
      }
      // A rewrite: evaluate again for the new path, the destination's query merged with the request's.
      const next = splitTarget(withQuery(match.target, query));
      rawPath = next.path;
      query = next.query;
    }
  }

  #notFound(
    prefix: string,
    requestPath: string,
    trace: readonly string[],
    steps: string[] | null,
    known: Map<string, CachedObject> | null,
  ): Plan | Miss {
    const key = prefix + NOT_FOUND_PAGE.slice(1);
    const object = this.#inMemory(key, known);
    if (object === undefined) return { kind: 'miss', key };
    if (!hasMeta(object)) return { kind: 'notFound', trace };
    steps?.push(`the site's 404 page ${key}`);
    return { kind: 'file', status: 404, key, path: NOT_FOUND_PAGE, requestPath, object, trace };
  }

  /** The file for a normalised path: itself, or its directory's index.html, or a redirect to `path/`. */
  #resolve(
    prefix: string,
    path: string,
    known: Map<string, CachedObject> | null,
  ):
    | { kind: 'file'; key: string; path: string; object: CachedObject & { meta: ObjectMeta } }
    | { kind: 'slash'; key: string }
    | { kind: 'missing' }
    | Miss {
    if (path.endsWith('/')) {
      const key = `${prefix}${path.slice(1)}index.html`;
      const object = this.#inMemory(key, known);
      if (object === undefined) return { kind: 'miss', key };
      return hasMeta(object) ? { kind: 'file', key, path: `${path}index.html`, object } : MISSING_FILE;
    }
    const key = prefix + path.slice(1);
    const object = this.#inMemory(key, known);
    if (object === undefined) return { kind: 'miss', key };
    if (hasMeta(object)) return { kind: 'file', key, path, object };
    const index = `${key}/index.html`;
    const indexObject = this.#inMemory(index, known);
    if (indexObject === undefined) return { kind: 'miss', key: index };
    return hasMeta(indexObject) ? { kind: 'slash', key: index } : MISSING_FILE;
  }

  /** What memory says of `key` (undefined: it has to be fetched). */
  #inMemory(key: string, known: Map<string, CachedObject> | null): CachedObject | undefined {
    if (known === null) return this.#cache?.get(key);
    let object = known.get(key);
    if (object === undefined) {
      object = this.#cache?.get(key);
      if (object !== undefined) known.set(key, object);
    }
    return object;
  }

  /** The object's metadata (and bytes when small and cached), or "missing"; concurrent fetches of one key share one. */
  #fetchOnce(key: string): Promise<CachedObject> {
    const cache = this.#cache;
    if (cache === undefined) return this.#store.head(key).then(metaOnly);
    let pending = this.#inflight.get(key);
    if (pending === undefined) {
      pending = this.#fetch(cache, key).finally(() => this.#inflight.delete(key));
      this.#inflight.set(key, pending);
    }
    return pending;
  }

  async #fetch(cache: HotObjectCache, key: string): Promise<CachedObject> {
    const meta = await this.#store.head(key);
    if (meta === undefined) {
      cache.setMissing(key);
      return MISSING;
    }
    if (meta.size > cache.maxObjectBytes) {
      cache.setObject(key, meta, undefined);
      return { meta, bytes: undefined };
    }
    const read = await this.#store.getBytes(key);
    if (read === undefined) {
      cache.setMissing(key);
      return MISSING;
    }
    cache.setObject(key, read.info, read.bytes);
    return { meta: read.info, bytes: read.bytes };
  }

  #answer(res: ClientExchange, site: SiteRef, plan: Plan): void {
    if (res.closed) return;
    const method = res.method;
    const readOnly = method === 'GET' || method === 'HEAD';
    if (plan.kind === 'redirect') {
      this.#redirect(res, plan.status, plan.location);
    } else if (plan.kind === 'proxy') {
      if (this.#proxy === undefined) {
        this.#text(
          res,
          502,
          'Bad Gateway',
          'this router does not proxy rewrites to external URLs (--static-proxy-rewrites off).',
        );
      } else {
        this.#proxy(res, plan.url);
      }
    } else if (plan.kind === 'badRequest') {
      this.#text(res, 400, 'Bad Request', `invalid path: ${plan.reason}.`);
    } else if (plan.kind === 'loop') {
      this.#text(res, 508, 'Loop Detected', `more than ${this.#maxRewrites} rewrites for this path.`);
    } else if (plan.kind === 'invalidRules') {
      this.#text(res, 500, 'Internal Server Error', `the site's rules are invalid: ${plan.reason}`);
    } else if (plan.kind === 'notPublished') {
      this.#text(res, 404, 'Not Found', 'this site has no published build.');
    } else if (!readOnly) {
      this.#text(res, 405, 'Method Not Allowed', 'static files are served to GET and HEAD only.', ['allow', ALLOW]);
    } else if (plan.kind === 'slash') {
      this.#redirect(res, 301, plan.location);
    } else if (plan.kind === 'notFound') {
      this.#text(res, 404, 'Not Found', 'no such file.');
    } else {
      this.#fileFor(res, site, plan);
    }
  }

  #fileFor(res: ClientExchange, site: SiteRef, plan: Plan & { kind: 'file' }): void {
    this.#file(res, plan, (site.site as CompiledSite).headersFor(plan.requestPath));
  }

  #file(res: ClientExchange, plan: Plan & { kind: 'file' }, ruleHeaders: string[]): void {
    const served = validatorsOf(plan.object.meta);
    const meta = served.meta;
    const type = contentTypeFor(plan.path);
    const headers = [
      'content-type',
      type,
      'cache-control',
      plan.status === 404 || isHtml(type) ? 'public, max-age=0, must-revalidate' : this.#assetCacheControl,
    ];
    for (let i = 0; i < ruleHeaders.length; i += 2) {
      const name = ruleHeaders[i] as string;
      if (name === 'content-type') headers[1] = ruleHeaders[i + 1] as string;
      else if (name === 'cache-control') headers[3] = ruleHeaders[i + 1] as string;
      else headers.push(name, ruleHeaders[i + 1] as string);
    }
    headers.push('etag', meta.etag, 'last-modified', served.lastModified);
    const head = res.method === 'HEAD';

    if (plan.status === 404) {
      this.#send(res, 404, headers, plan.key, plan.object, undefined, head);
      return;
    }

    if (isNotModified(res.header('if-none-match'), res.header('if-modified-since'), meta)) {
      this.#metrics.response(304);
      res.writeHead(304, headers);
      res.end();
      return;
    }
    headers.push('accept-ranges', 'bytes');
    const range = parseRange(res.header('range'), res.header('if-range'), meta);
    if (range.kind === 'unsatisfiable') {
      headers.push('content-range', `bytes */${meta.size}`);
      this.#metrics.response(416);
      res.writeHead(416, headers);
      res.end();
      return;
    }
    if (range.kind === 'partial') {
      headers.push('content-range', `bytes ${range.start}-${range.end}/${meta.size}`);
      this.#send(res, 206, headers, plan.key, plan.object, range, head);
    } else {
      this.#send(res, 200, headers, plan.key, plan.object, undefined, head);
    }
  }

  #send(
    res: ClientExchange,
    status: number,
    headers: string[],
    key: string,
    object: CachedObject & { meta: ObjectMeta },
    range: { start: number; end: number } | undefined,
    head: boolean,
  ): void {
    const length = range === undefined ? object.meta.size : range.end - range.start + 1;
    headers.push('content-length', String(length));
    const bytes = object.bytes;
    if (head || bytes !== undefined || length === 0) {
      this.#metrics.response(status);
      res.writeHead(status, headers);
      if (head || length === 0) res.end();
      else res.end(range === undefined ? bytes : (bytes as Buffer).subarray(range.start, range.end + 1));
      return;
    }
    this.#store.get(key, range).then(
      (read) => {
        if (read === undefined) {
          // Deleted between the lookup and now (the build was removed): as if it never existed.
          this.#text(res, 404, 'Not Found', 'no such file.');
          return;
        }
        if (res.closed) {
          // The client left while the store answered. Some bodies (undici's) emit an AbortError when
          // destroyed: it must not become an uncaught exception that takes the serving thread down.
          read.body.on('error', () => {});
          read.body.destroy();
          return;
        }
        this.#metrics.response(status);
        res.writeHead(status, headers);
        this.#stream(read.body, res);
      },
      (error: Error) => this.#storeFailed(res, error),
    );
  }

  /** A store body to the client, with backpressure; a failed read cuts the connection. */
  #stream(body: Readable, res: ClientExchange): void {
    let stopped = false;
    const stop = (): void => {
      stopped = true;
      body.off('data', onData);
      body.destroy();
    };
    const onData = (chunk: Buffer): void => {
      if (res.closed) {
        stop();
        return;
      }
      if (!res.write(chunk)) {
        body.pause();
        res.onDrain(() => body.resume());
      }
    };
    body.on('data', onData);
    body.once('end', () => res.end());
    body.on('error', () => {
      if (stopped) return; // destroyed because the client left: not the store's fault
      this.#metrics.event(StaticEvent.storeError);
      res.destroy();
    });
    res.onFinished(() => {
      if (!body.readableEnded) stop();
    });
  }

  #redirect(res: ClientExchange, status: number, location: string): void {
    const page = redirectPage(location);
    this.#metrics.response(status);
    res.writeHead(status, page.headers);
    res.end(page.body);
  }

  #storeFailed(res: ClientExchange, _error: Error): void {
    this.#metrics.event(StaticEvent.storeError);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    this.#text(res, 502, 'Bad Gateway', 'the site storage could not be read; retry.');
  }

  #text(res: ClientExchange, status: number, reason: string, text: string, extra?: string[]): void {
    const page = textPage(status, reason, text);
    this.#metrics.response(status);
    res.writeHead(status, extra === undefined ? page.headers : [...page.headers, ...extra]);
    res.end(page.body);
  }
}

const MISSING: CachedObject = { meta: undefined, bytes: undefined };
const NO_STEPS: readonly string[] = Object.freeze([]);
const MISSING_FILE = { kind: 'missing' } as const;

/** An object's validators as sent: the quoted ETag, and Last-Modified as an HTTP date. */
interface Validators {
  /** The store's metadata with the ETag quoted. */
  readonly meta: ObjectMeta;
  readonly lastModified: string;
}

/** Formatted once per object (a cached object's metadata is one object for as long as it is cached). */
const validators = new WeakMap<ObjectMeta, Validators>();

function validatorsOf(meta: ObjectMeta): Validators {
  let served = validators.get(meta);
  if (served === undefined) {
    served = { meta: { ...meta, etag: quoteEtag(meta.etag) }, lastModified: meta.lastModified.toUTCString() };
    validators.set(meta, served);
  }
  return served;
}

function metaOnly(meta: ObjectMeta | undefined): CachedObject {
  return meta === undefined ? MISSING : { meta, bytes: undefined };
}

function hasMeta(object: CachedObject): object is CachedObject & { meta: ObjectMeta } {
  return object.meta !== undefined;
}

function describe(match: RuleMatch, forced: boolean): string {
  const rule = match.rule;
  return `rule ${rule.index} (${rule.source} → ${rule.destination} ${rule.status}${rule.force ? ', forced' : ''}) → ${match.target}${forced ? '' : ' (no file at the path)'}`;
}
