// Test helper: the text a pdf-lib page shows, read back from its content streams (Flate-decoded
// by pdf-lib's own decoder). pdf-lib writes text as hex strings (`<48656C6C6F> Tj`) after a
// `/F-n size Tf` that selects the font. A standard font (Helvetica) is in WinAnsi: Latin-1 except
// 0x80..0x9F, which hold typographic marks (WINANSI_80 below). An embedded font (DejaVu Sans,
// Type0 / Identity-H) writes 2-byte glyph ids, decoded through the font's ToUnicode CMap.
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFPage, type PDFRef } from 'pdf-lib';

function streamsOf(page: PDFPage): PDFRawStream[] {
  const contents = page.node.get(PDFName.of('Contents'));
  const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  return refs.map((r) => page.doc.context.lookup(r)).filter((s): s is PDFRawStream => s instanceof PDFRawStream);
}

// WinAnsiEncoding 0x80..0x9F (PDF 32000-1, annex D); '' where the code is unused.
const WINANSI_80 = ['€', '', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '', 'Ž', '', '', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '', 'ž', 'Ÿ'];

type Decode = (hex: string) => string;

const winAnsi: Decode = (hex) => [...Buffer.from(hex, 'hex')].map((b) => (b >= 0x80 && b <= 0x9f ? WINANSI_80[b - 0x80]! : String.fromCharCode(b))).join('');

/** A decoder from a ToUnicode CMap's bfchar entries (pdf-lib writes only those): glyph id -> UTF-16. */
function cmapDecoder(cmap: string): Decode {
  const map = new Map<string, string>();
  for (const m of cmap.matchAll(/<([0-9a-fA-F]{4})> <([0-9a-fA-F]+)>/g)) {
    const units = m[2]!.match(/.{4}/g)!.map((u) => parseInt(u, 16));
    map.set(m[1]!.toLowerCase(), String.fromCharCode(...units));
  }
  return (hex) => (hex.match(/.{4}/g) ?? []).map((id) => map.get(id.toLowerCase()) ?? '\uFFFD').join('');
}

/** Resource name (e.g. "F-0") -> the decoder of that font on this page. */
function fontDecoders(page: PDFPage): Map<string, Decode> {
  const out = new Map<string, Decode>();
  const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
  for (const [name, ref] of fonts?.entries() ?? []) {
    const dict = page.doc.context.lookup(ref as PDFRef, PDFDict);
    const toUnicode = dict.get(PDFName.of('ToUnicode'));
    const stream = toUnicode ? page.doc.context.lookup(toUnicode) : undefined;
    out.set(name.decodeText(), stream instanceof PDFRawStream ? cmapDecoder(new TextDecoder('latin1').decode(decodePDFRawStream(stream).decode())) : winAnsi);
  }
  return out;
}

/** Every string the page draws, in drawing order. */
export function pageStrings(page: PDFPage): string[] {
  const out: string[] = [];
  const decoders = fontDecoders(page);
  let decode: Decode = winAnsi;
  for (const s of streamsOf(page)) {
    const ops = new TextDecoder('latin1').decode(decodePDFRawStream(s).decode());
    for (const m of ops.matchAll(/\/(\S+) [\d.]+ Tf|<([0-9A-Fa-f]*)> Tj/g)) {
      if (m[1] !== undefined) decode = decoders.get(m[1]) ?? winAnsi;
      else out.push(decode(m[2]!));
    }
  }
  return out;
}

export async function pdfStrings(bytes: Uint8Array): Promise<{ doc: PDFDocument; pages: string[][] }> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  return { doc, pages: doc.getPages().map(pageStrings) };
}

/** Names of the fonts a PDF embeds (FontFile2 present), e.g. ["ABCDEF+DejaVuSans"]. */
export function embeddedFontNames(doc: PDFDocument): string[] {
  const names: string[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFDict && obj.get(PDFName.of('Type'))?.toString() === '/FontDescriptor' && obj.get(PDFName.of('FontFile2'))) names.push(obj.get(PDFName.of('FontName'))!.toString().slice(1));
  }
  return names.sort();
}
