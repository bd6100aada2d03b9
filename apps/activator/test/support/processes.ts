import { readFileSync } from 'node:fs';

/**
 * Whether a process with this pid exists and has not exited: signal 0, and not a zombie (an orphan
 * killed here is reparented to PID 1, which on some machines never reaps it).
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
