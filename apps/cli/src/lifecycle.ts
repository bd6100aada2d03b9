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
      stop().then(
        () => resolve(0),
        (error: unknown) => {
          process.stderr.write(`switchyard: error while stopping: ${(error as Error).message}\n`);
          resolve(1);
        },
      );
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
