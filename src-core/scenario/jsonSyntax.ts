// Where JSON text first goes wrong, and why, in words a person can act on. JSON.parse's messages
// name no position for some mistakes (V8: `Unexpected token 'N', ..."a": NaN}" is not valid JSON`)
// and none of them say what to write instead. This scanner walks the grammar once, iteratively
// (no recursion, so a file nested 100,000 deep cannot overflow the stack), linear in the text.

export interface JsonSyntaxError {
  /** 0-based offset, 1-based line and column. */
  offset: number;
  line: number;
  column: number;
  message: string;
}

const WORDS: Record<string, string> = {
  NaN: 'NaN is not JSON: write null, or a number',
  Infinity: 'Infinity is not JSON: write a large number such as 1e308, or null',
  '-Infinity': '-Infinity is not JSON: write a number such as -1e308, or null',
  True: 'True is Python, not JSON: write true',
  False: 'False is Python, not JSON: write false',
  None: 'None is Python, not JSON: write null',
  undefined: 'undefined is not JSON: write null or leave the key out',
};

/** The first syntax error in `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  const n = text.length;
  // Stack of containers: 'o' object, 'a' array. State says what may come next.
  const stack: string[] = [];
  type State = 'value' | 'key' | 'colon' | 'after' | 'first-key' | 'first-value';
  let state = 'value' as State;
  let opened = false;
  const fail = (at: number, message: string): JsonSyntaxError => {
    let line = 1, lineStart = 0;
    for (let k = 0; k < at && k < n; k++) if (text.charCodeAt(k) === 10) { line++; lineStart = k + 1; }
    return { offset: at, line, column: at - lineStart + 1, message };
  };
  const ws = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const scanString = (): JsonSyntaxError | null => {
    const start = i;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) { i++; return null; }
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail(i, 'a \\u escape needs 4 hex digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return fail(i, `\\${e ?? ''} is not a JSON escape (use \\\\ for a backslash)`);
        continue;
      }
      if (c < 32) return fail(i, c === 10 ? 'a string runs past the end of its line: close it with " (or write \\n for a line break)' : 'a control character inside a string must be escaped');
      i++;
    }
    return fail(start, 'a string is never closed: add the closing "');
  };
  const scanValue = (): JsonSyntaxError | null => {
    const c = text[i];
    if (c === '"') return scanString();
    if (c === '{') { stack.push('o'); i++; opened = true; state = 'first-key'; return null; }
    if (c === '[') { stack.push('a'); i++; opened = true; state = 'first-value'; return null; }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m && m[0] !== '' && m[0] !== '-') {
      const next = text[i + m[0].length];
      if (next !== undefined && /[\w.]/.test(next)) return fail(i, `"${text.slice(i, i + m[0].length + 1)}…" is not a JSON number`);
      i += m[0].length;
      return null;
    }
    for (const w of ['true', 'false', 'null']) if (text.startsWith(w, i)) { i += w.length; return null; }
    const word = /^-?[A-Za-z_][\w]*/.exec(text.slice(i, i + 40))?.[0];
    if (word && WORDS[word]) return fail(i, WORDS[word]!);
    if (c === "'") return fail(i, "JSON strings use double quotes (\"), not single quotes");
    if (c === undefined) return fail(i, 'the text ends where a value should be: the file may be cut short');
    return fail(i, `expected a value (string, number, object, array, true, false or null), found "${text.slice(i, i + 12)}"`);
  };
  ws();
  if (i >= n) return fail(0, 'the file is empty');
  for (;;) {
    ws();
    if (state === 'value' || state === 'first-value') {
      if (state === 'first-value' && text[i] === ']') { i++; stack.pop(); state = 'after'; continue; }
      opened = false;
      const err = scanValue();
      if (err) return err;
      if (!opened) state = 'after';
      continue;
    }
    if (state === 'key' || state === 'first-key') {
      if (state === 'first-key' && text[i] === '}') { i++; stack.pop(); state = 'after'; continue; }
      if (text[i] === '"') {
        const err = scanString();
        if (err) return err;
        state = 'colon';
        continue;
      }
      if (text[i] === "'") return fail(i, "JSON keys and strings use double quotes (\"), not single quotes");
      if (text[i] === '}') return fail(i, 'a comma before } is not allowed in JSON: remove the trailing comma');
      const bare = /^[A-Za-z_]\w*/.exec(text.slice(i, i + 64))?.[0];
      return fail(i, bare ? `keys must be in double quotes: write "${bare}"` : `expected a key in double quotes, found "${text.slice(i, i + 12)}"`);
    }
    if (state === 'colon') {
      if (text[i] !== ':') return fail(i, 'expected ":" after the key');
      i++;
      state = 'value';
      continue;
    }
    // after a value
    const top = stack[stack.length - 1];
    if (top === undefined) {
      if (i < n) return fail(i, `unexpected text after the end of the JSON value: "${text.slice(i, i + 12)}"`);
      return null;
    }
    const c = text[i];
    if (c === ',') {
      i++;
      ws();
      if (top === 'a' && text[i] === ']') return fail(i, 'a comma before ] is not allowed in JSON: remove the trailing comma');
      state = top === 'o' ? 'key' : 'value';
      continue;
    }
    if (top === 'o' && c === '}') { i++; stack.pop(); continue; }
    if (top === 'a' && c === ']') { i++; stack.pop(); continue; }
    if (c === undefined) return fail(i, `the text ends inside ${top === 'o' ? 'an object' : 'an array'}: a closing ${top === 'o' ? '}' : ']'} is missing (the file may be cut short)`);
    return fail(i, `expected "," or "${top === 'o' ? '}' : ']'}", found "${text.slice(i, i + 12)}"${c === '"' ? ' (a comma is missing before it)' : ''}`);
  }
}

