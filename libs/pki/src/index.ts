export {
  type CertificateAndKey,
  createCertificateAuthority,
  type IssueOptions,
  issueCertificate,
  type KeyType,
} from './certificates.ts';
