// Typed access to the switchyard.routing.v1 contracts, generated from ../proto by protobufjs.
import './runtime.ts';
import { switchyard } from '../generated/routing.js';

export const v1 = switchyard.routing.v1;
export type Service = switchyard.routing.v1.Service.$Properties;
export type Instance = switchyard.routing.v1.Instance.$Properties;
export type StaticSite = switchyard.routing.v1.StaticSite.$Properties;
export type RedirectRule = switchyard.routing.v1.RedirectRule.$Properties;
export type HeaderRule = switchyard.routing.v1.HeaderRule.$Properties;
export type WatchRequest = switchyard.routing.v1.WatchRequest.$Properties;
export type WatchEvent = switchyard.routing.v1.WatchEvent.$Properties;
export type Delta = switchyard.routing.v1.Delta.$Properties;
export type GetServicesRequest = switchyard.routing.v1.GetServicesRequest.$Properties;
export type GetServicesResponse = switchyard.routing.v1.GetServicesResponse.$Properties;
export type Hsts = switchyard.routing.v1.Hsts.$Properties;
export type Certificate = switchyard.routing.v1.Certificate.$Properties;
export type TicketKeys = switchyard.routing.v1.TicketKeys.$Properties;
export type AcmeChallenge = switchyard.routing.v1.AcmeChallenge.$Properties;
export type AcmeChallenges = switchyard.routing.v1.AcmeChallenges.$Properties;
export type WatchCertificatesRequest = switchyard.routing.v1.WatchCertificatesRequest.$Properties;
export type CertificateEvent = switchyard.routing.v1.CertificateEvent.$Properties;
export type CertificateDelta = switchyard.routing.v1.CertificateDelta.$Properties;

export const ServiceKind = switchyard.routing.v1.ServiceKind;
export type ServiceKind = switchyard.routing.v1.ServiceKind;
export const Plan = switchyard.routing.v1.Plan;
export type Plan = switchyard.routing.v1.Plan;
export const ServiceState = switchyard.routing.v1.ServiceState;
export type ServiceState = switchyard.routing.v1.ServiceState;
export const CertificateSource = switchyard.routing.v1.CertificateSource;
export type CertificateSource = switchyard.routing.v1.CertificateSource;

export {
  type PreEncoded,
  preEncoded,
  RouteCacheClient,
  type RouteCacheServer,
  routeCacheService,
} from './grpc.ts';
