// PEM text held in a third less memory: a PEM block's DER bytes one per character (a latin1 string, one
// byte per char in V8, no Buffer object), rebuilt into the same PEM text when a serving thread asks for
// it. Packing is exact or not done: text that does not rebuild byte for byte (other line lengths, headers,
// several blocks, not PEM at all) is kept verbatim, so `unpackPem(packPem(text)) === text` always.

/** A packed PEM block: 0x01, the label, 0x00, the DER bytes. */
const PACKED = 1;
/** Text kept as it was: 0x00, then the text. */
const VERBATIM = 0;
const LINE = 64;
const BEGIN = '-----BEGIN ';
const DASHES = '-----\n';

/** A PEM block as its DER bytes (one char each); other text as it is. */
export function packPem(text: string): string {
  const labelEnd = text.startsWith(BEGIN) ? text.indexOf(DASHES, BEGIN.length) : -1;
  const end = labelEnd < 0 ? -1 : text.indexOf('-----END ', labelEnd);
  if (end > 0) {
    const label = text.slice(BEGIN.length, labelEnd);
    const body = labelEnd + DASHES.length;
    // Base64 decoding skips the line breaks; a mismatch of any kind shows in the check below.
    const bytes = Buffer.allocUnsafe(2 + label.length + end - body);
    bytes[0] = PACKED;
    bytes.write(label, 1, 'latin1');
    bytes[1 + label.length] = 0;
    const der = bytes.write(text.slice(body, end), 2 + label.length, 'base64');
    const packed = bytes.toString('latin1', 0, 2 + label.length + der);
    if (unpackPem(packed) === text) return packed;
  }
  return String.fromCharCode(VERBATIM) + text;
}

/** The text `packPem` was given. */
export function unpackPem(packed: string): string {
  if (packed.charCodeAt(0) !== PACKED) return packed.slice(1);
  const end = packed.indexOf('\0', 1);
  const label = packed.slice(1, end);
  const base64 = Buffer.from(packed.slice(end + 1), 'latin1').toString('base64');
  let lines = '';
  for (let i = 0; i < base64.length; i += LINE) lines += `${base64.slice(i, i + LINE)}\n`;
  return `-----BEGIN ${label}-----\n${lines}-----END ${label}-----\n`;
}

/**
 * A chain split where its first certificate ends: the leaf's PEM (with the newline after it) and the
 * rest (the issuers), which many certificates share.
 */
export function splitChain(chainPem: string): { leaf: string; issuers: string } {
  const marker = '-----END CERTIFICATE-----';
  const at = chainPem.indexOf(marker);
  if (at < 0) return { leaf: chainPem, issuers: '' };
  let cut = at + marker.length;
  if (chainPem.charCodeAt(cut) === 10) cut++;
  return { leaf: chainPem.slice(0, cut), issuers: chainPem.slice(cut) };
}