export interface JsonDuplicateKey {
  key: string;
  /** Where the key stands, e.g. `gateways[3].latDeg` (the root object's keys stand alone). */
  path: string;
  /** The second occurrence (1-based line and column) and the first. */
  line: number;
  column: number;
  firstLine: number;
  firstColumn: number;
}

type DupFrame = { kind: 'o'; keys: Map<string, number>; cur: string; expectKey: boolean } | { kind: 'a'; index: number };

function lineColumnAt(text: string, offsets: readonly number[]): { line: number; column: number }[] {
  // One pass for every offset asked for (sorted ascending by the caller's order of appearance).
  const out: { line: number; column: number }[] = [];
  let line = 1, lineStart = 0, k = 0;
  for (const at of offsets) {
    for (; k < at; k++) if (text.charCodeAt(k) === 10) { line++; lineStart = k + 1; }
    out.push({ line, column: at - lineStart + 1 });
  }
  return out;
}

function framePath(stack: readonly DupFrame[], key: string): string {
  let out = '';
  for (const f of stack.slice(0, -1)) out += f.kind === 'a' ? `[${f.index}]` : out ? `.${f.cur}` : f.cur;
  return out ? `${out}.${key}` : key;
}

/**
 * The first object key that appears twice in the same object of VALID JSON text (JSON.parse keeps
 * the last one in silence; RFC 8259 leaves the meaning open), or null. One linear pass, no recursion.
 */
export function findDuplicateJsonKey(text: string): JsonDuplicateKey | null {
  const stack: DupFrame[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const start = i;
      let escaped = false;
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) { escaped = true; i++; continue; }
        if (d === 34) break;
      }
      const top = stack[stack.length - 1];
      if (top?.kind === 'o' && top.expectKey) {
        const key = escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : text.slice(start + 1, i);
        const first = top.keys.get(key);
        if (first !== undefined) {
          const [a, b] = lineColumnAt(text, [first, start]) as [{ line: number; column: number }, { line: number; column: number }];
          return { key, path: framePath(stack, key), line: b.line, column: b.column, firstLine: a.line, firstColumn: a.column };
        }
        top.keys.set(key, start);
        top.cur = key;
        top.expectKey = false;
      }
    } else if (c === 123 /* { */) stack.push({ kind: 'o', keys: new Map(), cur: '', expectKey: true });
    else if (c === 91 /* [ */) stack.push({ kind: 'a', index: 0 });
    else if (c === 125 || c === 93) stack.pop();
    else if (c === 44 /* , */) {
      const top = stack[stack.length - 1];
      if (top?.kind === 'o') top.expectKey = true;
      else if (top) top.index++;
    }
  }
  return null;
}

/** The message for a duplicate key, naming both places and the fix. */
export function duplicateKeyMessage(d: JsonDuplicateKey): string {
  return `key "${d.key}" appears twice in the same object (${d.path}): at line ${d.line}, column ${d.column}, and first at line ${d.firstLine}, column ${d.firstColumn}; JSON readers disagree on which one counts: keep one and delete the other`;
}
