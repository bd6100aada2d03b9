import { type StaticSite, v1 } from '@switchyard/proto';
import { RuleError } from './errors.ts';
import { compileHeaderPattern, compileSource } from './patterns.ts';

/**
 * A site's redirect/rewrite rules and header rules, compiled once per build/rules version (the
 * router caches one per route-table record version) and then only matched per request.
 */

/** What a matching rule does. */
export type RuleAction = 'redirect' | 'rewrite' | 'proxy';

export interface CompiledRule {
  /** Position in the site's rule list. */
  readonly index: number;
  readonly source: string;
  readonly destination: string;
  /** 301/302/307/308 (redirect) or 200 (rewrite, or proxy for an absolute URL). */
  readonly status: number;
  /** Applies even when a file exists at the request path. */
  readonly force: boolean;
  readonly action: RuleAction;
  readonly regex: RegExp;
  /** Placeholder names by capture group (`splat` for `*`). */
  readonly names: readonly string[];
  /** Destination pieces: even indexes literal text, odd indexes a placeholder reference. */
  readonly parts: readonly Part[];
}

type Part = string | { readonly name: string; readonly group: number; readonly inQuery: boolean };

export interface RuleMatch {
  readonly rule: CompiledRule;
  /** The destination with placeholders filled in (URL-encoded), before the request's query is merged. */
  readonly target: string;
}

export interface CompiledHeaderRule {
  readonly index: number;
  readonly pattern: string;
  readonly regex: RegExp;
  /** Flat `[name, value, …]`, names lower-cased. */
  readonly headers: readonly string[];
}

/**
 * Response headers a header rule may not set: they frame the message or belong to the router's
 * own logic (validators, ranges). The service database refuses them when rules are saved; any
 * that got in anyway are ignored here (listed in `ignoredHeaders`), never sent.
 */
export const ROUTER_OWNED_RESPONSE_HEADERS: ReadonlySet<string> = new Set([
  'connection',
  'content-length',
  'accept-ranges',
  'content-range',
  'date',
  'host',
  'etag',
  'keep-alive',
  'last-modified',
  'location',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'x-request-id',
]);

export interface CompiledSite {
  readonly rules: readonly CompiledRule[];
  readonly headerRules: readonly CompiledHeaderRule[];
  /** `ruleIndex:headerName` of router-owned headers that were dropped. */
  readonly ignoredHeaders: readonly string[];
  /** The first rule at or after `from` whose source matches `path` (decoded, normalised). */
  match(path: string, from?: number): RuleMatch | undefined;
  /** Headers of every header rule matching `path`, in order, later ones replacing the same name. Flat list. */
  headersFor(path: string): string[];
}

const REDIRECT_STATUSES = new Set([301, 302, 307, 308]);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Field values: visible ASCII, space, tab, obs-text; never CR, LF or NUL.
const FIELD_VALUE = /^[\t\u0020-\u007e\u0080-\u00ff]*$/;

/** Compiles a site's rules; a bad one throws a RuleError naming the list, index and field. */
export function compileSite(site: StaticSite): CompiledSite {
  const rules = (site.rules ?? []).map((rule, index) => compileRule(rule, index));
  const ignoredHeaders: string[] = [];
  const headerRules = (site.headerRules ?? []).map((rule, index) => {
    const regex = compileHeaderPattern(rule.pattern ?? '');
    if (typeof regex === 'string') throw new RuleError('headerRules', index, 'pattern', regex);
    const headers: string[] = [];
    (rule.headers ?? []).forEach((header, h) => {
      const name = header.name ?? '';
      const value = header.value ?? '';
      if (!TOKEN.test(name))
        throw new RuleError('headerRules', index, `headers[${h}].name`, `invalid header name "${name}"`);
      if (!FIELD_VALUE.test(value)) {
        throw new RuleError('headerRules', index, `headers[${h}].value`, 'header values may not hold CR, LF or NUL');
      }
      const lower = name.toLowerCase();
      if (ROUTER_OWNED_RESPONSE_HEADERS.has(lower) || lower.startsWith('proxy-'))
        ignoredHeaders.push(`${index}:${lower}`);
      else headers.push(lower, value);
    });
    return { index, pattern: rule.pattern ?? '', regex, headers };
  });
  return new Site(rules, headerRules, ignoredHeaders);
}

