/** Snapshots read from files: the format is known by the extension. */
import { extname } from 'node:path';
import type { SnapshotSource } from '../../config/types.js';
import { displayPath } from '../../display-path.js';
import { fsUserError } from '../../fs-errors.js';
import { UserError } from '../../errors.js';
import { changedWhileRead, inputLimits, readInputFile } from '../../input-file.js';
import { statSync } from 'node:fs';
import { loadCsvOffThread } from '../csv-off-thread.js';
import { explainLargeCsv, FULL_LOADER_MAX_BYTES } from '../large-csv.js';
import { readCsv } from '../csv.js';
import { CappedProblemList } from '../problems.js';
import { toSnapshot, type RawTable } from '../tabular.js';
import { atPatternLine, locateSnapshotFile } from './locate.js';
import type { ReadSnapshotOptions, SourcedSnapshot } from './types.js';

type SnapshotFormat = 'csv' | 'json' | 'yaml' | 'xlsx' | 'parquet';

const formatsByExtension = new Map<string, SnapshotFormat>([
  ['.csv', 'csv'],
  ['.json', 'json'],
  ['.yaml', 'yaml'],
  ['.yml', 'yaml'],
  ['.xlsx', 'xlsx'],
  ['.parquet', 'parquet'],
]);

/** Reads the snapshot of `period`; every problem in the file is reported in one UserError. */
export async function readFileSnapshot(source: SnapshotSource, period: string, options: ReadSnapshotOptions = {}): Promise<SourcedSnapshot> {
  const displayBase = options.displayBase ?? process.cwd();
  // A pattern no reader knows is wrong whether or not its file is there.
  const unknown = source.pathPatterns.find((pattern) => !formatsByExtension.has(extname(pattern).toLowerCase()));
  if (unknown !== undefined) {
    throw new UserError({
      location: source.pathLocations?.patterns[unknown],
      message: `cannot read snapshot ${displayPath(unknown.replaceAll('{period}', period), displayBase)}: the format is known by the extension .csv, .json, .yaml, .yml, .xlsx or .parquet`,
      hint: 'check snapshots.path in the config',
    });
  }
  const path = locateSnapshotFile(source, period, displayBase);
  const file = displayPath(path, displayBase);
  const format = formatsByExtension.get(extname(path).toLowerCase())!;
  // Large UTF-8 comma CSV is typed into columns as it streams in; the full loader reads the rest and words every problem.
  if (format === 'csv' && isPlainCsv(source)) {
    // The streaming reader stops at the size the file had when opened; one that changed meanwhile is a cut-off export.
    const before = sizeOf(source, period, path, file);
    const streamed = await loadCsvOffThread(path, source, period, file);
    const size = sizeOf(source, period, path, file);
    if (size !== before) throw changedWhileRead(file, `snapshot for ${period}`, before, size);
    if (streamed) return { snapshot: streamed, origin: { kind: 'file', file: path } };
    if (size > FULL_LOADER_MAX_BYTES) explainLargeCsv(path, file, source, period, size, displayBase);
  }
  const bytes = await readSnapshotFile(source, path, file, period);
  const problems = new CappedProblemList();
  const table = await readTable(format, bytes, file, source, problems);
  return { snapshot: toSnapshot(table, source, period, path, problems), origin: { kind: 'file', file: path } };
}

/** The streaming loader reads UTF-8 separated by commas; it gives up by itself on a UTF-16 file. */
function isPlainCsv(source: SnapshotSource): boolean {
  return (source.encoding ?? 'utf-8') === 'utf-8' && (source.delimiter ?? ',') === ',';
}

function readTable(
  format: SnapshotFormat,
  bytes: Buffer,
  file: string,
  source: SnapshotSource,
  problems: CappedProblemList,
): RawTable | Promise<RawTable> {
  const { encoding, delimiter, root } = source;
  switch (format) {
    case 'csv':
      return readCsv(bytes, file, problems, { encoding, delimiter });
    // The other readers load their libraries only when a snapshot needs them (exceljs alone costs ~100 ms).
    case 'json':
      return import('../json-yaml.js').then(({ readJson }) => readJson(bytes, file, problems, { encoding, root }));
    case 'yaml':
      return import('../json-yaml.js').then(({ readYaml }) => readYaml(bytes, file, problems, { encoding, root }));
    case 'xlsx':
      return import('../xlsx.js').then(({ readXlsx }) => readXlsx(bytes, file, source.sheet));
    case 'parquet':
      return import('./parquet.js').then(({ readParquet }) => readParquet(bytes, file, source.fields));
  }
}

/** The file's size (0 when it is gone); a link that loops or a folder without permission is the user's to fix, by name. */
function sizeOf(source: SnapshotSource, period: string, path: string, file: string): number {
  try {
    return statSync(path, { throwIfNoEntry: false })?.size ?? 0;
  } catch (error) {
    const mapped = fsUserError(error, file, 'read');
    throw mapped instanceof UserError ? atPatternLine(mapped, source, period, path) : mapped;
  }
}

async function readSnapshotFile(source: SnapshotSource, path: string, file: string, period: string): Promise<Buffer> {
  try {
    // Bounded, and only a regular file (no hang on a FIFO or /dev/zero).
    return await readInputFile({ path, shown: file, what: `snapshot for ${period}`, maxBytes: inputLimits.snapshot });
  } catch (error) {
    if (error instanceof UserError) throw error;
    // An errno the user can fix (a link that loops, a permission) says what to do.
    const mapped = fsUserError(error, file, 'read');
    if (mapped instanceof UserError) throw atPatternLine(mapped, source, period, path);
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      { location: { file }, message: `cannot read the snapshot for ${period} (${code ?? String(error)})` },
      { cause: error },
    );
  }
}
