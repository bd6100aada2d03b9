/**
 * Path patterns: the one grammar of redirect/rewrite sources and header-rule patterns, checked when
 * rules are saved (the service database compiles them to validate) and compiled once per site into
 * regular expressions by the router.
 *
 * Redirect/rewrite sources: `/` then segments that are literal, `:name` (exactly one non-empty
 * segment; name `[A-Za-z_][A-Za-z0-9_]*`, unique, not `splat`) or — last only — `*` (the rest of
 * the path, possibly empty, as `:splat`). A source without `*` also matches the path with one
 * trailing slash (`/about` matches `/about/`); `/blog/*` matches `/blog`, `/blog/` and everything below.
 *
 * Header patterns: `*` matches within one segment (`/assets/*.js`), a segment that is exactly `**`
 * matches any number of segments (`/assets/**`); everything else is literal.
 *
 * Both: at most 2048 characters; no whitespace, control characters, `?`, `#`, `\`, `.`/`..` or
 * empty segments.
 */

/** Why a source pattern is invalid, or the compiled matcher. */
export type CompiledSource =
  | { readonly ok: true; readonly regex: RegExp; readonly names: readonly string[]; readonly splat: boolean }
  | { readonly ok: false; readonly reason: string };

export const PLACEHOLDER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const MAX_PATTERN_LENGTH = 2048;

/** Control characters (C0, DEL) or a space. */
export function hasControlOrSpace(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** What sources and header patterns have in common: why `value` is not a plain path, or undefined. */
function pathProblem(value: string): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('/')) return 'must start with "/"';
  if (value.length > MAX_PATTERN_LENGTH) return `longer than ${MAX_PATTERN_LENGTH} characters`;
  // "?" and "#" would make the path ambiguous (query, fragment).
  if (hasControlOrSpace(value) || /[?#\\]/.test(value))
    return 'contains whitespace, a control character, "?", "#" or "\\"';
  const segments = value.slice(1).split('/');
  if (segments.slice(0, -1).some((s) => s === '')) return 'contains an empty segment ("//")';
  if (segments.some((s) => s === '.' || s === '..')) return 'contains a "." or ".." segment';
  return undefined;
}

export function compileSource(source: string): CompiledSource {
  const problem = pathProblem(source);
  if (problem) return fail(problem);
  const body = source.length > 1 && source.endsWith('/') ? source.slice(0, -1) : source;
  const segments = body === '/' ? [] : body.slice(1).split('/');
  const names: string[] = [];
  let pattern = '^';
  let splat = false;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    if (segment === '*') {
      // `/*/` counts as a segment after the `*`.
      if (i !== segments.length - 1 || body !== source) return fail('"*" may only be the last segment');
      pattern += '(?:/(.*))?';
      names.push('splat');
      splat = true;
      continue;
    }
    if (segment.includes('*')) return fail(`"*" must be a whole segment (in "${segment}")`);
    if (segment.startsWith(':')) {
      const name = segment.slice(1);
      if (!PLACEHOLDER_NAME.test(name)) {
        return fail(
          `placeholder "${segment}" must be ":" followed by a name of letters, digits and "_" filling the segment`,
        );
      }
      if (name === 'splat') return fail('":splat" is reserved for the part matched by a trailing "*"');
      if (names.includes(name)) return fail(`placeholder ":${name}" is defined twice`);
      names.push(name);
      pattern += '/([^/]+)';
      continue;
    }
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

/** Header rule pattern → regex, or why it is invalid. */
export function compileHeaderPattern(pattern: string): RegExp | string {
  const problem = pathProblem(pattern);
  if (problem) return problem;
  for (const segment of pattern.slice(1).split('/')) {
    if (segment.includes('**') && segment !== '**') return `"**" must be a whole segment (in "${segment}")`;
  }
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
