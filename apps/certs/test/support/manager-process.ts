// A certificate manager in a process of its own (tests kill it): the config as JSON in argv[2].
import { silentLogger } from '@switchyard/telemetry';
import type { CertsConfig } from '../../src/config.ts';
import { startCertManager } from '../../src/main.ts';

const config = JSON.parse(process.argv[2] as string) as CertsConfig;
await startCertManager(config, { logger: silentLogger(), owner: 'victim' });
