// Test helper: the text a pdf-lib page shows, read back from its content streams (Flate-decoded
// by pdf-lib's own decoder). pdf-lib writes standard-font text as hex strings (`<48656C6C6F> Tj`)
// in WinAnsi: Latin-1 except 0x80..0x9F, which hold typographic marks (WINANSI_80 below).
import { decodePDFRawStream, PDFArray, PDFDocument, PDFName, PDFRawStream, type PDFPage } from 'pdf-lib';

function streamsOf(page: PDFPage): PDFRawStream[] {
  const contents = page.node.get(PDFName.of('Contents'));
  const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  return refs.map((r) => page.doc.context.lookup(r)).filter((s): s is PDFRawStream => s instanceof PDFRawStream);
}

// WinAnsiEncoding 0x80..0x9F (PDF 32000-1, annex D); '' where the code is unused.
const WINANSI_80 = ['€', '', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '', 'Ž', '', '', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '', 'ž', 'Ÿ'];

function winAnsi(hex: string): string {
  return [...Buffer.from(hex, 'hex')].map((b) => (b >= 0x80 && b <= 0x9f ? WINANSI_80[b - 0x80]! : String.fromCharCode(b))).join('');
}

/** Every string the page draws, in drawing order. */
export function pageStrings(page: PDFPage): string[] {
  const out: string[] = [];
  for (const s of streamsOf(page)) {
    const ops = new TextDecoder('latin1').decode(decodePDFRawStream(s).decode());
    for (const m of ops.matchAll(/<([0-9A-Fa-f]*)> Tj/g)) out.push(winAnsi(m[1]!));
  }
  return out;
}

export async function pdfStrings(bytes: Uint8Array): Promise<{ doc: PDFDocument; pages: string[][] }> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  return { doc, pages: doc.getPages().map(pageStrings) };
}
