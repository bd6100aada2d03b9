import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compare } from './differential/compare.ts';
import { engineRequests, engineResponse } from './differential/engine.ts';
import { RequestOracle, ResponseOracle } from './differential/oracle.ts';
import { Random } from './differential/random.ts';
import { formatSummary, runDifferential } from './differential/run.ts';

/**
 * The engine's parsers against llhttp (node:http, strict mode), issue 13: a fixed seed and a few
 * thousand generated requests and responses. The larger run is `bench/http1/differential.ts`.
 */

const SEED = 20261203;
const CASES = 2500;

describe('differential: the engine vs llhttp', () => {
  it(`never accepts what llhttp rejects, and agrees on what both accept (seed ${SEED}, ${CASES} + ${CASES} cases)`, async () => {
    const summary = await runDifferential({ seed: SEED, requests: CASES, responses: CASES, concurrency: 24 });
    const text = formatSummary(summary);
    expect(summary.requests.violations + summary.responses.violations, text).toBe(0);
    // The generator and the oracle still do their job: plenty of both outcomes on each side.
    for (const counts of [summary.requests, summary.responses]) {
      expect(counts.cases).toBe(CASES);
      expect(counts.bothAccept, text).toBeGreaterThan(CASES * 0.2);
      expect(counts.bothReject, text).toBeGreaterThan(CASES * 0.2);
    }
  });
});

/** Inputs the differential run once found the engine accepting though llhttp refused them. */
const REQUEST_REGRESSIONS = [
  'GET /caf\xe9 HTTP/1.1\r\nHost: a\r\n\r\n',
  'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\t\r\n\r\n0\r\n\r\n',
  'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked,\r\n\r\n0\r\n\r\n',
  'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked , \r\n\r\n0\r\n\r\n',
  'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1;\r\na\r\n0\r\n\r\n',
  'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: \r\n\r\n0\r\n\r\n',
];
const RESPONSE_REGRESSIONS = [
  'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked \t\r\n\r\n1\r\na\r\n0\r\n\r\n',
  'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1f;\r\n0123456789012345678901234567890\r\n0\r\n\r\n',
  'HTTP/1.0 100 Continue\r\n\r\nHTTP/1.1 301 Moved Permanently\r\n\r\n',
  'HTTP/1.1 100 Continue\r\nConnection: close\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na',
  'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: ,\r\n\r\n0\r\n\r\n',
];

describe('differential: inputs found before', () => {
  let requests: RequestOracle;
  let responses: ResponseOracle;
  beforeAll(async () => {
    requests = await RequestOracle.start();
    responses = await ResponseOracle.start();
  });
  afterAll(async () => {
    await requests.close();
    await responses.close();
  });

  it.each(REQUEST_REGRESSIONS.map((t) => [t]))('request %j', async (text) => {
    const bytes = Buffer.from(text, 'latin1');
    const verdict = compare(engineRequests(bytes, new Random(1)), await requests.run(bytes), false);
    expect(verdict.kind).not.toBe('violation');
    expect(verdict.kind).not.toBe('bothAccept');
  });

  it.each(RESPONSE_REGRESSIONS.map((t) => [t]))('response %j', async (text) => {
    const bytes = Buffer.from(text, 'latin1');
    const verdict = compare(engineResponse(bytes, false, new Random(1)), await responses.run('GET', bytes), true);
    expect(verdict.kind).not.toBe('violation');
    expect(verdict.kind).not.toBe('bothAccept');
  });
});
