import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ValidationError } from './errors.ts';

/**
 * The platform key: 32 bytes that seal private keys (certificates, TLS ticket keys) at rest with
 * AES-256-GCM. Given as a file (`--cert-key-file`: 32 raw bytes, or 64 hex digits, or base64 of 32
 * bytes) or the environment (`SWITCHYARD_CERT_KEY`: hex or base64). The key itself is never printed:
 * `inspect`/`toJSON` show only its fingerprint.
 *
 * Sealed layout: version byte (1) · key fingerprint (4) · IV (12) · GCM tag (16) · ciphertext. The
 * additional data binds a sealed value to its row (the certificate id, the ticket key's region), so a
 * value copied to another row does not open.
 */
export class PlatformKey {
  readonly #key: Buffer;
  /** First 4 bytes of SHA-256(key), hex: names the key in errors without revealing it. */
  readonly fingerprint: string;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new RangeError(`the platform key must be 32 bytes, got ${key.length}`);
    this.#key = Buffer.from(key);
    this.fingerprint = createHash('sha256').update(this.#key).digest().subarray(0, 4).toString('hex');
  }

  /** Parses the text or bytes of a key file / environment value. */
  static parse(value: Buffer | string, source: string): PlatformKey {
    const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    if (bytes.length === 32) return new PlatformKey(bytes);
    const text = bytes.toString('utf8').trim();
    if (/^[0-9a-fA-F]{64}$/.test(text)) return new PlatformKey(Buffer.from(text, 'hex'));
    if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
      const decoded = Buffer.from(text, 'base64');
      if (decoded.length === 32) return new PlatformKey(decoded);
    }
    throw new ValidationError(
      'certKey',
      `${source} does not hold a platform key: 32 raw bytes, 64 hex digits or base64 of 32 bytes (e.g. \`openssl rand -hex 32\`)`,
    );
  }

  /** Reads `--cert-key-file` if given, else `SWITCHYARD_CERT_KEY`; undefined when neither is set. */
  static async load(opts: { file?: string | undefined; env?: NodeJS.ProcessEnv }): Promise<PlatformKey | undefined> {
    if (opts.file) {
      let bytes: Buffer;
      try {
        bytes = await readFile(opts.file);
      } catch (error) {
        throw new ValidationError(
          'certKeyFile',
          `cannot read --cert-key-file "${opts.file}": ${(error as Error).message}`,
        );
      }
      return PlatformKey.parse(bytes, `--cert-key-file "${opts.file}"`);
    }
    const fromEnv = opts.env?.[CERT_KEY_ENV];
    if (fromEnv) return PlatformKey.parse(fromEnv, CERT_KEY_ENV);
    const fileFromEnv = opts.env?.[CERT_KEY_FILE_ENV];
    if (fileFromEnv) return PlatformKey.load({ file: fileFromEnv });
    return undefined;
  }

  seal(plaintext: Buffer | string, aad: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([Buffer.from([SEALED_VERSION]), this.#id(), iv, cipher.getAuthTag(), body]);
  }

  open(sealed: Buffer, aad: string): Buffer {
    if (sealed.length < HEADER_BYTES || sealed[0] !== SEALED_VERSION) {
      throw new SealedValueError('not a sealed value of a known format');
    }
    const keyId = sealed.subarray(1, 5).toString('hex');
    if (keyId !== this.fingerprint) {
      throw new SealedValueError(`sealed under platform key ${keyId}, not the configured key ${this.fingerprint}`);
    }
    const decipher = createDecipheriv('aes-256-gcm', this.#key, sealed.subarray(5, 17));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(sealed.subarray(17, HEADER_BYTES));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]);
    } catch {
      throw new SealedValueError('authentication failed (tampered, or sealed for another row)');
    }
  }

  #id(): Buffer {
    return Buffer.from(this.fingerprint, 'hex');
  }

  toJSON(): string {
    return `[PlatformKey ${this.fingerprint}]`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toJSON();
  }
}

/** A sealed value that cannot be opened with the configured key. */
export class SealedValueError extends Error {
  override readonly name = 'SealedValueError';
  readonly code = 'SEALED_VALUE';
}

export const CERT_KEY_ENV = 'SWITCHYARD_CERT_KEY';
export const CERT_KEY_FILE_ENV = 'SWITCHYARD_CERT_KEY_FILE';
const SEALED_VERSION = 1;
const HEADER_BYTES = 1 + 4 + 12 + 16;
