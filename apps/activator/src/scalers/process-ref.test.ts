import { describe, expect, it } from 'vitest';
import { ScalerRefError } from '../errors.ts';
import { parseProcessRef } from './process-ref.ts';

describe('process scaler_ref', () => {
  it('takes a plain command line as a shell command', () => {
    expect(parseProcessRef('  node server.js --fast ')).toEqual({
      command: 'node server.js --fast',
      env: {},
      readinessPath: '/',
    });
  });

  it('takes a JSON object with argv, cwd, env and readiness path', () => {
    const spec = parseProcessRef(
      JSON.stringify({ command: ['/usr/bin/app', '-v'], cwd: '/srv', env: { MODE: 'x' }, readinessPath: '/healthz' }),
    );
    expect(spec).toEqual({
      command: ['/usr/bin/app', '-v'],
      cwd: '/srv',
      env: { MODE: 'x' },
      readinessPath: '/healthz',
    });
  });

  it.each([
    ['', /empty/],
    ['{"command": 3}', /command/],
    ['{"command": []}', /command/],
    ['{not json', /not valid JSON/],
    ['{"command": "x", "env": {"A": 1}}', /env\.A/],
    ['{"command": "x", "env": {"PORT": "80"}}', /PORT/],
    ['{"command": "x", "readinessPath": "healthz"}', /readinessPath/],
    ['{"command": "x", "cwd": 5}', /cwd/],
  ])('refuses %j', (ref, message) => {
    expect(() => parseProcessRef(ref)).toThrow(ScalerRefError);
    expect(() => parseProcessRef(ref)).toThrow(message);
  });
});
