import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlive, isRunning } from '../../test/support/processes.ts';
import { WakeFailedError, WakeTimeoutError } from '../errors.ts';
import { InstanceRecords } from './instance-records.ts';
import { ProcessScaler } from './process.ts';

// Real processes, no activator around them: the scaler's own contract.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'process-scaler-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

// Starts a grandchild (`sleep`) in its process group, ignores SIGTERM, answers HTTP on $PORT.
const STUBBORN = `
const { spawn } = require('node:child_process');
const child = spawn('sleep', ['300'], { stdio: 'ignore' });
require('node:fs').writeFileSync(process.env.PIDS_FILE, process.pid + ' ' + child.pid);
process.on('SIGTERM', () => {});
require('node:http').createServer((req, res) => res.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');
`;

describe('ProcessScaler', () => {
  it('stops the whole process group: SIGTERM, then SIGKILL after the grace, grandchildren included', async () => {
    const scaler = new ProcessScaler({ stopGraceMs: 300 });
    const pidsFile = join(dir, 'pids');
    const service = {
      id: 'stubborn',
      name: 'stubborn',
      scalerRef: JSON.stringify({ command: [process.execPath, '-e', STUBBORN], env: { PIDS_FILE: pidsFile } }),
    };
    const instance = await scaler.wake(service, AbortSignal.timeout(30_000));
    expect(instance.host).toBe('127.0.0.1');
    expect(await (await fetch(`http://127.0.0.1:${instance.port}/`)).text()).toBe('ok');
    const [leader, grandchild] = (await readFile(pidsFile, 'utf8')).split(' ').map(Number) as [number, number];
    expect(instance.detail?.pid).toBe(leader);
    expect(isAlive(grandchild)).toBe(true);
    await scaler.sleep(service, instance);
    expect(isAlive(leader)).toBe(false);
    expect(isAlive(grandchild)).toBe(false);
    expect(await instance.exited).toBe('the instance was killed by SIGKILL');
  });

  it('reports an exit before readiness as a failed wake, with the tail of stderr, and writes the log file', async () => {
    const logDir = join(dir, 'logs', 'nested');
    const scaler = new ProcessScaler({ stopGraceMs: 300, logDir });
    const service = { id: 'failing', name: 'failing', scalerRef: 'echo starting; echo "no database" >&2; exit 4' };
    const wake = scaler.wake(service, AbortSignal.timeout(30_000));
    await expect(wake).rejects.toThrow(WakeFailedError);
    await expect(wake).rejects.toThrow('the instance exited with code 4; stderr: no database');
    await expect(readFile(join(logDir, 'failing.log'), 'utf8')).resolves.toMatch(/starting\nno database\n/);
  });

  it('stops an instance whose wake is aborted, and rejects with the abort reason', async () => {
    const scaler = new ProcessScaler({ stopGraceMs: 300 });
    const pidsFile = join(dir, 'slow-pid');
    const service = {
      id: 'slow',
      name: 'slow',
      scalerRef: JSON.stringify({
        command: [
          process.execPath,
          '-e',
          `require('node:fs').writeFileSync(process.env.PIDS_FILE, String(process.pid)); setInterval(() => {}, 1000);`,
        ],
        env: { PIDS_FILE: pidsFile },
      }),
    };
    const controller = new AbortController();
    const wake = scaler.wake(service, controller.signal);
    let pid = 0;
    for (let i = 0; i < 600 && pid === 0; i++) {
      pid = Number(await readFile(pidsFile, 'utf8').catch(() => '0'));
      if (pid === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(isAlive(pid)).toBe(true);
    controller.abort(new WakeTimeoutError('too slow'));
    await expect(wake).rejects.toThrow('too slow');
    expect(isAlive(pid)).toBe(false);
  });
});

describe('ProcessScaler after its activator was SIGKILLed', () => {
  it('finds the instance the dead activator left running (state dir) and stops its whole group', async () => {
    const stateDir = join(dir, 'state');
    const pidsFile = join(dir, 'orphan-pids');
    // An "activator": a process holding a ProcessScaler that wakes one service, then gets SIGKILLed.
    const host = join(dir, 'scaler-host.mjs');
    await writeFile(
      host,
      `import { ProcessScaler } from ${JSON.stringify(new URL('./process.ts', import.meta.url).href)};
const scaler = new ProcessScaler({ stopGraceMs: 300, stateDir: ${JSON.stringify(stateDir)} });
const service = { id: 'orphaned', name: 'orphaned', scalerRef: JSON.stringify({ command: [process.execPath, '-e', ${JSON.stringify(STUBBORN)}], env: { PIDS_FILE: ${JSON.stringify(pidsFile)} } }) };
const instance = await scaler.wake(service, AbortSignal.timeout(30_000));
process.stdout.write('READY ' + instance.port + '\\n');
setInterval(() => {}, 1000);
`,
    );
    const activator = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', host], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      activator.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /READY (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      activator.once('exit', (code) => reject(new Error(`scaler host exited (${code})`)));
    });
    const [leader, grandchild] = (await readFile(pidsFile, 'utf8')).split(' ').map(Number) as [number, number];
    activator.kill('SIGKILL');
    await new Promise((resolve) => activator.once('exit', resolve));
    // The instance outlived its activator (its own process group) and still answers.
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');

    const next = new ProcessScaler({ stopGraceMs: 300, stateDir });
    const orphans = await next.recover();
    expect(orphans).toEqual([{ serviceId: 'orphaned', port, pgid: leader, startedBy: activator.pid }]);
    expect(isRunning(leader)).toBe(false);
    expect(isRunning(grandchild)).toBe(false);
    expect(await next.recover()).toEqual([]); // its record is gone
  });

  it('leaves a recorded process alone when its pid now belongs to another process', async () => {
    const stateDir = join(dir, 'state-reused');
    const records = new InstanceRecords(join(stateDir, 'instances'));
    const other = spawn('sleep', ['30'], { stdio: 'ignore', detached: true });
    try {
      const pid = other.pid as number;
      await records.add({ pgid: pid, serviceId: 'x', port: 1, startTicks: 1, activatorPid: 1 });
      expect(await new ProcessScaler({ stopGraceMs: 300, stateDir }).recover()).toEqual([]);
      expect(isRunning(pid)).toBe(true);
      expect(await records.list()).toEqual([]);
    } finally {
      other.kill('SIGKILL');
    }
  });
});
