/**
 * HPACK's Huffman code (RFC 7541 §5.2, Appendix B). The code is canonical, so the table is its
 * 257 code lengths (symbols 0–255 and EOS), one base-36 digit each; the codes follow from them.
 *
 * Decoding walks a 4-bit-at-a-time state machine built once at load: a state is a node of the code
 * tree, and for each state and nibble the table says the next state and the symbol completed on the
 * way, if any (the shortest code is 5 bits, so at most one per nibble). No allocation per string:
 * symbols go into a caller's scratch buffer.
 */
const LENGTHS =
  'DNSSSSSSSOUSSUSSSSSSSSUSSSSSSSSS6AACD68BAA8B8666555666666678F6CAD67777777777777777777777878DJDE6F56565666577666567655677777FBEDSKMKKMMMNMNNNNNONOOMNONNNNLMNMNNOMLKMMNNLNMMOLMNNLLMLNMNNKMMMNMMNQQKJMNMPQQQRRQOPJLQRRQROLLQQSRRRKOKLMLLNMMPPOOQNQRQQRRRRRSRRRRRQU';
const EOS = 256;

/** Code of each symbol (right-aligned) and its length in bits. */
export const HUFFMAN_CODES = new Uint32Array(257);
export const HUFFMAN_LENGTHS = new Uint8Array(257);

for (let s = 0; s < 257; s++) HUFFMAN_LENGTHS[s] = Number.parseInt(LENGTHS.charAt(s), 36);
{
  const order = Array.from({ length: 257 }, (_, s) => s).sort(
    (a, b) => (HUFFMAN_LENGTHS[a] as number) - (HUFFMAN_LENGTHS[b] as number) || a - b,
  );
  let code = 0;
  let previous = HUFFMAN_LENGTHS[order[0] as number] as number;
  for (let i = 0; i < order.length; i++) {
    const s = order[i] as number;
    const length = HUFFMAN_LENGTHS[s] as number;
    if (i > 0) code = (code + 1) * 2 ** (length - previous);
    previous = length;
    HUFFMAN_CODES[s] = code;
  }
}

// The code tree: node 0 is the root; children[2n + bit] is a node index, or ~symbol for a leaf.
const children: number[] = [0, 0];
let nodes = 1;
for (let s = 0; s < 257; s++) {
  const length = HUFFMAN_LENGTHS[s] as number;
  const code = HUFFMAN_CODES[s] as number;
  let node = 0;
  for (let b = length - 1; b >= 0; b--) {
    const bit = Math.floor(code / 2 ** b) & 1;
    const slot = 2 * node + bit;
    if (b === 0) {
      children[slot] = ~s;
    } else {
      if (children[slot] === 0 || children[slot] === undefined) {
        children[slot] = nodes;
        children.push(0, 0);
        nodes++;
      }
      node = children[slot] as number;
    }
  }
}

// Per node: its depth and whether the path to it is all ones (valid padding: ≤ 7 bits of ones).
const depth = new Uint8Array(nodes);
const allOnes = new Uint8Array(nodes);
allOnes[0] = 1;
for (let n = 0; n < nodes; n++) {
  for (let bit = 0; bit < 2; bit++) {
    const child = children[2 * n + bit] as number;
    if (child > 0) {
      depth[child] = (depth[n] as number) + 1;
      allOnes[child] = allOnes[n] === 1 && bit === 1 ? 1 : 0;
    }
  }
}

const FLAG_EMIT = 0x100;
const FLAG_FAIL = 0x200;
/** [state * 16 + nibble] → next state << 10 | flags | symbol. */
const TRANSITIONS = new Uint32Array(nodes * 16);
/** The input may end in this state: the root, or ≤ 7 bits of ones into a code (the padding). */
const ACCEPTING = new Uint8Array(nodes);
for (let n = 0; n < nodes; n++) {
  ACCEPTING[n] = n === 0 || (allOnes[n] === 1 && (depth[n] as number) <= 7) ? 1 : 0;
  for (let nibble = 0; nibble < 16; nibble++) {
    let node = n;
    let entry = 0;
    for (let b = 3; b >= 0; b--) {
      const child = children[2 * node + ((nibble >> b) & 1)] as number;
      if (child < 0) {
        const symbol = ~child;
        if (symbol === EOS) {
          entry = FLAG_FAIL; // EOS inside a string is an error (RFC 7541 §5.2)
          node = 0;
          break;
        }
        entry = FLAG_EMIT | symbol;
        node = 0;
      } else {
        node = child;
      }
    }
    TRANSITIONS[n * 16 + nibble] = (node << 10) | entry;
  }
}

/**
 * Decodes `src[start, end)` into `out` from offset 0; returns the decoded length, -1 for an
 * invalid string (EOS, padding longer than 7 bits or not all ones), -2 for one longer than `out`.
 */
export function huffmanDecode(src: Uint8Array, start: number, end: number, out: Uint8Array): number {
  let state = 0;
  let n = 0;
  const limit = out.length;
  for (let i = start; i < end; i++) {
    const byte = src[i] as number;
    let t = TRANSITIONS[state * 16 + (byte >> 4)] as number;
    if ((t & FLAG_FAIL) !== 0) return -1;
    if ((t & FLAG_EMIT) !== 0) {
      if (n === limit) return -2;
      out[n++] = t & 0xff;
    }
    state = t >>> 10;
    t = TRANSITIONS[state * 16 + (byte & 0x0f)] as number;
    if ((t & FLAG_FAIL) !== 0) return -1;
    if ((t & FLAG_EMIT) !== 0) {
      if (n === limit) return -2;
      out[n++] = t & 0xff;
    }
    state = t >>> 10;
  }
  return ACCEPTING[state] === 1 ? n : -1;
}

/** Length in bytes of `text` (latin1) Huffman-encoded. */
export function huffmanEncodedLength(text: string): number {
  let bits = 0;
  for (let i = 0; i < text.length; i++) bits += HUFFMAN_LENGTHS[text.charCodeAt(i) & 0xff] as number;
  return (bits + 7) >> 3;
}

/** Writes `text` (latin1) Huffman-encoded at `out[at]`, padded with ones; returns the end offset. */
export function huffmanEncode(text: string, out: Uint8Array, at: number): number {
  let acc = 0; // pending bits, right-aligned (at most 7 + 30 < 53: exact in a double)
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const s = text.charCodeAt(i) & 0xff;
    const length = HUFFMAN_LENGTHS[s] as number;
    acc = acc * 2 ** length + (HUFFMAN_CODES[s] as number);
    bits += length;
    while (bits >= 8) {
      bits -= 8;
      const shift = 2 ** bits;
      const byte = Math.floor(acc / shift);
      out[at++] = byte;
      acc -= byte * shift;
    }
  }
  if (bits > 0) out[at++] = (acc << (8 - bits)) | (0xff >> bits);
  return at;
}
