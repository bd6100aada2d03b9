import { InvalidKeyError } from './errors.ts';

/** `sites/<serviceId>/<buildId>/`: every key of one build starts with it. */
export function sitePrefix(serviceId: string, buildId: string): string {
  assertSegment(serviceId, 'serviceId');
  assertSegment(buildId, 'buildId');
  return `sites/${serviceId}/${buildId}/`;
}

/** `sites/<serviceId>/<buildId>/<path>`; `path` is a normalised relative path without a leading slash. */
export function siteKey(serviceId: string, buildId: string, path: string): string {
  const key = sitePrefix(serviceId, buildId) + path;
  assertValidKey(key);
  return key;
}

function assertSegment(value: string, name: string): void {
  if (value === '' || value === '.' || value === '..' || /[/\\\0]/.test(value)) {
    throw new InvalidKeyError(value, `${name} must be one non-empty path segment`);
  }
}

/** Why `key` is not a safe object key, or undefined when it is. */
export function keyProblem(key: string): string | undefined {
  if (key === '') return 'empty';
  if (key.length > 1024) return 'longer than 1024 characters';
  if (key.includes('\0')) return 'contains NUL';
  if (hasControlCharacter(key)) return 'contains a control character';
  if (key.includes('\\')) return 'contains a backslash';
  if (key.startsWith('/')) return 'absolute (leading /)';
  if (key.endsWith('/')) return 'ends with /';
  for (const segment of key.split('/')) {
    if (segment === '') return 'empty path segment (//)';
    if (segment === '.' || segment === '..') return `"${segment}" segment`;
  }
  return undefined;
}

export function assertValidKey(key: string): void {
  const problem = keyProblem(key);
  if (problem !== undefined) throw new InvalidKeyError(key, problem);
}

/** A list/delete prefix: '' or a string that is a valid key once completed (no traversal, NUL, backslash). */
export function assertValidPrefix(prefix: string): void {
  if (prefix === '') return;
  const problem = keyProblem(prefix.endsWith('/') ? `${prefix}x` : prefix);
  if (problem !== undefined) throw new InvalidKeyError(prefix, problem);
}

/** C0 controls and DEL: not valid in S3's XML listings, never in a path the router serves. */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
