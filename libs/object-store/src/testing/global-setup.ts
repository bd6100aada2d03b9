import { installS3Server } from './s3-server.ts';

/**
 * vitest globalSetup: builds the S3-compatible test server once before any test file runs (a clean clone
 * has none; later runs return at once). Each test file then starts its own server with `startS3Server()`.
 * Use it from any package that runs S3 tests: `globalSetup: ['@switchyard/object-store/testing/global-setup']`.
 */
export default function setup(): void {
  installS3Server();
}
