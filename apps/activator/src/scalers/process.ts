import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { WakeFailedError } from '../errors.ts';
import { freePort } from './free-port.ts';
import { groupAlive, InstanceRecords, processStartTicks } from './instance-records.ts';
import { parseProcessRef } from './process-ref.ts';
import { waitUntilReady } from './readiness.ts';
import type { OrphanInstance, RunningInstance, ScaledService, Scaler } from './scaler.ts';

export interface ProcessScalerOptions {
  /** SIGTERM, then SIGKILL to the whole process group after this long. */
  stopGraceMs: number;
  /** Append each instance's stdout and stderr to `<logDir>/<service id>.log`; discarded when absent. */
  logDir?: string;
  /**
   * Keep a record of each running instance in `<stateDir>/instances/`, so that the next activator
   * started with this directory stops the ones a SIGKILLed predecessor left running (`recover`).
   */
  stateDir?: string;
}

const HOST = '127.0.0.1';
const STDERR_TAIL_BYTES = 2048;

/**
 * Runs each service's start command (`scaler_ref`, see process-ref.ts) as a child process in a
 * process group of its own, with `PORT` set to a free port on 127.0.0.1. Ready once it answers
 * HTTP there; stopped with SIGTERM, then SIGKILL to the group, so nothing it started is left
 * behind. A crash is reported through `exited`; nothing is restarted here.
 */
export class ProcessScaler implements Scaler {
  readonly #options: ProcessScalerOptions;
  readonly #running = new Map<RunningInstance, InstanceProcess>();
  readonly #records: InstanceRecords | undefined;

  constructor(options: ProcessScalerOptions) {
    this.#options = options;
    this.#records =
      options.stateDir === undefined ? undefined : new InstanceRecords(join(options.stateDir, 'instances'));
  }

  /** Stops the instances recorded in the state dir whose activator is gone (see InstanceRecords). */
  async recover(): Promise<OrphanInstance[]> {
    const records = this.#records;
    if (records === undefined) return [];
    const stopped: OrphanInstance[] = [];
    await Promise.all(
      (await records.list()).map(async (record) => {
        if (record.activatorPid === process.pid) return;
        const leader = processStartTicks(record.pgid);
        // The leader alive with another start time is a reused pid, not ours; a group whose leader
        // exited still holds its id (Linux does not reuse a pid that names a live process group).
        const ours = leader === undefined ? groupAlive(record.pgid) : leader === record.startTicks;
        if (ours && groupAlive(record.pgid)) {
          await stopGroup(record.pgid, this.#options.stopGraceMs);
          stopped.push({
            serviceId: record.serviceId,
            port: record.port,
            pgid: record.pgid,
            startedBy: record.activatorPid,
          });
        }
        await records.remove(record.pgid);
      }),
    );
    return stopped;
  }

  async wake(service: ScaledService, signal: AbortSignal): Promise<RunningInstance> {
    const spec = parseProcessRef(service.scalerRef);
    const port = await freePort(HOST);
    const [file, args] = typeof spec.command === 'string' ? ['/bin/sh', ['-c', spec.command]] : splitArgv(spec.command);
    const log = await this.#openLog(service.id);
    const child = spawn(file, args, {
      cwd: spec.cwd,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: process.env.HOME ?? '/',
        ...spec.env,
        PORT: String(port),
      },
      detached: true, // its own process group: stopping it signals everything it started
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const running = new InstanceProcess(child, log);
    const pid = child.pid;
    if (this.#records !== undefined && pid !== undefined) {
      const records = this.#records;
      await records
        .add({
          pgid: pid,
          serviceId: service.id,
          port,
          startTicks: processStartTicks(pid) ?? 0,
          activatorPid: process.pid,
        })
        .catch(() => {}); // an unwritable state dir does not stop the instance; it only cannot be found after a crash
      void running.exited.then(() => records.remove(pid).catch(() => {}));
    }
    const instance: RunningInstance = {
      host: HOST,
      port,
      exited: running.exited,
      detail: { pid: child.pid },
    };
    this.#running.set(instance, running);
    try {
      await waitUntilReady({ host: HOST, port, path: spec.readinessPath, signal, gone: running.exited });
    } catch (error) {
      await this.#stop(instance);
      throw error;
    }
    return instance;
  }

  /** The instance's log file, or undefined; a log that cannot be written never stops the instance. */
  async #openLog(serviceId: string): Promise<WriteStream | undefined> {
    const dir = this.#options.logDir;
    if (dir === undefined) return undefined;
    await mkdir(dir, { recursive: true });
    const log = createWriteStream(join(dir, `${serviceId}.log`), { flags: 'a' });
    log.on('error', () => {});
    return log;
  }

  sleep(_service: ScaledService, instance: RunningInstance): Promise<void> {
    return this.#stop(instance);
  }

  async close(): Promise<void> {
    await Promise.all([...this.#running.keys()].map((instance) => this.#stop(instance)));
  }

  async #stop(instance: RunningInstance): Promise<void> {
    const running = this.#running.get(instance);
    if (running === undefined) return;
    await running.stop(this.#options.stopGraceMs);
    this.#running.delete(instance);
  }
}

/** One started command: its exit, its stderr's tail, and how to stop its process group. */
class InstanceProcess {
  readonly exited: Promise<string>;
  readonly #child: ChildProcess;
  #stderrTail = '';
  #gone = false;

  constructor(child: ChildProcess, log: WriteStream | undefined) {
    this.#child = child;
    child.stdout?.on('data', (chunk: Buffer) => log?.write(chunk));
    child.stderr?.on('data', (chunk: Buffer) => {
      log?.write(chunk);
      this.#stderrTail = (this.#stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
    });
    this.exited = new Promise<string>((resolve) => {
      child.once('error', (error) => {
        this.#gone = true;
        log?.end();
        resolve(`the start command could not run: ${error.message}`);
      });
      // 'close' (not 'exit'): stdio is flushed, so the stderr tail is complete.
      child.once('close', (code, signalName) => {
        this.#gone = true;
        const how = code === null ? `was killed by ${signalName}` : `exited with code ${code}`;
        const tail = this.#stderrTail.trim();
        const message = `the instance ${how}${tail === '' ? '' : `; stderr: ${tail}`}`;
        log?.end();
        // Reported once its log is on disk, so whoever reads the failure can read the log too.
        if (log === undefined || log.destroyed) resolve(message);
        else log.once('close', () => resolve(message));
      });
    });
  }

  /** SIGTERM to the group, SIGKILL to the group after `graceMs` (and always, for what outlived the leader). */
  async stop(graceMs: number): Promise<void> {
    const pid = this.#child.pid;
    if (pid === undefined) return;
    if (!this.#gone) {
      signalGroup(pid, 'SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.exited, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
    }
    signalGroup(pid, 'SIGKILL');
    await this.exited;
  }
}

/**
 * SIGTERM to a process group not ours as a child, then SIGKILL after `graceMs` if any of it is
 * left; resolves once none of it runs (or, should the kernel be slow to kill, after 5 s more).
 */
async function stopGroup(pgid: number, graceMs: number): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  await groupGone(pgid, graceMs);
  if (!groupAlive(pgid)) return;
  signalGroup(pgid, 'SIGKILL');
  await groupGone(pgid, 5_000);
}

async function groupGone(pgid: number, withinMs: number): Promise<void> {
  const deadline = performance.now() + withinMs;
  while (groupAlive(pgid) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

function splitArgv(argv: string[]): [string, string[]] {
  const [file, ...args] = argv;
  if (file === undefined) throw new WakeFailedError('empty command');
  return [file, args];
}
