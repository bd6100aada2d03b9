import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import type { S3Options } from '../s3/s3-store.ts';

const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));
const INSTALL_SCRIPT = join(PACKAGE_DIR, 'scripts', 'install-s3-server.sh');
const SERVER_BIN = join(PACKAGE_DIR, '..', '..', '.tools', 'bin', 'versitygw');

export interface TestS3Server {
  /** `s3://<bucket>`: an empty bucket made for this server. */
  readonly url: string;
  /** Endpoint, region and the root credentials, for `openObjectStore(url, options)`. */
  readonly options: S3Options;
  readonly bucket: string;
  stop(): Promise<void>;
}

/** Builds versitygw into <repo>/.tools/bin unless it is there (idempotent; the first build takes minutes). */
export function installS3Server(): void {
  const result = spawnSync('bash', [INSTALL_SCRIPT], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    throw new Error(`${INSTALL_SCRIPT} failed (exit ${result.status ?? result.signal})`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000; // generous: a loaded 2-core machine
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`versitygw exited (${child.exitCode ?? child.signalCode}) before answering:\n${output()}`);
    }
    try {
      const res = await request(endpoint, { method: 'GET', headersTimeout: 2_000, bodyTimeout: 2_000 });
      await res.body.dump();
      return; // any HTTP answer (403 without credentials) means it is serving
    } catch {
      if (Date.now() > deadline) throw new Error(`versitygw did not answer on ${endpoint} within 60 s:\n${output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts a real S3-compatible server (versitygw, posix backend) on a free loopback port, over a fresh
 * temporary directory, with one empty bucket. Installs it first if needed. `stop()` ends the process and
 * removes the directory.
 */
export async function startS3Server(): Promise<TestS3Server> {
  installS3Server();
  const root = await mkdtemp(join(tmpdir(), 's3-server-'));
  await chmod(root, 0o755);
  const bucket = `test-${randomBytes(4).toString('hex')}`;
  // The posix backend serves each top-level directory as a bucket.
  await mkdir(join(root, bucket));
  const accessKeyId = `AK${randomBytes(8).toString('hex').toUpperCase()}`;
  const secretAccessKey = randomBytes(20).toString('base64url');
  const region = 'us-east-1';

  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    let output = '';
    const child = spawn(
      SERVER_BIN,
      [
        '--port',
        `127.0.0.1:${port}`,
        '--access',
        accessKeyId,
        '--secret',
        secretAccessKey,
        '--region',
        region,
        '--keep-alive', // versitygw closes every connection otherwise; S3 keeps them open, and so do the tests
        '--quiet',
        'posix',
        root,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    try {
      await waitForHttp(endpoint, child, () => output);
      return {
        url: `s3://${bucket}`,
        bucket,
        options: { endpoint, region, accessKeyId, secretAccessKey },
        async stop() {
          await stopChild(child);
          await rm(root, { recursive: true, force: true });
        },
      };
    } catch (err) {
      lastError = err; // most likely the port was taken between freePort() and listen: try another
      await stopChild(child);
    }
  }
  await rm(root, { recursive: true, force: true });
  throw lastError;
}
