// Which text encoding a file's bytes are in, before anything parses them. Scenario and element-set
// files arrive from many tools: a UTF-8 byte-order mark must not make a file unreadable, UTF-16
// (what some Windows editors save) must be read as such instead of giving messages full of NUL
// bytes, and a binary file must be named as one. The decoding itself is the platform's
// (TextDecoder in Node and browsers); the engine has no DOM or Node types.

export type TextEncodingGuess =
  | { ok: true; encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; bomBytes: number }
  | { ok: false; message: string };

/** Guess from a byte-order mark, else from where NUL bytes sit in the first 4 KiB. */
export function sniffTextEncoding(bytes: Uint8Array): TextEncodingGuess {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { ok: true, encoding: 'utf-8', bomBytes: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, encoding: 'utf-16le', bomBytes: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, encoding: 'utf-16be', bomBytes: 2 };
  const n = Math.min(bytes.length, 4096);
  let evenNul = 0, oddNul = 0, control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) {
      if (i % 2 === 0) evenNul++;
      else oddNul++;
    }
    else if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  const half = n / 2;
  if (oddNul > 0.4 * half && evenNul < 0.05 * half) return { ok: true, encoding: 'utf-16le', bomBytes: 0 };
  if (evenNul > 0.4 * half && oddNul < 0.05 * half) return { ok: true, encoding: 'utf-16be', bomBytes: 0 };
  if (evenNul + oddNul > 0 || control > 0.1 * n) {
    return { ok: false, message: 'this is not a text file (it holds NUL or other control bytes); scenario and element-set files are UTF-8 (or UTF-16) text' };
  }
  return { ok: true, encoding: 'utf-8', bomBytes: 0 };
}

/** Minimal TextDecoder shape (Node and browsers both have it). */
export interface TextDecoderLike {
  decode(input: Uint8Array): string;
}

const isCont = (b: number | undefined): boolean => b !== undefined && (b & 0xc0) === 0x80;

/** Index of the first byte that does not start a valid UTF-8 sequence (RFC 3629: no overlongs, no surrogates), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0): number {
  let i = from;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) { i++; continue; }
    const b1 = bytes[i + 1];
    let len = 0;
    if (b >= 0xc2 && b <= 0xdf) len = 2;
    else if (b >= 0xe0 && b <= 0xef && b1 !== undefined && !(b === 0xe0 && b1 < 0xa0) && !(b === 0xed && b1 > 0x9f)) len = 3;
    else if (b >= 0xf0 && b <= 0xf4 && b1 !== undefined && !(b === 0xf0 && b1 < 0x90) && !(b === 0xf4 && b1 > 0x8f)) len = 4;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (!isCont(bytes[i + k])) return i;
    i += len;
  }
  return -1;
}

/** Where a UTF-8 decode failed: "line 3 (byte 1,204 is 0xE9)", or '' when no bad byte is found. */
function utf8Where(bytes: Uint8Array, from: number): string {
  const at = firstInvalidUtf8(bytes, from);
  if (at < 0) return '';
  let line = 1;
  for (let i = from; i < at; i++) if (bytes[i] === 0x0a) line++;
  return ` at line ${line} (byte ${(at + 1).toLocaleString('en-US')} is 0x${bytes[at]!.toString(16).toUpperCase().padStart(2, '0')}, perhaps Latin-1 or Windows-1252)`;
}

/** Decode file bytes to text with the guessed encoding; invalid sequences are an error, not U+FFFD. */
export function decodeTextFile(bytes: Uint8Array, makeDecoder: (encoding: string) => TextDecoderLike): { ok: true; text: string } | { ok: false; message: string } {
  const g = sniffTextEncoding(bytes);
  if (!g.ok) return g;
  try {
    return { ok: true, text: makeDecoder(g.encoding).decode(bytes.subarray(g.bomBytes)) };
  } catch {
    const where = g.encoding === 'utf-8' ? utf8Where(bytes, g.bomBytes) : '';
    return { ok: false, message: `the file is not valid ${g.encoding.toUpperCase()} text${where}; save it as UTF-8` };
  }
}
