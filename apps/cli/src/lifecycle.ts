/** Once a component has stopped, a handle some library left open may delay the exit by this long at most. */
const EXIT_GRACE_MS = 2_000;

/**
 * A second signal this soon after the first is the same request, not an impatient second one: a
 * terminal's Ctrl-C reaches both `npm start` and `dev` (one process group), and npm forwards it to
 * its script as well, so `dev` receives it twice within milliseconds.
 */
const SAME_REQUEST_MS = 1_000;

/** How often the parent process is checked for (`watchParent`). */
const PARENT_POLL_MS = 500;

export interface RunOptions {
  /** Signals that stop it. Default SIGINT and SIGTERM. */
  signals?: readonly NodeJS.Signals[];
  /**
   * Stop as on a signal when the process that started this one is gone (this process was
   * re-parented, e.g. `npm start` killed with SIGKILL). `onOrphaned` is told first.
   */
  watchParent?: boolean;
  onOrphaned?: (parentPid: number) => void;
}

/**
 * Keeps a long-running component alive until one of `signals` (or, with `watchParent`, the parent's
 * death), then stops it once. A second signal while stopping — at least a second after the first —
 * exits at once.
 */
export function runUntilSignal(stop: () => Promise<void>, options: RunOptions = {}): Promise<number> {
  const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
  return new Promise((resolve) => {
    let stoppingSince: number | undefined;
    let parentWatch: NodeJS.Timeout | undefined;
    const begin = () => {
      clearInterval(parentWatch);
      stoppingSince = Date.now();
      const finish = (code: number) => {
        setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
        resolve(code);
      };
      stop().then(
        () => finish(0),
        (error: unknown) => {
          process.stderr.write(`switchyard: error while stopping: ${(error as Error).message}\n`);
          finish(1);
        },
      );
    };
    const onSignal = (signal: NodeJS.Signals) => {
      if (stoppingSince === undefined) return begin();
      if (Date.now() - stoppingSince >= SAME_REQUEST_MS) process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    for (const signal of signals) process.on(signal, onSignal);
    if (options.watchParent) {
      const parent = process.ppid;
      parentWatch = setInterval(() => {
        if (process.ppid === parent || stoppingSince !== undefined) return;
        options.onOrphaned?.(parent);
        begin();
      }, PARENT_POLL_MS);
    }
  });
}
