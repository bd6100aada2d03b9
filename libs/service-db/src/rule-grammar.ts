/**
 * The syntax of static-site rules, checked when rules are saved (the router's rules engine compiles the
 * same grammar). Each function returns why a value is invalid, or undefined when it is valid.
 *
 * - Redirect/rewrite `source`: a path starting with `/`; each segment is literal, `:name` (exactly one
 *   segment; name `[A-Za-z_][A-Za-z0-9_]*`, unique, not `splat`), or — as the last segment only — `*`
 *   (the rest of the path, `:splat` in the destination). No query string.
 * - `destination`: a path starting with `/` or an absolute http(s) URL; it may use `:name` and `:splat`
 *   only when the source defines them.
 * - Header-rule `pattern`: a path starting with `/`; `*` matches within one segment (`/assets/*.js`),
 *   a segment that is exactly `**` matches any number of segments (`/assets/**`).
 */

const PLACEHOLDER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PLACEHOLDER_USE = /:([A-Za-z_][A-Za-z0-9_]*)/g;

/** Control characters (C0, DEL) or a space. */
function hasControlOrSpace(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f) return true;
  }
  return false;
}

function pathProblem(value: string): string | undefined {
  if (!value.startsWith('/')) return 'must start with "/"';
  if (value.length > 2048) return 'longer than 2048 characters';
  // "?" and "#" would make the path ambiguous (query, fragment).
  if (hasControlOrSpace(value) || /[?#\\]/.test(value))
    return 'contains whitespace, a control character, "?", "#" or "\\"';
  const segments = value.slice(1).split('/');
  if (segments.slice(0, -1).some((s) => s === '')) return 'contains an empty segment ("//")';
  if (segments.some((s) => s === '.' || s === '..')) return 'contains a "." or ".." segment';
  return undefined;
}

/** The placeholders a valid source defines (`splat` for a trailing `*`). */
export function sourcePlaceholders(source: string): Set<string> {
  const names = new Set<string>();
  for (const segment of source.slice(1).split('/')) {
    if (segment === '*') names.add('splat');
    else if (segment.startsWith(':')) names.add(segment.slice(1));
  }
  return names;
}

export function sourceProblem(source: string): string | undefined {
  const problem = pathProblem(source);
  if (problem) return problem;
  const segments = source.slice(1).split('/');
  const seen = new Set<string>();
  for (const [i, segment] of segments.entries()) {
    if (segment === '*') {
      if (i !== segments.length - 1) return '"*" may only be the last segment';
      continue;
    }
    if (segment.includes('*')) return `"*" must be a whole segment (in "${segment}")`;
    if (segment.startsWith(':')) {
      const name = segment.slice(1);
      if (!PLACEHOLDER_NAME.test(name)) {
        return `placeholder "${segment}" must be ":" followed by a name of letters, digits and "_" filling the segment`;
      }
      if (name === 'splat') return '":splat" is reserved for the part matched by a trailing "*"';
      if (seen.has(name)) return `placeholder ":${name}" is defined twice`;
      seen.add(name);
    }
  }
  return undefined;
}

export function destinationProblem(destination: string, source: string): string | undefined {
  if (destination.length < 1 || destination.length > 2048) return 'must be 1-2048 characters';
  let placeholdersIn = destination;
  if (destination.startsWith('/')) {
    if (destination.startsWith('//')) return 'a protocol-relative "//" destination is ambiguous: use an absolute URL';
    if (hasControlOrSpace(destination) || destination.includes('\\'))
      return 'contains whitespace, a control character or "\\"';
  } else {
    let url: URL;
    try {
      url = new URL(destination);
    } catch {
      return 'must be a path starting with "/" or an absolute http(s) URL';
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return `URL scheme "${url.protocol}" is not http or https`;
    if (url.hostname === '') return 'URL has no host';
    if (hasControlOrSpace(destination)) return 'contains whitespace or a control character';
    // Placeholders only count after the authority (":8080" in "host:8080" is a port).
    const authorityEnd = destination.indexOf('/', destination.indexOf('//') + 2);
    placeholdersIn = authorityEnd < 0 ? '' : destination.slice(authorityEnd);
  }
  const defined = sourcePlaceholders(source);
  for (const match of placeholdersIn.matchAll(PLACEHOLDER_USE)) {
    const name = match[1] as string;
    if (!defined.has(name)) {
      return name === 'splat'
        ? 'uses ":splat" but the source has no trailing "*"'
        : `uses ":${name}" which the source does not define`;
    }
  }
  return undefined;
}

export function headerPatternProblem(pattern: string): string | undefined {
  const problem = pathProblem(pattern);
  if (problem) return problem;
  for (const segment of pattern.slice(1).split('/')) {
    if (segment.includes('**') && segment !== '**') return `"**" must be a whole segment (in "${segment}")`;
  }
  return undefined;
}
