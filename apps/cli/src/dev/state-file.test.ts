import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type DevState, findRunningDev, removeDevState, writeDevState } from './state-file.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function stateFor(pid: number): DevState {
  return {
    pid,
    databaseUrl: 'postgres://postgres:postgres@127.0.0.1:1/postgres',
    router: { listen: '127.0.0.1:8080', listenTls: '127.0.0.1:8443', admin: '127.0.0.1:9090', pid },
    tlsCa: '/repo/.switchyard/tls/ca.crt',
    caches: [],
    postgres: { port: 1, pid },
  };
}

describe('findRunningDev', () => {
  it('finds a live dev from a subdirectory, and nothing once its file is removed', () => {
    const root = mkdtempSync(join(tmpdir(), 'switchyard-state-'));
    dirs.push(root);
    mkdirSync(join(root, '.switchyard'));
    mkdirSync(join(root, 'apps', 'cli'), { recursive: true });
    writeDevState(join(root, '.switchyard'), stateFor(process.pid));
    expect(findRunningDev(join(root, 'apps', 'cli'))?.databaseUrl).toContain('127.0.0.1:1');
    removeDevState(join(root, '.switchyard'));
    expect(findRunningDev(join(root, 'apps', 'cli'))).toBeUndefined();
  });

  it('ignores the file of a dev that died without removing it', () => {
    const root = mkdtempSync(join(tmpdir(), 'switchyard-state-'));
    dirs.push(root);
    mkdirSync(join(root, '.switchyard'));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeDevState(join(root, '.switchyard'), stateFor(Number(dead)));
    expect(findRunningDev(root)).toBeUndefined();
  });
});
