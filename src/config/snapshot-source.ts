/** Resolves `snapshots`: where each period's records come from (files or a query) and how to read them. */
import type { Problem, SourceLocation } from '../errors.js';
import type { FieldSpec } from '../snapshots/types.js';
import type { ReportDefinition } from './schema.js';
import type { SnapshotSource } from './types.js';
import type { YamlPath, YamlSource } from './yaml-source.js';

type Inside = (relative: string, yamlPath: YamlPath) => string;

export function resolveSnapshotSource(
  snapshots: ReportDefinition['snapshots'],
  snapshotDay: number | 'last',
  fields: FieldSpec[],
  dir: string,
  source: YamlSource,
  inside: Inside,
  problems: Problem[],
): SnapshotSource {
  const { path, sql } = snapshots;
  if ((path === undefined) === (sql === undefined)) {
    problems.push({
      location: source.locate(['snapshots']),
      message: path === undefined ? 'snapshots needs a path or a sql query' : 'snapshots has both a path and a sql query',
      hint: 'give path: (files, e.g. snapshots/{period}.csv) or sql: { driver, url, query }, not both',
    });
  }
  const patterns = path === undefined ? [] : typeof path === 'string' ? [path] : path;
  const yamlPaths = patterns.map((_, index): YamlPath => (typeof path === 'string' ? ['snapshots', 'path'] : ['snapshots', 'path', index]));
  const pathPatterns = patterns.map((pattern, index) => inside(pattern, yamlPaths[index]!));
  // A snapshot that is missing, there twice, or unreadable is a problem of these lines: its message points back at them.
  const patternLocations: Record<string, SourceLocation> = {};
  pathPatterns.forEach((pattern, index) => (patternLocations[pattern] ??= source.locate(yamlPaths[index]!)));
  const pathLocations = path === undefined ? undefined : { key: source.locate(['snapshots', 'path'], { key: true }), patterns: patternLocations };
  return {
    pathPatterns,
    pathLocations,
    sql: sql && {
      ...sql,
      dir,
      snapshotDay,
      location: source.locate(['snapshots', 'sql', 'url']),
      queryLocation: source.locate(['snapshots', 'sql', 'query']),
    },
    encoding: snapshots.encoding,
    delimiter: snapshots.delimiter,
    root: snapshots.root?.split('.'),
    sheet: snapshots.sheet,
    key: snapshots.key,
    fields,
  };
}
