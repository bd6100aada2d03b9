import { compileHeaderRule, compileRule, RuleError } from '@switchyard/static-site';
import { ValidationError } from './errors.ts';

/** Validation of admin input, mirroring the CHECK constraints of migrations/0001 with messages that name the field. */

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANCE_HOST = /^[A-Za-z0-9.:-]+$/;
const BUILD_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const KINDS = ['web', 'static'] as const;
export const PLANS = ['free', 'paid'] as const;
export const STATES = ['active', 'suspended'] as const;
export const RULE_STATUSES = [200, 301, 302, 307, 308] as const;

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** A DNS-label-shaped name (service names and regions): lower-case letters, digits and inner hyphens, 1-63 chars. */
export function checkLabel(field: string, value: unknown): string {
  if (typeof value !== 'string' || !DNS_LABEL.test(value)) {
    throw new ValidationError(
      field,
      `invalid ${field} ${show(value)}: use 1-63 lower-case letters, digits and hyphens, starting and ending with a letter or digit`,
    );
  }
  return value;
}

export function checkOneOf<T extends string | number>(field: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    throw new ValidationError(field, `invalid ${field} ${show(value)}: expected one of ${allowed.join(', ')}`);
  }
  return value as T;
}

export function checkScalerRef(value: unknown): string {
  if (typeof value !== 'string' || value.length > 4096) {
    throw new ValidationError('scalerRef', `invalid scalerRef ${show(value)}: a string of at most 4096 characters`);
  }
  return value;
}

/** Lower-case, port-less form without the trailing dot, as stored and as routers look it up. */
export function normalizeHostname(hostname: string): string {
  let host = hostname.trim().toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  return host;
}

/** Normalises then checks a hostname: RFC 1123 labels (punycode allowed), optional leading `*.`, at most 253 characters. */
export function checkHostname(value: unknown): string {
  if (typeof value !== 'string') throw new ValidationError('hostname', `invalid hostname ${show(value)}: not a string`);
  const host = normalizeHostname(value);
  const bare = host.startsWith('*.') ? host.slice(2) : host;
  const problem =
    host.length === 0
      ? 'empty'
      : host.length > 253
        ? 'longer than 253 characters'
        : bare.split('.').some((label) => !DNS_LABEL.test(label))
          ? 'each dot-separated label must be 1-63 letters, digits or inner hyphens (a leading "*." marks a wildcard)'
          : undefined;
  if (problem) throw new ValidationError('hostname', `invalid hostname ${show(value)}: ${problem}`);
  return host;
}

export function checkInstanceHost(value: unknown): string {
  if (typeof value !== 'string' || value.length < 1 || value.length > 253 || !INSTANCE_HOST.test(value)) {
    throw new ValidationError('host', `invalid host ${show(value)}: an IP address or DNS name`);
  }
  return value;
}

export function checkPort(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
    throw new ValidationError('port', `invalid port ${show(value)}: an integer from 1 to 65535`);
  }
  return value;
}

export function checkBoolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new ValidationError(field, `invalid ${field} ${show(value)}: true or false`);
  return value;
}

export function checkBuildId(value: unknown): string {
  if (typeof value !== 'string' || !BUILD_ID.test(value)) {
    throw new ValidationError('buildId', `invalid buildId ${show(value)}: 1-64 letters, digits, "_" or "-"`);
  }
  return value;
}

export function checkCount(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new ValidationError(field, `invalid ${field} ${show(value)}: a non-negative integer`);
  }
  return value;
}

export interface RuleInput {
  source: string;
  destination: string;
  /** Default 301. */
  status?: number;
  /** Default false: an existing file wins over the rule. */
  force?: boolean;
}
/** A rule as stored, defaults filled in. */
export interface Rule {
  source: string;
  destination: string;
  status: number;
  force: boolean;
}
export interface HeaderRuleInput {
  pattern: string;
  headers: { name: string; value: string }[];
}

const MAX_RULES = 1000;

