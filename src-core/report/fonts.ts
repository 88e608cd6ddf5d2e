// The report's fonts: an embedded Unicode font (DejaVu Sans, subset to the glyphs drawn) when the
// caller passes its bytes, else the standard Helvetica. Both are deterministic: pdf-lib names a
// subset from its seeded generator and fontkit writes the same subset for the same glyphs.
import fontkit from '@pdf-lib/fontkit';
import { StandardFonts, type PDFDocument } from 'pdf-lib';
import type { ReportFonts } from './content';
import type { Fonts } from './draw';
import { charsetOf } from './text';

async function embedCustom(doc: PDFDocument, bytes: Uint8Array, which: string) {
  try {
    return await doc.embedFont(bytes, { subset: true });
  } catch (e) {
    throw new RangeError(`the report's ${which} font is not a readable TrueType/OpenType file (${(e as Error).message})`);
  }
}

/**
 * The regular and bold fonts of a report and what they can draw. With `given`, characters the
 * font has no glyph for (CJK in DejaVu Sans) are replaced as with Helvetica (text.ts), never
 * drawn as empty boxes. Throws a RangeError naming the font when its bytes are unreadable.
 */
export async function embedReportFonts(doc: PDFDocument, given: ReportFonts | undefined): Promise<Fonts> {
  if (!given) {
    const regular = await doc.embedFont(StandardFonts.Helvetica);
    const bold = await doc.embedFont(StandardFonts.HelveticaBold);
    return { regular, bold, can: charsetOf(regular.getCharacterSet()) };
  }
  doc.registerFontkit(fontkit);
  const regular = await embedCustom(doc, given.regular, 'regular');
  const bold = await embedCustom(doc, given.bold, 'bold');
  const inBoth = new Set(bold.getCharacterSet());
  return { regular, bold, can: charsetOf(regular.getCharacterSet().filter((cp) => inBoth.has(cp))) };
}
