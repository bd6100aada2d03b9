/**
 * The access log's shared-memory layout: one ring per serving thread (its slot), a
 * SharedArrayBuffer with a control block and fixed-size record slots. The serving thread is the
 * only producer and the logger thread the only consumer (SPSC): no locks, no CAS.
 *
 * Control block (Int32 words; producer- and consumer-written words on their own 64-byte lines):
 *   WRITE    records published, ever (producer; wraps, compared modulo 2^32)
 *   READ     records consumed, ever (consumer)
 *   DROPPED  records lost because the ring was full (producer; Atomics.add)
 *   LOGGED   records the logger thread wrote out (consumer)
 *
 * A producer writes a record's bytes into slot `WRITE mod capacity`, then publishes it with one
 * `Atomics.store` of WRITE + 1; the consumer reads slots below WRITE, then frees them with one
 * store of READ. A full ring (WRITE − READ = capacity) drops the record and counts it.
 *
 * Record (RECORD_BYTES, platform byte order; offsets in bytes):
 *   0  f64  time         epoch ms when the request ended
 *   8  f64  durationMs   head complete → last byte (a tunnel: → closed)
 *  16  f64  upstreamMs   start of forwarding → upstream's part done; −1: not forwarded
 *  24  f64  bytesIn      request bytes as framed on the wire (head included)
 *  32  f64  bytesOut     response bytes (head included)
 *  40  u16  status       0: none was sent (logged as 499, as nginx does)
 *  42  u16  instancePort
 *  44  u8   end          RequestEnd (completed, aborted, tunnel closed, refused)
 *  45  u8   decision     DecisionCode; NONE for refused requests
 *  46  u8   outcome      forwarding Outcome; NONE when not forwarded
 *  47  u8   retries
 *  48  u8   minorVersion HTTP/1.x; 2: HTTP/2
 *  49  u8   tls          TLS_VERSIONS index; 0: plain TCP
 *  50  u8   flags        FLAG_*
 *  52  u16[STRING_COUNT] string lengths, in STRINGS order
 *  STRINGS_AT  the strings' bytes, back to back in STRINGS order, each cut at its cap; the path
 *              takes whatever is left of the record
 */

export const RECORD_BYTES = 1024;
/** Records per ring when not configured: 8 MiB per serving thread. */
export const DEFAULT_RING_RECORDS = 8192;

export const CONTROL_BYTES = 256;
export const WRITE = 0;
export const READ = 16;
export const DROPPED = 32;
export const LOGGED = 48;

export const TIME = 0;
export const DURATION = 8;
export const UPSTREAM = 16;
export const BYTES_IN = 24;
export const BYTES_OUT = 32;
export const STATUS = 40;
export const INSTANCE_PORT = 42;
export const END = 44;
export const DECISION = 45;
export const OUTCOME = 46;
export const RETRIES = 47;
export const MINOR_VERSION = 48;
export const TLS = 49;
export const FLAGS = 50;
export const LENGTHS = 52;

/** Not applicable (decision of a refused request, outcome of one not forwarded). */
export const NONE = 255;

export const FLAG_UPGRADE = 1;
export const FLAG_PATH_CUT = 2;

/** The strings of a record, in the order they are stored, and the most bytes each keeps. */
export const Str = {
  method: 0,
  requestId: 1,
  traceId: 2,
  serviceId: 3,
  client: 4,
  instanceHost: 5,
  sni: 6,
  host: 7,
  userAgent: 8,
  /** Last: takes the rest of the record. */
  path: 9,
} as const;
export const STRING_COUNT = 10;
export const STRING_CAPS: readonly number[] = [16, 64, 32, 48, 48, 64, 128, 128, 128, RECORD_BYTES];
export const STRINGS_AT = LENGTHS + 2 * STRING_COUNT;

/** TLS protocol versions by their code in a record (`socket.getProtocol()` names). */
export const TLS_VERSIONS: readonly string[] = ['', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/** Bytes of a ring of `records` slots (a power of two). */
export function ringBytes(records: number): number {
  return CONTROL_BYTES + records * RECORD_BYTES;
}

/** `records` rounded up to a power of two, at least 16. */
export function ringRecords(records: number): number {
  let n = 16;
  while (n < records) n *= 2;
  return n;
}
