// What every scenario of one `npm run bench` run shares.
import type { EmbeddedPostgresServer } from '@switchyard/service-db';
import type { CacheProcess } from '../cache/harness.ts';
import type { Backend } from './fleet.ts';

export interface Fleet {
  services: number;
  /** Exact hostnames of the fleet (what k6 and the probes draw from). */
  hostnames: string[];
  hostsFile: string;
  /** The same, one a line (wrk). */
  hostsTextFile: string;
  /** Ids of the fleet's services: every one routes to the backend. */
  serviceIds: string[];
  backend: Backend;
}

export interface RunContext {
  quick: boolean;
  /** Profile the proxy scenario's router (--cpu-prof) into profileDir. */
  profile: boolean;
  profileDir: string;
  /** Scratch space of this run (configs, maps, logs). */
  workDir: string;
  logDir: string;
  database: EmbeddedPostgresServer;
  /** Services of cold start's large point (1,000,000; the fleet is grown to it). */
  largeServices: number;
  fleet: Fleet;
  /** The fleet's cache servers (two). */
  caches: CacheProcess[];
  /** Starts another cache server on the run's database, logging into logDir. */
  startCache(name: string): Promise<CacheProcess>;
  /** A log file in logDir for a child process's output. */
  logFd(name: string): number;
  log(line: string): void;
}
