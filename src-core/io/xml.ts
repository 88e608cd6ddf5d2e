// A small linear XML tokenizer shared by the OMM XML and KML readers (no DOM in the engine). One
// pass over the text: tags, attributes, text, CDATA, comments and processing instructions, with
// nesting checked as it goes and the line counted lazily, so a 100,000-record file or one that
// never closes an element costs time in proportion to its size. DOCTYPE and ENTITY declarations
// are refused: entity expansion can make a small file huge or read other files.

/** What the tokenizer reports to its reader; offsets are into the scanned text. */
export interface XmlHandler {
  /** A start tag; a self-closing one (<a/>) gets no close call. */
  open(name: string, attrs: string, selfClosing: boolean, at: number): void;
  close(name: string, at: number): void;
  /**
   * Character data src[start, end) between tags (entities not yet replaced), or a CDATA section's
   * content. Offsets rather than a string: most text is whitespace between tags that no reader keeps.
   */
  text(start: number, end: number, cdata: boolean): void;
}

/** A well-formedness error: the line and a sentence saying what to fix. */
export interface XmlError {
  /** null when the text ends with elements still open. */
  line: number | null;
  message: string;
}

/** Lines of offsets asked in increasing order: counts each newline once over the whole text. */
export class LineCounter {
  private line = 1;
  private counted = 0;
  constructor(private readonly src: string) {}
  lineAt(at: number): number {
    for (; this.counted < at; this.counted++) if (this.src.charCodeAt(this.counted) === 10) this.line++;
    return this.line;
  }
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Replace XML's predefined and numeric character references; `unknown` names the first bad one. */
export function unescapeXml(s: string): { text: string } | { unknown: string } {
  if (!s.includes('&')) return { text: s };
  let bad: string | null = null;
  const text = s.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[A-Za-z]\w{0,30});?/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ((bad ??= whole), '');
    }
    const e = ENTITIES[ref];
    if (e === undefined || !whole.endsWith(';')) bad ??= whole;
    return e ?? '';
  });
  return bad === null ? { text } : { unknown: bad };
}

/** Escape text for an XML element or a double-quoted attribute. */
export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&${({ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' } as Record<string, string>)[c]!};`);
}

/** Attributes of a start tag's attribute text, names as written, values unescaped. */
export function parseAttributes(attrs: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of attrs.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const v = unescapeXml(m[2] ?? m[3] ?? '');
    out[m[1]!] = 'text' in v ? v.text : '';
  }
  return out;
}

/** The name without its namespace prefix ("ndm:omm" -> "omm"). */
export const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

const isNameChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95 || c === 45 || c === 46;
const badNameStart = (c: number): boolean => (c >= 48 && c <= 58) || c === 45 || c === 46;

/** Index of the '>' closing the tag whose name ends at k (quotes respected), -1 when never closed. */
function tagEnd(src: string, k: number): number {
  let quote = 0;
  for (; k < src.length; k++) {
    const c = src.charCodeAt(k);
    if (quote) { if (c === quote) quote = 0; } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return k;
    else if (c === 60) return -1;
  }
  return -1;
}

/** Skip a construct closed by `close`, or report it unclosed. */
function skipTo(src: string, pos: number, close: string, what: string): number | string {
  const end = src.indexOf(close, pos);
  return end < 0 ? `${what} is never closed with ${close}` : end + close.length;
}

/**
 * Scan `src` (BOM already removed or not), calling `h` for each token. Returns null when the text
 * is well-formed, else the first error with its line; `h` may stop the scan early by throwing.
 */
export function scanXml(src: string, h: XmlHandler, lines = new LineCounter(src)): XmlError | null {
  const n = src.length;
  const stack: string[] = [];
  let pos = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  const err = (at: number, message: string): XmlError => {
    const line = lines.lineAt(at);
    return { line, message: `line ${line}: ${message}` };
  };
  while (pos < n) {
    const lt = src.indexOf('<', pos);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > pos) {
      if (stack.length > 0) h.text(pos, textEnd, false);
      else if (src.slice(pos, textEnd).trim() !== '') return err(pos, `text outside any element: "${src.slice(pos, Math.min(textEnd, pos + 30)).trim()}"`);
    }
    if (lt < 0) break;
    pos = lt;
    if (src.startsWith('<!--', pos) || src.startsWith('<?', pos)) {
      const comment = src[pos + 1] === '!';
      const next = skipTo(src, pos + 2, comment ? '-->' : '?>', comment ? 'a comment (<!--)' : 'a processing instruction (<?)');
      if (typeof next === 'string') return err(pos, next);
      pos = next;
      continue;
    }
    if (src.startsWith('<![CDATA[', pos)) {
      const end = src.indexOf(']]>', pos + 9);
      if (end < 0) return err(pos, 'a CDATA section is never closed with ]]>');
      if (stack.length > 0) h.text(pos + 9, end, true);
      pos = end + 3;
      continue;
    }
    if (src.startsWith('<!', pos)) {
      const what = /^<!(\w*)/.exec(src.slice(pos, pos + 20))?.[1] ?? '';
      return err(pos, `<!${what}> declarations are not allowed (DOCTYPE and ENTITY declarations can make a small file expand without limit or read other files); remove the <!${what} …> block`);
    }
    const closing = src.charCodeAt(pos + 1) === 47;
    let k = pos + (closing ? 2 : 1);
    const nameStart = k;
    while (k < n && isNameChar(src.charCodeAt(k))) k++;
    const name = src.slice(nameStart, k);
    if (name === '' || badNameStart(name.charCodeAt(0))) return err(pos, `"${src.slice(pos, pos + 20)}" is not a tag`);
    const end = tagEnd(src, k);
    if (end < 0) return err(pos, `a tag is never closed with ">": "${src.slice(pos, pos + 30)}"`);
    const tagAt = pos;
    pos = end + 1;
    if (closing) {
      const open = stack.pop();
      if (open !== name) return err(tagAt, open === undefined ? `</${name}> closes nothing` : `</${name}> closes <${open}>; the elements are not nested properly`);
      h.close(name, tagAt);
      continue;
    }
    const selfClosing = src.charCodeAt(end - 1) === 47;
    if (!selfClosing) stack.push(name);
    h.open(name, src.slice(k, selfClosing ? end - 1 : end), selfClosing, tagAt);
  }
  if (stack.length > 0) return { line: null, message: `<${stack[stack.length - 1]}> is never closed (the file may be cut short)` };
  return null;
}
