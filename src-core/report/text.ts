// User text (scenario, gateway names, notes) made drawable with a standard PDF font. Helvetica
// encodes WinAnsi only: anything else (emoji, Arabic, Hebrew, CJK) would make pdf-lib throw.
// Control and bidi-override characters are dropped (they would draw nothing, or reorder text),
// letters with an accent the font lacks fall back to their base letter ("ő" -> "o"), and
// whatever is left becomes "?", so a name never crashes the report and its length stays visible.

/** C0/C1 controls, zero-width and bidi marks, bidi embeddings/overrides/isolates, the BOM. */
const INVISIBLE: readonly [number, number][] = [[0x00, 0x1f], [0x7f, 0x9f], [0x200b, 0x200f], [0x202a, 0x202e], [0x2060, 0x2069], [0xfeff, 0xfeff]];
const invisible = (cp: number): boolean => INVISIBLE.some(([lo, hi]) => cp >= lo && cp <= hi);
const REPLACEMENT = '?';

export type Encodable = (codePoint: number) => boolean;

/** An `Encodable` from a font's character set (pdf-lib `PDFFont.getCharacterSet()`). */
export function charsetOf(codePoints: readonly number[]): Encodable {
  const set = new Set(codePoints);
  return (cp) => set.has(cp);
}

function fallback(ch: string, can: Encodable): string {
  const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
  if (base !== '' && [...base].every((c) => can(c.codePointAt(0)!))) return base;
  return REPLACEMENT;
}

/** One line of drawable text: newlines and tabs become spaces. */
export function pdfSafe(text: string, can: Encodable): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (ch === '\n' || ch === '\r' || ch === '\t') out += ' ';
    else if (invisible(ch.codePointAt(0)!)) continue;
    else out += can(ch.codePointAt(0)!) ? ch : fallback(ch, can);
  }
  return out;
}
