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