function checkRuleList(field: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new ValidationError(field, `invalid ${field} ${show(value)}: an array`);
  if (value.length > MAX_RULES) throw new ValidationError(field, `too many ${field}: at most ${MAX_RULES}`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path` (`destination`, `headers[1].name`) inside one rule, for messages. */
function valueAt(rule: unknown, path: string): unknown {
  let value = rule;
  for (const step of path.match(/[^.[\]]+/g) ?? []) {
    value = (value as Record<string, unknown> | undefined)?.[step];
  }
  return value;
}

/**
 * Runs the static-site compiler (the grammar the router serves with) on one rule; its RuleError becomes a
 * ValidationError naming the field path (`rules[1].source`) and the offending value.
 */
function checkGrammar(rule: unknown, compile: () => unknown): void {
  try {
    compile();
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    const field = `${error.list}[${error.index}].${error.field}`;
    throw new ValidationError(field, `invalid ${field} ${show(valueAt(rule, error.field))}: ${error.reason}`);
  }
}

/** Checks redirect/rewrite rules with `@switchyard/static-site`'s grammar and fills in the defaults. */
export function checkRules(rules: unknown): Rule[] {
  return checkRuleList('rules', rules).map((item, i) => {
    const at = `rules[${i}]`;
    if (!isRecord(item)) {
      throw new ValidationError(at, `invalid ${at} ${show(item)}: an object with source and destination`);
    }
    const { source, destination } = item;
    if (typeof source !== 'string')
      throw new ValidationError(`${at}.source`, `invalid ${at}.source ${show(source)}: a path`);
    if (typeof destination !== 'string') {
      throw new ValidationError(`${at}.destination`, `invalid ${at}.destination ${show(destination)}: a path or URL`);
    }
    const rule: Rule = {
      source,
      destination,
      status: item.status === undefined ? 301 : checkOneOf(`${at}.status`, item.status, RULE_STATUSES),
      force: item.force === undefined ? false : checkBoolean(`${at}.force`, item.force),
    };
    checkGrammar(rule, () => compileRule(rule, i));
    return rule;
  });
}

/** Checks header rules with `@switchyard/static-site`'s grammar, refusing headers the router owns. */
export function checkHeaderRules(headerRules: unknown): HeaderRuleInput[] {
  return checkRuleList('headerRules', headerRules).map((item, i) => {
    const at = `headerRules[${i}]`;
    if (!isRecord(item)) {
      throw new ValidationError(at, `invalid ${at} ${show(item)}: an object with pattern and headers`);
    }
    const { pattern } = item;
    if (typeof pattern !== 'string')
      throw new ValidationError(`${at}.pattern`, `invalid ${at}.pattern ${show(pattern)}: a path pattern`);
    if (!Array.isArray(item.headers)) {
      throw new ValidationError(`${at}.headers`, `invalid ${at}.headers: an array`);
    }
    const headers = item.headers.map((header: { name?: unknown; value?: unknown } | null, j) => {
      const field = `${at}.headers[${j}]`;
      if (typeof header?.name !== 'string') {
        throw new ValidationError(`${field}.name`, `invalid ${field}.name ${show(header?.name)}: an HTTP header name`);
      }
      if (typeof header.value !== 'string') {
        throw new ValidationError(`${field}.value`, `invalid ${field}.value ${show(header.value)}: a string`);
      }
      return { name: header.name, value: header.value };
    });
    const rule: HeaderRuleInput = { pattern, headers };
    checkGrammar(rule, () => compileHeaderRule(rule, i, 'refuse'));
    return rule;
  });
}

/** Two years: the longest max-age browsers' preload lists ask for. */
export const MAX_HSTS_AGE_SECONDS = 63_072_000;

/** A Strict-Transport-Security policy, or null for none; `preload` needs includeSubdomains and max-age >= 1 year. */
export function checkHsts(
  value: unknown,
): { maxAgeSeconds: number; includeSubdomains: boolean; preload: boolean } | null {
  if (value === null) return null;
  if (typeof value !== 'object') throw new ValidationError('hsts', `invalid hsts ${show(value)}: an object or null`);
  const input = value as { maxAgeSeconds?: unknown; includeSubdomains?: unknown; preload?: unknown };
  const maxAge = input.maxAgeSeconds;
  if (typeof maxAge !== 'number' || !Number.isInteger(maxAge) || maxAge < 0 || maxAge > MAX_HSTS_AGE_SECONDS) {
    throw new ValidationError(
      'hsts.maxAge',
      `invalid hsts.maxAge ${show(maxAge)}: whole seconds from 0 to ${MAX_HSTS_AGE_SECONDS} (two years)`,
    );
  }
  const includeSubdomains = checkBoolean('hsts.includeSubdomains', input.includeSubdomains ?? false);
  const preload = checkBoolean('hsts.preload', input.preload ?? false);
  if (preload && (!includeSubdomains || maxAge < 31_536_000)) {
    throw new ValidationError(
      'hsts.preload',
      'hsts.preload needs includeSubdomains and a max-age of at least one year (31536000)',
    );
  }
  return { maxAgeSeconds: maxAge, includeSubdomains, preload };
}
