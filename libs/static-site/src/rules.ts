import { type StaticSite, v1 } from '@switchyard/proto';
import { RuleError } from './errors.ts';
import { isRouterOwnedHeader } from './owned-headers.ts';
import { compileHeaderPattern, compileSource, hasControlOrSpace } from './patterns.ts';

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
  /** Lower-case names of router-owned headers the rule tried to set, left out of `headers`. */
  readonly ignored: readonly string[];
}

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

/** A redirect/rewrite rule as stored (`switchyard.routing.v1.Rule`; absent fields take their defaults). */
export interface RuleFields {
  source?: string | null;
  destination?: string | null;
  /** Default 301 (also for 0, the wire default). */
  status?: number | null;
  force?: boolean | null;
}

/** A header rule as stored (`switchyard.routing.v1.HeaderRule`). */
export interface HeaderRuleFields {
  pattern?: string | null;
  headers?: readonly { name?: string | null; value?: string | null }[] | null;
}

/**
 * What to do with a header rule setting a router-owned header: the router ignores it (and lists it in
 * `ignored`); saving rules refuses it.
 */
export type OwnedHeaderPolicy = 'ignore' | 'refuse';

const REDIRECT_STATUSES = new Set([301, 302, 307, 308]);
const MAX_DESTINATION_LENGTH = 2048;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Field values: visible ASCII, space, tab, obs-text; never CR, LF, NUL or another control character.
const FIELD_VALUE = /^[\t\u0020-\u007e\u0080-\u00ff]*$/;

/** Compiles a site's rules; a bad one throws a RuleError naming the list, index and field. */
export function compileSite(site: StaticSite): CompiledSite {
  const rules = (site.rules ?? []).map((rule, index) => compileRule(rule, index));
  const headerRules = (site.headerRules ?? []).map((rule, index) => compileHeaderRule(rule, index));
  const ignoredHeaders = headerRules.flatMap((rule) => rule.ignored.map((name) => `${rule.index}:${name}`));
  return new Site(rules, headerRules, ignoredHeaders);
}

/** Compiles one header rule (`index` is its position, for errors); a bad one throws a RuleError. */
export function compileHeaderRule(
  rule: HeaderRuleFields,
  index: number,
  owned: OwnedHeaderPolicy = 'ignore',
): CompiledHeaderRule {
  const pattern = rule.pattern ?? '';
  const regex = compileHeaderPattern(pattern);
  if (typeof regex === 'string') throw new RuleError('headerRules', index, 'pattern', regex);
  const headers: string[] = [];
  const ignored: string[] = [];
  (rule.headers ?? []).forEach((header, h) => {
    const name = header.name ?? '';
    const value = header.value ?? '';
    if (!TOKEN.test(name)) throw new RuleError('headerRules', index, `headers[${h}].name`, 'not an HTTP header name');
    const isOwned = isRouterOwnedHeader(name);
    if (isOwned && owned === 'refuse') {
      throw new RuleError(
        'headerRules',
        index,
        `headers[${h}].name`,
        'the router sets this header itself; header rules may not',
      );
    }
    if (!FIELD_VALUE.test(value)) {
      throw new RuleError(
        'headerRules',
        index,
        `headers[${h}].value`,
        'no CR, LF, NUL or other control characters (tab is allowed), and no characters above U+00FF',
      );
    }
    const lower = name.toLowerCase();
    if (isOwned) ignored.push(lower);
    else headers.push(lower, value);
  });
  return { index, pattern, regex, headers, ignored };
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

/** Compiles one redirect/rewrite rule (`index` is its position, for errors); a bad one throws a RuleError. */
export function compileRule(rule: RuleFields, index: number): CompiledRule {
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
  const problem = destinationProblem(destination);
  if (problem) throw new RuleError('rules', index, 'destination', problem);
  const absolute = !destination.startsWith('/');
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
 * Why a destination is invalid, or undefined: a path starting with `/` (not `//`) or an absolute
 * http(s) URL (placeholders are checked against the source by `parseDestination`).
 */
function destinationProblem(destination: string): string | undefined {
  if (destination.length < 1 || destination.length > MAX_DESTINATION_LENGTH) {
    return `must be 1-${MAX_DESTINATION_LENGTH} characters`;
  }
  if (destination.startsWith('/')) {
    if (destination.startsWith('//')) return 'a protocol-relative "//" destination is ambiguous: use an absolute URL';
    if (hasControlOrSpace(destination) || destination.includes('\\'))
      return 'contains whitespace, a control character or "\\"';
    return undefined;
  }
  if (!/^https?:\/\//i.test(destination)) {
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(destination)?.[1]?.toLowerCase();
    return scheme !== undefined && scheme !== 'http' && scheme !== 'https'
      ? `URL scheme "${scheme}:" is not http or https`
      : 'must be a path starting with "/" or an absolute http(s) URL';
  }
  if (hasControlOrSpace(destination)) return 'contains whitespace or a control character';
  return originProblem(destination);
}

/**
 * An absolute destination's origin is fixed by the site owner: placeholders may only appear in
 * its path and query, never in the host, so a request can never choose where the router connects.
 */
function originProblem(destination: string): string | undefined {
  const afterScheme = destination.indexOf('//') + 2;
  let end = destination.length;
  for (const c of ['/', '?', '#']) {
    const at = destination.indexOf(c, afterScheme);
    if (at !== -1 && at < end) end = at;
  }
  const authority = destination.slice(afterScheme, end);
  if (authority.includes('@')) return 'credentials ("user:password@") are not allowed in a URL';
  // An IPv6 literal (`[::ffff:7f00:1]`) is an address, not placeholders: only the rest is checked.
  const host = /^\[[0-9A-Fa-f:.]+\]/.exec(authority)?.[0] ?? '';
  if (/:[A-Za-z_]/.test(authority.slice(host.length))) return 'placeholders are not allowed in the host of a URL';
  try {
    const url = new URL(destination.slice(0, end));
    if (url.hostname === '') return 'URL has no host';
  } catch {
    return `invalid URL origin "${destination.slice(0, end)}"`;
  }
  return undefined;
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
        name === 'splat'
          ? 'uses ":splat" but the source has no trailing "*"'
          : `uses ":${name}" which the source does not define`,
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
