import type { Command } from '../command.ts';
import { formatBanner } from '../dev/banner.ts';
import { devUsage, parseDevConfig } from '../dev/config.ts';
import { startDevStack } from '../dev/stack.ts';
import { runUntilSignal } from '../lifecycle.ts';

export const devCommand: Command = {
  name: 'dev',
  summary: 'the whole stack on this machine: PostgreSQL, caches, router, demo services (npm start)',
  usage: devUsage,
  async run(args, io) {
    if (args.includes('--help') || args.includes('-h')) {
      io.out(devUsage);
      return 0;
    }
    const config = parseDevConfig(args, io.env, process.cwd());
    // Whoever started dev may be gone (a closed terminal, a killed npm): writing to its pipe or
    // terminal then fails, and that must not end dev before it has stopped the stack.
    for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
    io.out(`switchyard dev: starting (data in ${config.dataDir}${config.fresh ? ', fresh' : ''})…`);
    const stack = await startDevStack(config);
    stack.onChildExit((child, how) => {
      io.err(`switchyard dev: ${child.name} (pid ${child.pid}) exited (${how}); log ${child.logFile}`);
    });
    io.out(formatBanner(config, stack));
    // Stops as on Ctrl-C on SIGINT, SIGTERM and SIGHUP (the terminal closed), and when its parent
    // dies: `npm start` killed with SIGKILL, or a shell between npm and dev killed by a signal.
    return runUntilSignal(
      async () => {
        io.out('switchyard dev: stopping (router drains first)…');
        await stack.close();
        io.out('switchyard dev: stopped');
      },
      {
        signals: ['SIGINT', 'SIGTERM', 'SIGHUP'],
        watchParent: true,
        onOrphaned: (parent) => io.err(`switchyard dev: its parent process (pid ${parent}) is gone; stopping`),
      },
    );
  },
};
