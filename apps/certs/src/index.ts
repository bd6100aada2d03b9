export {
  CERTS_DEFAULTS,
  type CertsConfig,
  CertsConfigError,
  certsHelp,
  parseCertsConfig,
  withCertsDefaults,
} from './config.ts';
export { type CertManager, startCertManager } from './main.ts';
export { CertificateManager } from './manager.ts';
