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

/** Decode file bytes to text with the guessed encoding; invalid sequences are an error, not U+FFFD. */
export function decodeTextFile(bytes: Uint8Array, makeDecoder: (encoding: string) => TextDecoderLike): { ok: true; text: string } | { ok: false; message: string } {
  const g = sniffTextEncoding(bytes);
  if (!g.ok) return g;
  try {
    return { ok: true, text: makeDecoder(g.encoding).decode(bytes.subarray(g.bomBytes)) };
  } catch {
    return { ok: false, message: `the file is not valid ${g.encoding.toUpperCase()} text; save it as UTF-8` };
  }
}
