import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from './support/client.ts';
import { ActivatorStack, isAlive, portOf, starts, until } from './support/stack.ts';

// A queue of 3 requests per service and a 4 s wake timeout; the demo app here takes far longer to start.
const stack = new ActivatorStack();
let port: number;

beforeAll(async () => {
  await stack.start({ queueLimit: 3, wakeTimeoutMs: 4_000, idleTimeoutMs: 60_000 });
  port = stack.routerPort;
});
afterAll(() => stack.stop());

const slow = { env: { START_DELAY_MS: '60000' } };

async function spawnedPids(file: string): Promise<number[]> {
  return (await starts(file)).spawn.map(([pid]) => pid);
}

describe('the activator’s limits', () => {
  it('answers 504 to requests that wait longer than the wake timeout, and stops the slow instance', async () => {
    const app = await stack.freeService('slow', slow);
    const answers = await Promise.all([
      request(port, app.host),
      request(port, app.host, { method: 'POST', body: Buffer.from('x') }),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(504);
      expect(answer.text).toContain('did not start in time');
    }
    const [pid] = await spawnedPids(app.startsFile);
    expect(pid).toBeDefined();
    await until(() => !isAlive(pid as number), 'the instance that never became ready to be stopped');
    expect(stack.activator.services().find((s) => s.id === app.id)?.state).toBe('scaled-to-zero');
  });

  it('answers 503 with Retry-After beyond the queue limit', async () => {
    const app = await stack.freeService('crowded', slow);
    const answers = await Promise.all(Array.from({ length: 6 }, () => request(port, app.host)));
    const byStatus = (status: number) => answers.filter((a) => a.status === status);
    expect(byStatus(503)).toHaveLength(3);
    expect(byStatus(504)).toHaveLength(3);
    for (const refused of byStatus(503)) {
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.text).toContain('too many requests are waiting');
    }
    expect(await spawnedPids(app.startsFile)).toHaveLength(1);
  });

  it('on close, answers waiting requests 503 and stops every instance it started', async () => {
    const awake = await stack.freeService('awake', { env: { START_DELAY_MS: '100' } });
    const awakePid = Number((await request(port, awake.host, { path: '/pid' })).text);
    const starting = await stack.freeService('starting', slow);
    const waiting = request(portOf(stack.activator.address), starting.host, {
      headers: { 'x-switchyard-service-id': starting.id },
    });
    await until(async () => (await spawnedPids(starting.startsFile)).length === 1, 'the slow instance to run');
    const [startingPid] = await spawnedPids(starting.startsFile);
    await stack.activator.close();
    const answer = await waiting;
    expect(answer.status).toBe(503);
    expect(answer.text).toContain('shutting down');
    expect(isAlive(awakePid)).toBe(false);
    expect(isAlive(startingPid as number)).toBe(false);
  });
});
