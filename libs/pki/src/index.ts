export {
  createCertificateAuthority,
  type IssuedCertificate,
  type IssueOptions,
  issueCertificate,
  issueChain,
  issuerFromPem,
  type KeyType,
  newKeyPair,
} from './certificates.ts';
