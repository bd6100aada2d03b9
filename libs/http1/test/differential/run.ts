import { HeadError } from '../../src/parse/errors.ts';
import { compare, type Verdict } from './compare.ts';
import { engineRequests, engineResponse } from './engine.ts';
import { requestCase, responseCase } from './generate.ts';
import { RequestOracle, ResponseOracle } from './oracle.ts';
import { caseSeed, Random } from './random.ts';

/** A differential run: generated cases through llhttp (node:http) and through the engine. */

export interface Counts {
  cases: number;
  bothAccept: number;
  bothReject: number;
  /** Refused by us only, by HeadError name. */
  onlyUs: Record<string, number>;
  onlyLlhttp: number;
  incomplete: number;
  violations: number;
  /** Rejected by both, by llhttp's error code. */
  llhttpErrors: Record<string, number>;
  /** The first few cases refused only by us, per HeadError name (latin1 as JSON). */
  onlyUsExamples: Record<string, string[]>;
}

export interface Violation {
  readonly side: 'request' | 'response';
  readonly index: number;
  readonly reason: string;
  /** The case's bytes, as a JSON string of latin1 characters. */
  readonly bytes: string;
  readonly method: string;
}

export interface Summary {
  readonly seed: number;
  readonly requests: Counts;
  readonly responses: Counts;
  /** The first violations found (at most `maxViolations`). */
  readonly violations: Violation[];
}

export interface RunOptions {
  readonly seed: number;
  readonly requests: number;
  readonly responses: number;
  /** Connections in flight at once. */
  readonly concurrency?: number;
  readonly maxViolations?: number;
  /** Called now and then with the cases done so far. */
  readonly progress?: (done: number, total: number) => void;
}

const ERROR_NAMES = new Map<number, string>(Object.entries(HeadError).map(([name, code]) => [code, name]));

function emptyCounts(): Counts {
  return {
    cases: 0,
    bothAccept: 0,
    bothReject: 0,
    onlyUs: {},
    onlyLlhttp: 0,
    incomplete: 0,
    violations: 0,
    llhttpErrors: {},
    onlyUsExamples: {},
  };
}

const EXAMPLES_PER_ERROR = 3;

function count(c: Counts, v: Verdict, bytes: Buffer, llhttpError: string | null): void {
  c.cases++;
  switch (v.kind) {
    case 'onlyUs': {
      const name = ERROR_NAMES.get(v.error) ?? String(v.error);
      c.onlyUs[name] = (c.onlyUs[name] ?? 0) + 1;
      const examples = c.onlyUsExamples[name] ?? [];
      c.onlyUsExamples[name] = examples;
      if (examples.length < EXAMPLES_PER_ERROR) examples.push(JSON.stringify(bytes.toString('latin1').slice(0, 300)));
      break;
    }
    case 'bothReject': {
      const code = llhttpError ?? '?';
      c.llhttpErrors[code] = (c.llhttpErrors[code] ?? 0) + 1;
      c.bothReject++;
      break;
    }
    case 'violation':
      c.violations++;
      break;
    default:
      c[v.kind]++;
  }
}

/** The random slicing our side uses for a case: its own stream, so cases stay independent. */
function slicing(seed: number, index: number, side: number): Random {
  return new Random(caseSeed(seed ^ side, index));
}

export interface Checked {
  readonly verdict: Verdict;
  readonly bytes: Buffer;
  readonly method: string;
  readonly llhttpError: string | null;
}

export async function checkRequest(oracle: RequestOracle, seed: number, index: number): Promise<Checked> {
  const c = requestCase(seed, index);
  const theirs = await oracle.run(c.bytes);
  const ours = engineRequests(c.bytes, slicing(seed, index, 0x1111));
  return { verdict: compare(ours, theirs, false), bytes: c.bytes, method: '', llhttpError: theirs.error };
}

export async function checkResponse(oracle: ResponseOracle, seed: number, index: number): Promise<Checked> {
  const c = responseCase(seed, index);
  const theirs = await oracle.run(c.method, c.bytes);
  const ours = engineResponse(c.bytes, c.method === 'HEAD', slicing(seed, index, 0x2222));
  return { verdict: compare(ours, theirs, true), bytes: c.bytes, method: c.method, llhttpError: theirs.error };
}

export async function runDifferential(options: RunOptions): Promise<Summary> {
  const { seed } = options;
  const concurrency = options.concurrency ?? 32;
  const maxViolations = options.maxViolations ?? 20;
  const summary: Summary = { seed, requests: emptyCounts(), responses: emptyCounts(), violations: [] };
  const total = options.requests + options.responses;
  let done = 0;
  const tick = () => {
    done++;
    if (options.progress && done % 5000 === 0) options.progress(done, total);
  };
  const requestOracle = await RequestOracle.start();
  const responseOracle = await ResponseOracle.start();
  try {
    let nextRequest = 0;
    let nextResponse = 0;
    const record = (side: 'request' | 'response', counts: Counts, index: number, checked: Checked) => {
      const v = checked.verdict;
      count(counts, v, checked.bytes, checked.llhttpError);
      if (v.kind === 'violation' && summary.violations.length < maxViolations) {
        summary.violations.push({
          side,
          index,
          reason: v.reason,
          bytes: JSON.stringify(checked.bytes.toString('latin1')),
          method: checked.method,
        });
      }
      tick();
    };
    const worker = async () => {
      for (;;) {
        if (nextRequest < options.requests) {
          const index = nextRequest++;
          record('request', summary.requests, index, await checkRequest(requestOracle, seed, index));
        } else if (nextResponse < options.responses) {
          const index = nextResponse++;
          record('response', summary.responses, index, await checkResponse(responseOracle, seed, index));
        } else {
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await requestOracle.close();
    await responseOracle.close();
  }
  return summary;
}

/** The counts as aligned text lines, for the bench command and test failure messages. */
export function formatSummary(s: Summary, verbose = false): string {
  const lines: string[] = [`seed ${s.seed}`];
  for (const [side, c] of [
    ['requests', s.requests],
    ['responses', s.responses],
  ] as const) {
    const onlyUs = Object.values(c.onlyUs).reduce((a, b) => a + b, 0);
    lines.push(
      `${side}: ${c.cases} cases · accepted by both ${c.bothAccept} · rejected by both ${c.bothReject} · ` +
        `rejected only by us ${onlyUs} · rejected only by llhttp (we awaited more) ${c.onlyLlhttp} · ` +
        `incomplete for both ${c.incomplete} · violations ${c.violations}`,
    );
    const breakdown = Object.entries(c.onlyUs).sort((a, b) => b[1] - a[1]);
    for (const [name, n] of breakdown) {
      lines.push(`    only us, ${name}: ${n}`);
      if (verbose) for (const e of c.onlyUsExamples[name] ?? []) lines.push(`        ${e}`);
    }
    if (verbose) {
      const errors = Object.entries(c.llhttpErrors).sort((a, b) => b[1] - a[1]);
      lines.push(`    rejected by both, llhttp's errors: ${errors.map(([e, n]) => `${e} ${n}`).join(', ')}`);
    }
  }
  for (const v of s.violations) {
    lines.push(`VIOLATION ${v.side} #${v.index}${v.method ? ` (${v.method})` : ''}: ${v.reason}\n    ${v.bytes}`);
  }
  return lines.join('\n');
}
