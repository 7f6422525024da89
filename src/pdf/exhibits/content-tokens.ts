/**
 * The tokens of a PDF content stream (ISO 32000-1 § 7.2, § 8.9.7): numbers,
 * names, strings (literal and hex, as bytes), arrays and operators; a
 * dictionary's contents are passed over, and an inline image's data is
 * skipped to its EI, so binary bytes are never read as operators.
 */
export type Token =
  | { kind: 'number'; value: number }
  | { kind: 'name'; value: string }
  | { kind: 'string'; bytes: Uint8Array }
  | { kind: 'array'; items: Token[] }
  | { kind: 'operator'; name: string };

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

export function* tokens(bytes: Uint8Array): Generator<Token> {
  const stack: Token[][] = [];
  let i = 0;
  const emit = function* (token: Token): Generator<Token> {
    if (stack.length > 0) stack[stack.length - 1]!.push(token);
    else yield token;
  };
  while (i < bytes.length) {
    const c = bytes[i]!;
    if (WHITE.has(c)) {
      i++;
    } else if (c === 0x25 /* % */) {
      while (i < bytes.length && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
    } else if (c === 0x28 /* ( */) {
      const [string, end] = literal(bytes, i + 1);
      i = end;
      yield* emit({ kind: 'string', bytes: string });
    } else if (c === 0x3c /* < */ && bytes[i + 1] === 0x3c) {
      i = skipDictionary(bytes, i + 2);
    } else if (c === 0x3c) {
      const end = bytes.indexOf(0x3e, i + 1);
      const stop = end < 0 ? bytes.length : end;
      yield* emit({ kind: 'string', bytes: hex(bytes.subarray(i + 1, stop)) });
      i = stop + 1;
    } else if (c === 0x5b /* [ */) {
      stack.push([]);
      i++;
    } else if (c === 0x5d /* ] */) {
      const items = stack.pop() ?? [];
      i++;
      yield* emit({ kind: 'array', items });
    } else if (c === 0x2f /* / */) {
      let end = i + 1;
      while (end < bytes.length && !WHITE.has(bytes[end]!) && !DELIMITERS.has(bytes[end]!)) end++;
      yield* emit({ kind: 'name', value: decodeName(bytes.subarray(i + 1, end)) });
      i = end;
    } else {
      let end = i + 1;
      while (end < bytes.length && !WHITE.has(bytes[end]!) && !DELIMITERS.has(bytes[end]!)) end++;
      const word = String.fromCharCode(...bytes.subarray(i, end));
      i = end;
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) yield* emit({ kind: 'number', value: Number(word) });
      else if (DELIMITERS.has(c)) i = Math.max(i, end); // a stray delimiter: passed over
      else {
        if (word === 'ID') i = skipInlineImage(bytes, i);
        stack.length = 0;
        yield { kind: 'operator', name: word };
      }
    }
  }
}

function literal(bytes: Uint8Array, start: number): [Uint8Array, number] {
  const out: number[] = [];
  let depth = 1;
  let i = start;
  while (i < bytes.length) {
    const c = bytes[i]!;
    if (c === 0x5c /* \ */) {
      const next = bytes[i + 1];
      if (next === undefined) break;
      const escapes: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };
      if (escapes[next] !== undefined) {
        out.push(escapes[next]!);
        i += 2;
      } else if (next >= 0x30 && next <= 0x37) {
        let end = i + 1;
        while (end < i + 4 && bytes[end]! >= 0x30 && bytes[end]! <= 0x37) end++;
        out.push(parseInt(String.fromCharCode(...bytes.subarray(i + 1, end)), 8) & 0xff);
        i = end;
      } else if (next === 0x0d || next === 0x0a) {
        i += next === 0x0d && bytes[i + 2] === 0x0a ? 3 : 2;
      } else {
        out.push(next);
        i += 2;
      }
      continue;
    }
    if (c === 0x28) depth++;
    if (c === 0x29 && --depth === 0) return [Uint8Array.from(out), i + 1];
    out.push(c);
    i++;
  }
  return [Uint8Array.from(out), i];
}

function hex(digits: Uint8Array): Uint8Array {
  const text = String.fromCharCode(...digits).replace(/[^0-9a-fA-F]/g, '');
  const padded = text.length % 2 === 1 ? `${text}0` : text;
  const out = new Uint8Array(padded.length / 2);
  for (let k = 0; k < out.length; k++) out[k] = parseInt(padded.slice(2 * k, 2 * k + 2), 16);
  return out;
}

function decodeName(raw: Uint8Array): string {
  return String.fromCharCode(...raw).replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Past the matching >> of a dictionary (an operand of BDC, DP, or an inline image's). */
function skipDictionary(bytes: Uint8Array, start: number): number {
  let depth = 1;
  let i = start;
  while (i < bytes.length && depth > 0) {
    if (bytes[i] === 0x28) {
      i = literal(bytes, i + 1)[1];
      continue;
    }
    if (bytes[i] === 0x3c && bytes[i + 1] === 0x3c) {
      depth++;
      i += 2;
    } else if (bytes[i] === 0x3e && bytes[i + 1] === 0x3e) {
      depth--;
      i += 2;
    } else i++;
  }
  return i;
}

/** Past an inline image's data: the first EI with white space on both sides. */
function skipInlineImage(bytes: Uint8Array, start: number): number {
  for (let i = start + 1; i + 1 < bytes.length; i++) {
    if (bytes[i] === 0x45 && bytes[i + 1] === 0x49 && WHITE.has(bytes[i - 1]!) && (i + 2 >= bytes.length || WHITE.has(bytes[i + 2]!))) return i + 2;
  }
  return bytes.length;
}
