/**
 * JSON.parse keeps the last of two equal property names without a word; in a
 * snapshot record that silently picks one of two values. This scan finds
 * repeated property names in the records (the objects directly inside the
 * top-level array) of text JSON.parse has already accepted.
 */

export interface DuplicateProperty {
  /** 0-based index of the record in the array. */
  record: number;
  property: string;
  /** Character offsets of the first and the repeated name. */
  firstOffset: number;
  offset: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The repeated property names of the records, in file order. Text must be valid JSON. */
export function duplicateProperties(text: string): DuplicateProperty[] {
  const found: DuplicateProperty[] = [];
  // One entry per open container: the keys seen, for objects; null for arrays.
  const stack: Array<Map<string, number> | null> = [];
  let record = -1;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === BACKSLASH) {
          escaped = true;
          i++;
        } else if (c === QUOTE) break;
      }
      const top = stack[stack.length - 1];
      if (expectKey && top && stack.length === 2) {
        const raw = text.slice(start, i + 1);
        const name = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        const first = top.get(name);
        if (first === undefined) top.set(name, start);
        else found.push({ record, property: name, firstOffset: first, offset: start });
      }
      expectKey = false;
      continue;
    }
    switch (text[i]) {
      case '{':
        stack.push(new Map());
        if (stack.length === 2) record++;
        expectKey = true;
        break;
      case '[':
        stack.push(null);
        if (stack.length === 2) record++;
        expectKey = false;
        break;
      case '}':
      case ']':
        stack.pop();
        expectKey = false;
        break;
      case ',':
        expectKey = stack[stack.length - 1] !== null && stack.length > 0;
        break;
      default:
        break;
    }
  }
  return found;
}
