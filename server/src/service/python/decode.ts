/**
 * Reading a file's bytes as Python's `open(path)` does in a UTF-8 locale (oslo_config/cfg.py
 * ConfigParser.parse: `open(self.filename)` then `readlines()`): the first byte sequence that is not
 * valid UTF-8 raises UnicodeDecodeError and the file is not read at all.
 */

export interface Decoded {
  /** The text, with U+FFFD where bytes were not valid UTF-8 (so positions can still be shown). */
  text: string;
  /** The first undecodable byte: its offset in `text` (UTF-16 units) and its value. */
  invalid?: { offset: number; byte: number };
}

/** Index of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    // Continuation bytes that follow a lead byte 0xC2-0xDF, 0xE0-0xEF, 0xF0-0xF4 (anything else cannot start a sequence).
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (need === 0) return i;
    const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are errors for Python too.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}

const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeUtf8(bytes: Uint8Array): Decoded {
  // The native strict decoder refuses exactly what Python's strict UTF-8 codec refuses (overlong forms,
  // surrogates, past U+10FFFF); the byte-by-byte scan runs only to locate the first bad byte.
  try {
    return { text: strict.decode(bytes) };
  } catch {
    // fall through: find the first bad byte
  }
  const bad = firstInvalidUtf8(bytes);
  const text = lenient.decode(bytes);
  if (bad < 0) return { text };
  return { text, invalid: { offset: lenient.decode(bytes.subarray(0, bad)).length, byte: bytes[bad] } };
}
