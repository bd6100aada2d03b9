/** Once a component has stopped, a handle some library left open may delay the exit by this long at most. */
const EXIT_GRACE_MS = 2_000;

/**
 * Keeps a long-running component alive until SIGINT/SIGTERM, then stops it once.
 * A second signal while stopping exits at once.
 */
export function runUntilSignal(stop: () => Promise<void>): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(signal === 'SIGINT' ? 130 : 143);
      stopping = true;
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
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
