import { certsHelp, parseCertsConfig, startCertManager } from '@switchyard/certs';
import { componentCommand } from '../component-command.ts';

export const certsCommand = componentCommand({
  name: 'certs',
  summary: 'run the certificate manager: ACME certificates for every hostname, renewed, answered by the routers',
  usage: certsHelp,
  parse: parseCertsConfig,
  start: (config) => startCertManager(config),
});
