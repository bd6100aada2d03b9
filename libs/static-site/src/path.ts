/**
 * Request paths → the decoded, normalised path a site's files and rules are matched against.
 *
 * Decoded exactly once. Refused with 400: a path not starting with `/`, invalid percent-encoding,
 * encoded slashes or backslashes (`%2F`, `%5C`), literal backslashes, NUL and other control
 * characters, and `..` climbing above the root. `.` segments and empty segments (`//`) are dropped,
 * `..` removes the previous segment. What comes out has no `.`/`..`/empty segment, no backslash and
 * no NUL, so `sites/<id>/<build>/` + path can never name an object outside the build.
 */
export type NormalisedPath =
  | { readonly ok: true; readonly path: string }
  | { readonly ok: false; readonly reason: string };

// Encoded `/` or `\`: a segment must never turn into two after decoding.
const ENCODED_SEPARATOR = /%(2f|5c)/i;
// Control characters (NUL included) and DEL, checked after decoding.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * `rawPath` is the request target's path (no query). The result keeps one trailing slash when the
 * request had one (`/docs/`), which is how directory requests are told apart from files.
 */
export function normalisePath(rawPath: string): NormalisedPath {
  if (rawPath.charCodeAt(0) !== 47 /* / */) return bad('the path must start with /');
  if (rawPath.includes('\\')) return bad('backslash in the path');
  let decoded = rawPath;
  if (rawPath.includes('%')) {
    if (ENCODED_SEPARATOR.test(rawPath)) return bad('encoded / or \\ in the path');
    try {
      decoded = decodeURIComponent(rawPath);
    } catch {
      return bad('invalid percent-encoding');
    }
  }
  if (CONTROL.test(decoded)) return bad('control character in the path');
  if (!needsSegmentWork(decoded)) return { ok: true, path: decoded };
  const out: string[] = [];
  const segments = decoded.split('/');
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i] as string;
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) return bad('.. above the site root');
      out.pop();
      continue;
    }
    out.push(segment);
  }
  const last = segments[segments.length - 1];
  const trailing = last === '' || last === '.' || last === '..';
  const path = `/${out.join('/')}`;
  return { ok: true, path: trailing && out.length > 0 ? `${path}/` : path };
}

/** Fast path: most request paths have no `//`, `/./` or `/../`. */
function needsSegmentWork(path: string): boolean {
  return path.includes('//') || path.includes('/.');
}

function bad(reason: string): NormalisedPath {
  return { ok: false, reason };
}

/** Splits a request target into its path and its query (without `?`, '' when none). */
export function splitTarget(target: string): { path: string; query: string } {
  const q = target.indexOf('?');
  return q === -1 ? { path: target, query: '' } : { path: target.slice(0, q), query: target.slice(q + 1) };
}
