// An activator as a process of its own (so that a test can SIGKILL it): argv[2] is its partial
// ActivatorConfig as JSON. Prints "READY <address>" once it is synced with a cache; SIGTERM stops it.
import { silentLogger } from '@switchyard/telemetry';
import { type ActivatorConfig, withActivatorDefaults } from '../../src/config.ts';
import { startActivator } from '../../src/main.ts';

const config = JSON.parse(process.argv[2] as string) as Pick<ActivatorConfig, 'caches'> & Partial<ActivatorConfig>;
const activator = await startActivator(withActivatorDefaults(config), { logger: silentLogger() });
await activator.ready;
process.stdout.write(`READY ${activator.address} ${activator.adminAddress}\n`);
process.once('SIGTERM', () => void activator.close().then(() => process.exit(0)));
