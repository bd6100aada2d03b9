import { request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CertsStack } from './support/stack.ts';

// Commit → every router answering the token: a challenge row is committed, then both routers (each
// following its own cache) are polled until they answer it. Reported, never asserted on (timing).
const stack = new CertsStack();
const ROUNDS = 100;

beforeAll(() => stack.start());
afterAll(() => stack.stop());

function answer(port: number, token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: `/.well-known/acme-challenge/${token}`, headers: { host: 'p.example.org' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(res.statusCode === 200 ? Buffer.concat(chunks).toString() : ''));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

it('delivers every challenge to every router (commit → answered: p50/p99 printed)', async () => {
  const ports = [stack.httpPort(0), stack.httpPort(1)];
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const token = `prop-${i}-${Date.now()}`;
    const started = performance.now();
    await stack.pool.query(
      `INSERT INTO acme_challenges (token, hostname, key_authorization, expires_at)
       VALUES ($1, 'p.example.org', $1 || '.thumb', now() + interval '1 minute')`,
      [token],
    );
    const pending = new Set(ports);
    const deadline = Date.now() + 10_000;
    while (pending.size > 0 && Date.now() < deadline) {
      for (const port of [...pending]) if ((await answer(port, token)) === `${token}.thumb`) pending.delete(port);
    }
    expect(pending.size).toBe(0);
    samples.push(performance.now() - started);
    await stack.pool.query('DELETE FROM acme_challenges WHERE token = $1', [token]);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) =>
    (samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)] as number).toFixed(1);
  console.log(
    `challenge propagation, commit → both routers answering (${ROUNDS} rounds): p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`,
  );
}, 120_000);
