import {
  checkHeaderRules,
  checkRules,
  type HeaderRuleInput,
  type Rule,
  type RuleInput,
  ValidationError,
} from '@switchyard/service-db';
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
  stringify,
  type YAMLMap,
} from 'yaml';

/**
 * The rules file of a static site (docs/static-sites.md, "Rules file"): YAML, or JSON (which the YAML
 * parser reads too), with two optional lists.
 *
 * ```yaml
 * rules:                      # redirects (301/302/307/308) and rewrites (200), first match wins
 *   - source: /blog/:year/*
 *     destination: /posts/:year/:splat
 *     status: 301             # default 301
 *     force: false            # default false: an existing file wins over the rule
 * headers:                    # every matching entry applies, later ones override the same header
 *   - pattern: /assets/**
 *     headers:
 *       Cache-Control: public, max-age=31536000, immutable
 * ```
 *
 * Problems are reported as `file:line: reason`, pointing at the offending value.
 */

export interface SiteRules {
  rules: Rule[];
  headerRules: HeaderRuleInput[];
}

/** A rules file that does not parse or does not validate; `line` is 1-based. */
export class RulesFileError extends Error {
  readonly code = 'RULES_FILE';
  readonly file: string;
  readonly line: number;
  readonly reason: string;
  constructor(file: string, line: number, reason: string) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'RulesFileError';
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}

const TOP_LEVEL = ['rules', 'headers'] as const;
const RULE_KEYS = ['source', 'destination', 'status', 'force'] as const;
const HEADER_RULE_KEYS = ['pattern', 'headers'] as const;

type Path = (string | number)[];

/** Parses and validates a rules file; `file` is only used in messages. */
export function parseRulesFile(text: string, file: string): SiteRules {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number | undefined): number => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  const fail = (node: Node | null | undefined, reason: string): never => {
    throw new RulesFileError(file, lineAt(node?.range?.[0]), reason);
  };

  const [parseError] = doc.errors;
  if (parseError) {
    throw new RulesFileError(file, lineAt(parseError.pos[0]), parseError.message.split('\n')[0] ?? 'invalid YAML');
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    fail(root, 'empty rules file: expected a mapping with "rules" and/or "headers" (use {} to remove every rule)');
  }
  if (!isMap(root)) return fail(root, 'expected a mapping with "rules" and/or "headers"');

  checkKeys(root, TOP_LEVEL, '', fail);
  const rulesNode = root.get('rules', true) as Node | undefined;
  const headersNode = root.get('headers', true) as Node | undefined;
  if (rulesNode !== undefined && !isSeq(rulesNode)) fail(rulesNode, '"rules" must be a list');
  if (headersNode !== undefined && !isSeq(headersNode)) fail(headersNode, '"headers" must be a list');

  const rules: RuleInput[] = [];
  for (const [i, item] of (isSeq(rulesNode) ? rulesNode.items : []).entries()) {
    if (!isMap(item)) return fail(item as Node, `rules[${i}]: expected a mapping with source and destination`);
    checkKeys(item, RULE_KEYS, `rules[${i}].`, fail);
    rules.push(item.toJSON() as RuleInput);
  }
  const headerRules: HeaderRuleInput[] = [];
  for (const [i, item] of (isSeq(headersNode) ? headersNode.items : []).entries()) {
    if (!isMap(item)) return fail(item as Node, `headers[${i}]: expected a mapping with pattern and headers`);
    checkKeys(item, HEADER_RULE_KEYS, `headers[${i}].`, fail);
    const headersMap = item.get('headers', true) as Node | undefined;
    if (!isMap(headersMap)) {
      return fail(headersMap ?? item, `headers[${i}].headers: expected a mapping of header name to value`);
    }
    const headers = headersMap.items.map((pair) => {
      const name = isScalar(pair.key) ? pair.key.value : undefined;
      const value = isScalar(pair.value) ? pair.value.value : undefined;
      if (value === null || value === undefined || typeof value === 'object') {
        fail((pair.value ?? pair.key) as Node, `headers[${i}].headers.${String(name)}: expected a string value`);
      }
      return {
        name: typeof name === 'string' ? name : String(name),
        value: typeof value === 'number' || typeof value === 'boolean' ? String(value) : (value as string),
      };
    });
    headerRules.push({ pattern: item.get('pattern') as string, headers });
  }

  try {
    return { rules: checkRules(rules), headerRules: checkHeaderRules(headerRules) };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const path = fileFieldPath(error.field ?? '');
    throw new RulesFileError(
      file,
      lineAt(locate(doc.contents as Node, path)?.range?.[0]),
      fileFieldMessage(error.message),
    );
  }
}

function checkKeys(
  map: YAMLMap,
  allowed: readonly string[],
  where: string,
  fail: (node: Node | null | undefined, reason: string) => never,
): void {
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (typeof key !== 'string' || !allowed.includes(key)) {
      fail(pair.key as Node, `unknown key ${where}${String(key)} (expected ${allowed.join(', ')})`);
    }
  }
}

/** `headerRules[2].headers[1].name` (the validator's field) → the rules file's path. */
function fileFieldPath(field: string): Path {
  const path: Path = [];
  for (const part of field.match(/[^.[\]]+/g) ?? []) path.push(/^\d+$/.test(part) ? Number(part) : part);
  if (path[0] === 'headerRules') path[0] = 'headers';
  return path;
}

/** The validator's field names, in the file's vocabulary. */
function fileFieldMessage(message: string): string {
  return message.replace(/^invalid /, '').replace(/\bheaderRules\[/g, 'headers[');
}

/**
 * The deepest node along `path`; header entries are `headers[i].headers[j].name|value`, where `j` is the
 * j-th pair of the mapping (its key node for `name`, its value node for `value`).
 */
function locate(root: Node, path: Path): Node | undefined {
  let node: Node | undefined = root;
  for (let i = 0; i < path.length; i++) {
    const step = path[i] as string | number;
    if (isMap(node) && typeof step === 'string') {
      const items: Pair<unknown, unknown>[] = node.items;
      const pair = items.find((p) => isScalar(p.key) && p.key.value === step);
      if (!pair) return node;
      const next = pair.value as Node | null;
      if (step === 'headers' && isMap(next) && typeof path[i + 1] === 'number') {
        const headerPair = next.items[path[i + 1] as number];
        if (!headerPair) return next;
        return (path[i + 2] === 'value' ? headerPair.value : headerPair.key) as Node;
      }
      node = next ?? (pair.key as Node);
    } else if (isSeq(node) && typeof step === 'number') {
      const next = node.items[step] as Node | undefined;
      if (!next) return node;
      node = next;
    } else {
      return node;
    }
  }
  return node;
}

/** The rules of a site in the rules-file format (what `rules show` prints; `rules set` reads it back). */
export function toRulesFile(site: SiteRules): {
  rules: Rule[];
  headers: { pattern: string; headers: Record<string, string> }[];
} {
  return {
    rules: site.rules.map((r) => ({ source: r.source, destination: r.destination, status: r.status, force: r.force })),
    headers: site.headerRules.map((h) => ({
      pattern: h.pattern,
      headers: Object.fromEntries(h.headers.map((x) => [x.name, x.value])),
    })),
  };
}

export function formatRulesFileYaml(site: SiteRules): string {
  return stringify(toRulesFile(site), { lineWidth: 0 });
}
