// What one secure context costs in RSS (native memory mostly: OpenSSL's SSL_CTX with its certificate
// and key), built the way a serving thread builds them. Usage: npx node --expose-gc bench/certs/context-cost.ts [N]
import { createCertificateAuthority, issueCertificate } from '@switchyard/pki';
import { buildSecureContext } from '../../apps/router/src/tls/secure-contexts.ts';

const count = Number(process.argv[2] ?? 1000);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const ca = createCertificateAuthority('context-cost CA');
const certs = Array.from({ length: count }, (_, i) => issueCertificate({ names: [`c${i}.example`], issuer: ca }));
gc();
const before = process.memoryUsage();
const started = performance.now();
const contexts = certs.map((c) => buildSecureContext(c.certPem + ca.certPem, c.keyPem));
const ms = (performance.now() - started) / count;
gc();
const after = process.memoryUsage();
console.log(
  JSON.stringify({
    openssl: process.versions.openssl,
    contexts: contexts.length,
    msPerContext: Math.round(ms * 100) / 100,
    rssKiBPerContext: Math.round((after.rss - before.rss) / 1024 / count),
    heapKiBPerContext: Math.round((after.heapUsed - before.heapUsed) / 1024 / count),
    externalKiBPerContext: Math.round((after.external - before.external) / 1024 / count),
  }),
);
