import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

describe('createLogger', () => {
  it('writes one JSON line per event, carrying the name', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('cache-server', { destination, level: 'info' });
    logger.info({ clientId: 'r1' }, 'subscriber connected');
    logger.debug('hidden');
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] as string);
    expect(line).toMatchObject({ name: 'cache-server', clientId: 'r1', msg: 'subscriber connected', level: 30 });
  });
});
