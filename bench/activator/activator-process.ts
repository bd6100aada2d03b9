// The activator in a process of its own for bench/activator/run.ts (as in production): config JSON
// in argv[2]; prints {"address", "admin"} on stdout once synced; SIGTERM stops it (and its instances).
// Run with --conditions=source.
import { startActivator, withActivatorDefaults } from '@switchyard/activator';
import { silentLogger } from '@switchyard/telemetry';

const activator = await startActivator(withActivatorDefaults(JSON.parse(process.argv[2] as string)), {
  logger: silentLogger(),
});
await activator.ready;
process.stdout.write(`${JSON.stringify({ address: activator.address, admin: activator.adminAddress })}\n`);
process.once('SIGTERM', () => {
  activator.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
