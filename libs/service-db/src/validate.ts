import { ValidationError } from './errors.ts';

/** Validation of admin input, mirroring the CHECK constraints of migrations/0001 with messages that name the field. */

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANCE_HOST = /^[A-Za-z0-9.:-]+$/;
const BUILD_ID = /^[A-Za-z0-9_-]{1,64}$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
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

function checkPath(field: string, value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2048) {
    throw new ValidationError(
      field,
      `invalid ${field} ${show(value)}: a path starting with "/", at most 2048 characters`,
    );
  }
  return value;
}

export interface RuleInput {
  source: string;
  destination: string;
  status: number;
}
export interface HeaderRuleInput {
  pattern: string;
  headers: { name: string; value: string }[];
}

export function checkRules(rules: unknown): RuleInput[] {
  if (!Array.isArray(rules)) throw new ValidationError('rules', `invalid rules ${show(rules)}: an array`);
  return rules.map((rule: Partial<RuleInput>, i) => {
    const destination = rule?.destination;
    if (typeof destination !== 'string' || destination.length < 1 || destination.length > 2048) {
      throw new ValidationError(
        `rules[${i}].destination`,
        `invalid rules[${i}].destination ${show(destination)}: 1-2048 characters`,
      );
    }
    return {
      source: checkPath(`rules[${i}].source`, rule?.source),
      destination,
      status: checkOneOf(`rules[${i}].status`, rule?.status, RULE_STATUSES),
    };
  });
}

export function checkHeaderRules(headerRules: unknown): HeaderRuleInput[] {
  if (!Array.isArray(headerRules)) {
    throw new ValidationError('headerRules', `invalid headerRules ${show(headerRules)}: an array`);
  }
  return headerRules.map((rule: Partial<HeaderRuleInput>, i) => {
    const pattern = checkPath(`headerRules[${i}].pattern`, rule?.pattern);
    if (!Array.isArray(rule?.headers)) {
      throw new ValidationError(`headerRules[${i}].headers`, `invalid headerRules[${i}].headers: an array`);
    }
    const headers = rule.headers.map((header, j) => {
      const field = `headerRules[${i}].headers[${j}]`;
      if (typeof header?.name !== 'string' || !HEADER_NAME.test(header.name)) {
        throw new ValidationError(`${field}.name`, `invalid ${field}.name ${show(header?.name)}: an HTTP header name`);
      }
      if (typeof header.value !== 'string' || /[\r\n\0]/.test(header.value)) {
        throw new ValidationError(`${field}.value`, `invalid ${field}.value ${show(header.value)}: no CR, LF or NUL`);
      }
      return { name: header.name, value: header.value };
    });
    return { pattern, headers };
  });
}