class Site implements CompiledSite {
  readonly rules: readonly CompiledRule[];
  readonly headerRules: readonly CompiledHeaderRule[];
  readonly ignoredHeaders: readonly string[];

  constructor(rules: CompiledRule[], headerRules: CompiledHeaderRule[], ignoredHeaders: string[]) {
    this.rules = rules;
    this.headerRules = headerRules;
    this.ignoredHeaders = ignoredHeaders;
  }

  match(path: string, from = 0): RuleMatch | undefined {
    const rules = this.rules;
    for (let i = from; i < rules.length; i++) {
      const rule = rules[i] as CompiledRule;
      const m = rule.regex.exec(path);
      if (m !== null) return { rule, target: fill(rule.parts, m) };
    }
    return undefined;
  }

  headersFor(path: string): string[] {
    const out: string[] = [];
    for (const rule of this.headerRules) {
      if (!rule.regex.test(path)) continue;
      const headers = rule.headers;
      for (let h = 0; h < headers.length; h += 2) {
        const name = headers[h] as string;
        const value = headers[h + 1] as string;
        let at = -1;
        for (let o = 0; o < out.length; o += 2) {
          if (out[o] === name) {
            at = o;
            break;
          }
        }
        if (at === -1) out.push(name, value);
        else out[at + 1] = value;
      }
    }
    return out;
  }
}

function compileRule(
  rule: { source?: string | null; destination?: string | null; status?: number | null; force?: boolean | null },
  index: number,
): CompiledRule {
  const source = rule.source ?? '';
  const compiled = compileSource(source);
  if (!compiled.ok) throw new RuleError('rules', index, 'source', compiled.reason);
  const status = rule.status === undefined || rule.status === null || rule.status === 0 ? 301 : rule.status;
  if (status !== 200 && !REDIRECT_STATUSES.has(status)) {
    throw new RuleError(
      'rules',
      index,
      'status',
      `must be 301, 302, 307, 308 (redirect) or 200 (rewrite), got ${status}`,
    );
  }
  const destination = rule.destination ?? '';
  const absolute = /^https?:\/\//i.test(destination);
  if (destination === '') throw new RuleError('rules', index, 'destination', 'is empty');
  if (destination.startsWith('//')) {
    throw new RuleError(
      'rules',
      index,
      'destination',
      'protocol-relative URLs are not allowed; use http(s)://… or a path',
    );
  }
  if (!absolute && !destination.startsWith('/')) {
    throw new RuleError('rules', index, 'destination', 'must be a path starting with / or an absolute http(s) URL');
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u0020\u007f]/.test(destination)) {
    throw new RuleError('rules', index, 'destination', 'must not contain spaces or control characters');
  }
  if (absolute) checkOrigin(destination, index);
  // A fragment means nothing to a rewrite (the browser never sees it): dropped.
  const template =
    status === 200 && destination.includes('#') ? destination.slice(0, destination.indexOf('#')) : destination;
  return {
    index,
    source,
    destination,
    status,
    force: rule.force === true,
    action: status !== 200 ? 'redirect' : absolute ? 'proxy' : 'rewrite',
    regex: compiled.regex,
    names: compiled.names,
    parts: parseDestination(template, compiled.names, index),
  };
}

/**
 * An absolute destination's origin is fixed by the site owner: placeholders may only appear in
 * its path and query, never in the host, so a request can never choose where the router connects.
 */
