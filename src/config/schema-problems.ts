/**
 * Turns schema validation issues into problems a person can act on:
 * located in the YAML, naming the value and what was expected, with
 * "did you mean" for misspelt keys.
 */
import type { z } from 'zod';
import { showInvisibles, type Problem } from '../errors.js';
import { closest } from '../snapshots/did-you-mean.js';
import type { YamlPath, YamlSource } from './yaml-source.js';

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

export function schemaProblems(given: readonly Issue[], source: YamlSource, schema: AnySchema, input: unknown): Problem[] {
  const problems: Problem[] = [];
  const issues = given.flatMap(chosenBranch);
  // A misspelt required key is also a missing one; "did you mean" on the misspelling says both.
  const suggested = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const known = knownKeys(schema, issue.path as PropertyKey[]);
    for (const key of issue.keys) {
      const suggestion = closest(key, known);
      if (suggestion) suggested.add(pathKey([...(issue.path as PropertyKey[]), suggestion]));
    }
  }
  for (const issue of issues) {
    const path = issue.path as PropertyKey[];
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, path);
      for (const key of issue.keys) {
        const suggestion = closest(key, known);
        problems.push({
          location: source.locate([...path, key], { key: true }),
          message: `unknown key ${showInvisibles(JSON.stringify(key))}${describePath(path, ' in ')}`,
          hint:
            key === '<<'
              ? 'YAML merge keys (<<: *anchor) are not read: a report definition spells each key out (an alias, *anchor, of a whole value works)'
              : suggestion
                ? `did you mean "${suggestion}"?`
                : known.length
                  ? `known keys: ${known.join(', ')}`
                  : undefined,
        });
      }
      continue;
    }
    const value = valueAt(input, path);
    if (issue.code === 'invalid_type' && value === undefined) {
      if (suggested.has(pathKey(path))) continue;
      problems.push({
        location: source.locate(path),
        message: `missing required key "${String(path[path.length - 1])}"${describePath(path.slice(0, -1), ' in ')}`,
        expected: article(issue.expected),
      });
      continue;
    }
    if (issue.code === 'custom') {
      // Our own refinements say what is wrong in a whole sentence.
      const hint = (issue.params as { hint?: unknown } | undefined)?.hint;
      problems.push({
        location: source.locate(path),
        message: `${describePath(path) || 'document'}: ${issue.message}`,
        value,
        ...(typeof hint === 'string' ? { hint } : {}),
      });
      continue;
    }
    problems.push({
      location: source.locate(path),
      message: `invalid ${describePath(path) || 'document'}`,
      value,
      expected: expectedOf(issue),
    });
  }
  return problems;
}

function pathKey(path: YamlPath): string {
  return JSON.stringify(path.map(String));
}

function expectedOf(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return article(issue.expected);
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}`
        : issue.origin === 'string'
          ? 'a non-empty text'
          : `at least ${String(issue.minimum)}`;
    case 'too_big':
      return `at most ${String(issue.maximum)}`;
    case 'invalid_union':
      return 'a value of one of the accepted forms (see the schema)';
    default:
      return issue.message.replace(/^Invalid input: expected /, '').replace(/^expected /, '');
  }
}

function article(type: string): string {
  const names: Record<string, string> = {
    string: 'a text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    object: 'a mapping (key: value lines)',
    array: 'a list',
    record: 'a mapping',
  };
  return names[type] ?? type;
}

function describePath(path: YamlPath, prefix = ''): string {
  if (path.length === 0) return '';
  return prefix + path.map((p, i) => (typeof p === 'number' ? `[${p}]` : (i ? '.' : '') + String(p))).join('');
}

function valueAt(input: unknown, path: YamlPath): unknown {
  let value = input;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(value, segment)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** The keys an object schema at `path` accepts, found by walking the schema's definition. */
export function knownKeys(schema: AnySchema, path: YamlPath): string[] {
  let current: AnySchema | undefined = schema;
  for (const segment of [...path, null]) {
    current = unwrap(current);
    if (!current) return [];
    const def = current._zod.def as unknown as Record<string, unknown>;
    if (segment === null) {
      return def.type === 'object' ? Object.keys(def.shape as object) : [];
    }
    if (def.type === 'object') current = (def.shape as Record<string, AnySchema>)[String(segment)];
    else if (def.type === 'record') current = def.valueType as AnySchema;
    else if (def.type === 'array') current = def.element as AnySchema;
    else return [];
  }
  return [];
}

function unwrap(schema: AnySchema | undefined): AnySchema | undefined {
  let current = schema;
  for (let depth = 0; current && depth < 10; depth++) {
    const def = current._zod.def as unknown as Record<string, unknown>;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') {
      current = def.innerType as AnySchema;
    } else if (def.type === 'lazy') {
      current = (def.getter as () => AnySchema)();
    } else if (def.type === 'pipe') {
      current = def.in as AnySchema;
    } else break;
  }
  return current;
}

/**
 * A value of a union (a filer, or a list of filers) that fits no form: the
 * problems of the one form it was meant as, the one whose complaint is not
 * about the value's type, so "missing key email" is said rather than "no form fits".
 */
function chosenBranch(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union' || !('errors' in issue) || !Array.isArray(issue.errors)) return [issue];
  const branches = issue.errors as Issue[][];
  const meant = branches.filter((branch) => branch.length > 0 && !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0));
  if (meant.length !== 1) return [issue];
  return meant[0]!.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }) as Issue).flatMap(chosenBranch);
}
