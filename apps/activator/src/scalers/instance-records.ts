import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What is kept on disk about a running instance: enough to find and stop it after a crash. */
export interface InstanceRecord {
  /** The instance's process-group id (its leader's pid: it was started detached). */
  pgid: number;
  serviceId: string;
  port: number;
  /** The leader's start time (field 22 of /proc/<pid>/stat): tells our process from a reused pid. */
  startTicks: number;
  /** The activator process that started it. */
  activatorPid: number;
}

/**
 * One small JSON file per running instance under `<dir>`, written when it starts and removed when
 * it is stopped (or found gone). An activator that was SIGKILLed (or OOM-killed) cannot stop its
 * instances — they run in process groups of their own — so the next one started with the same
 * directory finds them here and stops them (`ProcessScaler.recover`).
 */
export class InstanceRecords {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  async add(record: InstanceRecord): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(this.#file(record.pgid), `${JSON.stringify(record)}\n`);
  }

  async remove(pgid: number): Promise<void> {
    await rm(this.#file(pgid), { force: true });
  }

  /** Every record left (unreadable files are skipped). */
  async list(): Promise<InstanceRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const records: InstanceRecord[] = [];
    for (const name of names.filter((n) => /^\d+\.json$/.test(n))) {
      try {
        records.push(JSON.parse(await readFile(join(this.dir, name), 'utf8')) as InstanceRecord);
      } catch {
        await rm(join(this.dir, name), { force: true });
      }
    }
    return records;
  }

  #file(pgid: number): string {
    return join(this.dir, `${pgid}.json`);
  }
}

/** Start time of `pid` in clock ticks since boot, or undefined when no such process (Linux). */
export function processStartTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: count from after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[19]);
  } catch {
    return undefined;
  }
}

/**
 * Does any live process (not a zombie) of group `pgid` still exist? Scans /proc: called at start
 * only, for the few recorded instances.
 */
export function groupAlive(pgid: number): boolean {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return false;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // After the command name: state (field 3), ppid, pgrp (field 5).
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z') return true;
    } catch {
      // gone meanwhile
    }
  }
  return false;
}
