/**
 * Reads JSON (an array of objects) and YAML (a sequence of mappings)
 * snapshots. Both use the yaml package's node offsets for line numbers:
 * YAML always, JSON only once there is a problem to place, since JSON.parse
 * is many times faster.
 */
import { isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { UserError } from '../errors.js';
import { duplicateProperties } from './json-duplicates.js';
import type { CappedProblemList } from './problems.js';
import { emptyFileError, type RawTable } from './tabular.js';
import type { SnapshotEncoding } from '../config/schema.js';
import { decodeSnapshotText, isBlankText, positionInText } from './text.js';

export interface DocumentOptions {
  encoding?: SnapshotEncoding | undefined;
  /** Property names leading from the document to the list of records (snapshots.root). */
  root?: readonly string[] | undefined;
}

type Entries = Array<[property: string, value: unknown]>;
type Locator = (itemIndex: number, property?: string) => { line?: number; column?: number };

export function readJson(bytes: Buffer, file: string, problems: CappedProblemList, options: DocumentOptions = {}): RawTable {
  const text = decodeSnapshotText(bytes, file, options.encoding);
  if (isBlankText(text)) throw emptyFileError(file);
  const root = options.root ?? [];
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw jsonSyntaxError(text, file, error);
  }
  const data = recordsAtRoot(document, root, file);
  if (!Array.isArray(data)) {
    throw new UserError({
      location: { file },
      message: `must be a list of records (a JSON array of objects)${root.length > 0 ? ` at ${root.join('.')} (snapshots.root)` : ''}: got ${shapeOf(data)}`,
      hint: rootHint(data, root),
    });
  }
  for (const duplicate of duplicateProperties(text)) {
    const first = positionInText(text, duplicate.firstOffset);
    problems.add({
      location: { file, ...positionInText(text, duplicate.offset) },
      message: `record ${duplicate.record + 1} has the property "${duplicate.property}" twice (first at line ${first.line}, column ${first.column}); which value counts is ambiguous`,
      hint: 'remove one of them',
    });
  }
  problems.throwIfAny();
  let locator: Locator | undefined;
  const locate: Locator = (itemIndex, property) => {
    if (!locator) {
      const lineCounter = new LineCounter();
      locator = documentLocator(parseDocument(text, { lineCounter, uniqueKeys: false }), lineCounter, root);
    }
    return locator(itemIndex, property);
  };
  const items = data.map((item: unknown) =>
    typeof item === 'object' && item !== null && !Array.isArray(item) ? Object.entries(item) : undefined,
  );
  return tableFromItems(file, items, data, 'an object', locate, problems);
}

