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
import { decodeUtf8, isBlankText, positionInText } from './text.js';

type Entries = Array<[property: string, value: unknown]>;
type Locator = (itemIndex: number, property?: string) => { line?: number; column?: number };

export function readJson(bytes: Buffer, file: string, problems: CappedProblemList): RawTable {
  const text = decodeUtf8(bytes, file);
  if (isBlankText(text)) throw emptyFileError(file);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw jsonSyntaxError(text, file, error);
  }
  if (!Array.isArray(data)) {
    throw new UserError({
      location: { file },
      message: 'must be a list of records (a JSON array of objects)',
      value: data,
      hint: 'write the records as [{"key": ...}, {"key": ...}]',
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
      locator = documentLocator(parseDocument(text, { lineCounter, uniqueKeys: false }), lineCounter);
    }
    return locator(itemIndex, property);
  };
  const items = data.map((item: unknown) =>
    typeof item === 'object' && item !== null && !Array.isArray(item) ? Object.entries(item) : undefined,
  );
  return tableFromItems(file, items, data, 'an object', locate, problems);
}

export function readYaml(bytes: Buffer, file: string, problems: CappedProblemList): RawTable {
  const text = decodeUtf8(bytes, file);
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
  const list = doc.contents;
  if (list === null) throw emptyFileError(file);
  if (!isSeq(list)) {
    throw new UserError({
      location: { file, ...nodePosition(list, lineCounter) },
      message: 'must be a list of records (a YAML sequence of mappings)',
      hint: 'write each record as an item starting with "- "',
    });
  }
  const items = list.items.map((item) =>
    isMap(item)
      ? item.items.map((pair): [string, unknown] => [propertyName(pair.key), scalarValue(pair.value, doc)])
      : undefined,
  );
  const shown = list.items.map((item) => (isNode(item) ? item.toJSON() : item));
  return tableFromItems(file, items, shown, 'a mapping', documentLocator(doc, lineCounter), problems);
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
        message: `record ${itemIndex + 1} is not ${recordShape}`,
        value: shown[itemIndex] ?? null,
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

function documentLocator(doc: Document, lineCounter: LineCounter): Locator {
  return (itemIndex, property) => {
    const list = doc.contents;
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
