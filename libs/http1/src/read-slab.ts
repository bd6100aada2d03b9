/**
 * Where upstream sockets read into (`net.connect`'s `onread`): one buffer per thread, each read
 * copied at once into a shared slab.
 *
 * Without it Node gives every read an ArrayBuffer of its own, and V8 frees each one while the
 * thread waits in a scavenge: at a paced 11,000 req/s that sweep was 0.9–1.9 ms of each
 * 1.3–2.4 ms scavenge, and it is what a request arriving meanwhile waits for. Chunks cut from a
 * 16 KiB slab make one ArrayBuffer per 16 KiB read. A chunk kept for long (a client that reads
 * slowly) keeps its slab alive: at most one slab per chunk held, the same order as the 16 KiB a
 * socket's write buffer holds before the upstream is paused. Reads over half a slab get a buffer
 * of their own, as before.
 */
const SLAB_BYTES = 16 * 1024;

/** The buffer every upstream socket of this thread reads into; its bytes are copied out at once. */
export const UPSTREAM_READ_BUFFER = Buffer.allocUnsafeSlow(64 * 1024);

let slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
let slabUsed = 0;

/** The first `length` bytes of `from`, copied into a slab (or a buffer of their own when large). */
export function copyOut(from: Buffer, length: number): Buffer {
  if (length > SLAB_BYTES / 2) return Buffer.from(from.subarray(0, length));
  if (slabUsed + length > SLAB_BYTES) {
    slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
    slabUsed = 0;
  }
  const out = slab.subarray(slabUsed, slabUsed + length);
  from.copy(out, 0, 0, length);
  slabUsed += length;
  return out;
}
