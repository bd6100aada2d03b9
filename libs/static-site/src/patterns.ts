/**
 * Path patterns, compiled once into regular expressions.
 *
 * Redirect/rewrite sources: `/` then segments that are literal, `:name` (exactly one non-empty
 * segment) or — last only — `*` (the rest of the path, possibly empty, as `:splat`). A source
 * without `*` also matches the path with one trailing slash (`/about` matches `/about/`);
 * `/blog/*` matches `/blog`, `/blog/` and everything below.
 *
 * Header patterns: `*` matches within one segment, `**` across segments; everything else is literal.
 */

/** Why a source pattern is invalid, or the compiled matcher. */
export type CompiledSource =
  | { readonly ok: true; readonly regex: RegExp; readonly names: readonly string[]; readonly splat: boolean }
  | { readonly ok: false; readonly reason: string };

export const PLACEHOLDER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function compileSource(source: string): CompiledSource {
  if (typeof source !== 'string' || !source.startsWith('/')) return fail('must be a path starting with /');
  if (source.includes('?') || source.includes('#')) return fail('must not contain a query or fragment');
  const body = source.length > 1 && source.endsWith('/') ? source.slice(0, -1) : source;
  const segments = body === '/' ? [] : body.slice(1).split('/');
  const names: string[] = [];
  let pattern = '^';
  let splat = false;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    if (segment === '') return fail('empty segment (//)');
    if (segment === '*') {
      if (i !== segments.length - 1) return fail('* is only allowed as the last segment');
      pattern += '(?:/(.*))?';
      names.push('splat');
      splat = true;
      continue;
    }
    if (segment.includes('*')) return fail(`* must be a whole segment, got "${segment}"`);
    if (segment.startsWith(':')) {
      const name = segment.slice(1);
      if (!PLACEHOLDER_NAME.test(name)) return fail(`invalid placeholder "${segment}"`);
      if (name === 'splat') return fail(':splat is the name of the * part; use *');
      if (names.includes(name)) return fail(`placeholder "${segment}" used twice`);
      names.push(name);
      pattern += '/([^/]+)';
      continue;
    }
    if (segment === '.' || segment === '..') return fail(`"${segment}" segment`);
    // Paths are matched decoded; a segment that is not valid percent-encoding is taken literally.
    let literal = segment;
    try {
      literal = decodeURIComponent(segment);
    } catch {}
    pattern += `/${escapeRegex(literal)}`;
  }
  if (splat) pattern += '$';
  else pattern += segments.length === 0 ? '/$' : '/?$';
  return { ok: true, regex: new RegExp(pattern), names, splat };
}

/** Header rule pattern → regex, or a reason. */
export function compileHeaderPattern(pattern: string): RegExp | string {
  if (typeof pattern !== 'string' || !pattern.startsWith('/')) return 'must be a path starting with /';
  if (pattern.includes('?') || pattern.includes('#')) return 'must not contain a query or fragment';
  if (/\*{3,}/.test(pattern)) return 'use * (one segment) or ** (any depth), not ***';
  let regex = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        // `**/` may also match no directory at all: `/**/*.js` matches `/a.js`.
        if (pattern[i + 2] === '/') {
          regex += '(?:.*/)?';
          i += 2;
        } else {
          regex += '.*';
          i++;
        }
      } else {
        regex += '[^/]*';
      }
    } else {
      regex += escapeRegex(c);
    }
  }
  return new RegExp(`${regex}$`);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function fail(reason: string): CompiledSource {
  return { ok: false, reason };
}