export function readYaml(bytes: Buffer, file: string, problems: CappedProblemList, options: DocumentOptions = {}): RawTable {
  const text = decodeSnapshotText(bytes, file, options.encoding);
  const root = options.root ?? [];
  if (isBlankText(text)) throw emptyFileError(file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const syntaxError = doc.errors[0];
  if (syntaxError) {
    const position = syntaxError.linePos?.[0];
    throw new UserError({
      location: position ? { file, line: position.line, column: position.col } : { file },
      message: `is not valid YAML: ${syntaxError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
    });
  }
  if (doc.contents === null) throw emptyFileError(file);
  if (root.length > 0) recordsAtRoot(doc.toJSON(), root, file);
  const list = rootNode(doc, root);
  if (!isSeq(list)) {
    throw new UserError({
      location: { file, ...nodePosition(list, lineCounter) },
      message: `must be a list of records (a YAML sequence of mappings)${root.length > 0 ? ` at ${root.join('.')} (snapshots.root)` : ''}`,
      hint: root.length > 0 ? 'point snapshots.root at the sequence of records' : 'write each record as an item starting with "- "',
    });
  }
  const items = list.items.map((item) =>
    isMap(item)
      ? item.items.map((pair): [string, unknown] => [propertyName(pair.key), scalarValue(pair.value, doc)])
      : undefined,
  );
  const shown = list.items.map((item) => (isNode(item) ? item.toJSON() : item));
  return tableFromItems(file, items, shown, 'a mapping', documentLocator(doc, lineCounter, root), problems);
}

/** Columns are every property seen, in order of first appearance. */
function tableFromItems(
  file: string,
  items: ReadonlyArray<Entries | undefined>,
  shown: readonly unknown[],
  recordShape: string,
  locateItem: Locator,
  problems: CappedProblemList,
): RawTable {
  const columns: string[] = [];
  const columnIndex = new Map<string, number>();
  const itemOfRow: number[] = [];
  items.forEach((entries, itemIndex) => {
    if (entries === undefined) {
      problems.add({
        location: { file, ...locateItem(itemIndex) },
        message: `record ${itemIndex + 1} is not ${recordShape}: got ${shapeOf(shown[itemIndex] ?? null)}`,
      });
      return;
    }
    itemOfRow.push(itemIndex);
    for (const [property] of entries) {
      if (!columnIndex.has(property)) {
        columnIndex.set(property, columns.length);
        columns.push(property);
      }
    }
  });
  const rows = itemOfRow.map((itemIndex) => {
    const cells = new Array<unknown>(columns.length);
    for (const [property, value] of items[itemIndex]!) cells[columnIndex.get(property)!] = value;
    return cells;
  });
  return {
    file,
    columns,
    lineNoun: 'line',
    rows,
    locate: (rowIndex, column) =>
      locateItem(itemOfRow[rowIndex]!, column === undefined ? undefined : columns[column]),
    columnLabel: (column) => columns[column]!,
  };
}

/**
 * What a value is, never what it says: a snapshot's document may hold personal
 * data anywhere, and a message cannot know which fields of it are pii.
 */
function shapeOf(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return `a list of ${value.length} ${value.length === 1 ? 'item' : 'items'}`;
  if (typeof value === 'object') {
    const count = Object.keys(value).length;
    return `an object with ${count} ${count === 1 ? 'property' : 'properties'}`;
  }
  if (typeof value === 'string') return `a text of ${value.length} ${value.length === 1 ? 'character' : 'characters'}`;
  return `a ${typeof value}`;
}

/** Where the records may be: the lists an object holds are named (their names are the document's structure; their contents are never shown). */
function rootHint(data: unknown, root: readonly string[]): string {
  const lists = typeof data === 'object' && data !== null && !Array.isArray(data)
    ? Object.entries(data).filter(([, value]) => Array.isArray(value)).map(([name]) => [...root, name].join('.'))
    : [];
  if (lists.length === 1) return `the records may be the list at ${lists[0]}: set snapshots.root to ${lists[0]}`;
  if (lists.length > 1) return `it holds the lists ${lists.join(', ')}: set snapshots.root to the one with the records`;
  return root.length > 0 ? 'point snapshots.root at the array of records' : 'write the records as [{"key": ...}, {"key": ...}], or set snapshots.root to where the array is (e.g. data.items)';
}

/** Follows snapshots.root into a parsed document; a missing step names the properties that are there. */
function recordsAtRoot(document: unknown, root: readonly string[], file: string): unknown {
  let at = document;
  for (let depth = 0; depth < root.length; depth++) {
    const name = root[depth]!;
    const isObject = typeof at === 'object' && at !== null && !Array.isArray(at);
    if (!isObject || !Object.hasOwn(at as object, name)) {
      const where = depth === 0 ? 'the document' : root.slice(0, depth).join('.');
      const found = isObject ? Object.keys(at as object) : [];
      throw new UserError({
        location: { file },
        message: `has no ${root.slice(0, depth + 1).join('.')} (snapshots.root: ${root.join('.')})`,
        hint: found.length > 0 ? `${where} has the properties: ${found.join(', ')}` : `${where} is not an object`,
      });
    }
    at = (at as Record<string, unknown>)[name];
  }
  return at;
}

function rootNode(doc: Document, root: readonly string[]): unknown {
  return root.length === 0 ? doc.contents : doc.getIn(root, true);
}

function documentLocator(doc: Document, lineCounter: LineCounter, root: readonly string[] = []): Locator {
  return (itemIndex, property) => {
    const list = rootNode(doc, root);
    if (!isSeq(list)) return {};
    const item = list.items[itemIndex];
    let node: unknown = item;
    if (property !== undefined && isMap(item)) {
      const pair = item.items.find((candidate) => propertyName(candidate.key) === property);
      // An empty value has no node of its own; its key is the next best place.
      if (pair) node = isNode(pair.value) ? pair.value : pair.key;
    }
    return nodePosition(node, lineCounter);
  };
}

function nodePosition(node: unknown, lineCounter: LineCounter): { line?: number; column?: number } {
  const offset = isNode(node) ? node.range?.[0] : undefined;
  if (offset === undefined) return {};
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function propertyName(key: unknown): string {
  if (isScalar(key)) return typeof key.value === 'string' ? key.value : (key.source ?? String(key.value));
  return String(key);
}

/**
 * A YAML value as a raw cell. Plain numbers keep their source text, so that
 * 01234 stays 01234 in a string field and 12.0 is judged as written.
 */
function scalarValue(node: unknown, doc: Document): unknown {
  const resolved: unknown = isAlias(node) ? node.resolve(doc) : node;
  if (isScalar(resolved)) {
    const isPlainNumber = typeof resolved.value === 'number' && resolved.type === 'PLAIN' && resolved.source !== undefined;
    return isPlainNumber ? resolved.source : resolved.value;
  }
  return isNode(resolved) ? (resolved as Node).toJSON() : undefined;
}

function jsonSyntaxError(text: string, file: string, error: unknown): UserError {
  const message = error instanceof Error ? error.message : String(error);
  const offset = /at position (\d+)/.exec(message)?.[1];
  let position: { line?: number; column?: number } = {};
  let hint: string | undefined;
  if (offset !== undefined) {
    position = positionInText(text, Number(offset));
    if (/,\s*$/.test(text.slice(0, Number(offset))) && /^[}\]]/.test(text.slice(Number(offset)))) {
      hint = 'JSON allows no comma after the last item of a list or object: remove it';
    }
  }
  else {
    // Messages like "Unexpected end of JSON input" carry no position; the yaml parser may find one.
    const found = parseDocument(text, { uniqueKeys: false, lineCounter: new LineCounter() }).errors[0]?.linePos?.[0];
    if (found) position = { line: found.line, column: found.col };
  }
  return new UserError(
    { location: { file, ...position }, message: `is not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`, ...(hint ? { hint } : {}) },
    { cause: error },
  );
}
