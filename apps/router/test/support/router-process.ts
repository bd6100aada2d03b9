// `switchyard router` in a process of its own, the way the CLI runs it: flags and environment →
// parseRouterConfig → startRouter; SIGTERM drains and exits 0. Run with --conditions=source.
import { parseRouterConfig } from '../../src/config.ts';
import { startRouter } from '../../src/main.ts';

const router = await startRouter(parseRouterConfig(process.argv.slice(2), process.env));
process.once('SIGTERM', () => {
  router.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