function checkOrigin(destination: string, index: number): void {
  const afterScheme = destination.indexOf('//') + 2;
  let end = destination.length;
  for (const c of ['/', '?', '#']) {
    const at = destination.indexOf(c, afterScheme);
    if (at !== -1 && at < end) end = at;
  }
  const authority = destination.slice(afterScheme, end);
  if (authority.includes('@'))
    throw new RuleError('rules', index, 'destination', 'credentials in URLs are not allowed');
  if (/:[A-Za-z_]/.test(authority)) {
    throw new RuleError('rules', index, 'destination', 'placeholders are not allowed in the host of a URL');
  }
  try {
    const url = new URL(destination.slice(0, end));
    if (url.hostname === '') throw new Error('no host');
  } catch {
    throw new RuleError('rules', index, 'destination', `invalid URL origin "${destination.slice(0, end)}"`);
  }
}

function parseDestination(destination: string, names: readonly string[], index: number): Part[] {
  const parts: Part[] = [];
  const query = destination.indexOf('?');
  const placeholder = /:([A-Za-z_][A-Za-z0-9_]*)/g;
  // Skip the scheme's and port's colons: placeholders only count in the path and query.
  const start = /^https?:\/\//i.test(destination) ? pathStart(destination) : 0;
  placeholder.lastIndex = start;
  let last = 0;
  for (let m = placeholder.exec(destination); m !== null; m = placeholder.exec(destination)) {
    const name = m[1] as string;
    const group = names.indexOf(name);
    if (group === -1) {
      throw new RuleError(
        'rules',
        index,
        'destination',
        name === 'splat' ? ':splat needs a * at the end of the source' : `:${name} is not in the source`,
      );
    }
    parts.push(destination.slice(last, m.index), { name, group: group + 1, inQuery: query !== -1 && m.index > query });
    last = m.index + m[0].length;
  }
  parts.push(destination.slice(last));
  return parts;
}

function pathStart(url: string): number {
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  return slash === -1 ? url.length : slash;
}

function fill(parts: readonly Part[], m: RegExpExecArray): string {
  if (parts.length === 1) return parts[0] as string;
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as Part;
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const value = m[part.group] ?? '';
    if (part.inQuery) out += encodeURIComponent(value);
    else if (part.name === 'splat') out += value.split('/').map(encodeSegment).join('/');
    else out += encodeSegment(value);
  }
  return out;
}

/** A decoded, normalised path → its URL form (each segment percent-encoded). */
export function encodePath(path: string): string {
  return path.split('/').map(encodeSegment).join('/');
}

/** Percent-encodes one path segment, keeping the characters RFC 3986 allows in one unencoded. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%(3A|40|21|24|26|27|28|29|2A|2B|2C|3B|3D)/g, (e) =>
    String.fromCharCode(Number.parseInt(e.slice(1), 16)),
  );
}

/**
 * `destination` (which may carry its own query) with the request's query merged in: the
 * destination's parameters first, then the request's, except names the destination already sets.
 */
export function withQuery(destination: string, query: string): string {
  if (query === '') return destination;
  const hash = destination.indexOf('#');
  const fragment = hash === -1 ? '' : destination.slice(hash);
  const base = hash === -1 ? destination : destination.slice(0, hash);
  const q = base.indexOf('?');
  if (q === -1) return `${base}?${query}${fragment}`;
  const own = base.slice(q + 1);
  const taken = new Set(own.split('&').map(paramName));
  const extra = query.split('&').filter((p) => p !== '' && !taken.has(paramName(p)));
  if (extra.length === 0) return destination;
  return `${base}${own === '' ? '' : '&'}${extra.join('&')}${fragment}`;
}

function paramName(param: string): string {
  const eq = param.indexOf('=');
  return eq === -1 ? param : param.slice(0, eq);
}

/**
 * An encoded `switchyard.routing.v1.StaticSite` (the route table record's blob) → compiled rules,
 * or the error that says why they do not compile (a RuleError, or a blob that does not decode).
 */
export function compileSiteBlob(blob: Uint8Array): CompiledSite | Error {
  try {
    return compileSite(v1.StaticSite.decode(blob));
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
