/** Finds a period's snapshot file and reads it into a typed Snapshot. */
import { statSync } from 'node:fs';
import { extname, isAbsolute, relative } from 'node:path';
import type { SnapshotSource } from '../config/types.js';
import { displayPath } from '../display-path.js';
import { UserError } from '../errors.js';
import { inputLimits, readInputFile } from '../input-file.js';
import { loadCsvOffThread } from './csv-off-thread.js';
import { readCsv } from './csv.js';
import { explainLargeCsv, FULL_LOADER_MAX_BYTES } from './large-csv.js';
import { CappedProblemList } from './problems.js';
import { toSnapshot, type RawTable } from './tabular.js';
import type { Snapshot } from './types.js';

export interface LoadSnapshotOptions {
  /** Folder that paths in messages are shown relative to. Default: the working directory. */
  displayBase?: string;
}

type SnapshotFormat = 'csv' | 'json' | 'yaml' | 'xlsx';

const formatsByExtension = new Map<string, SnapshotFormat>([
  ['.csv', 'csv'],
  ['.json', 'json'],
  ['.yaml', 'yaml'],
  ['.yml', 'yaml'],
  ['.xlsx', 'xlsx'],
]);

/** The snapshot file of a period: the configured path with {period} filled in. */
export function snapshotPath(source: SnapshotSource, period: string): string {
  return source.pathPattern.replaceAll('{period}', period);
}

/** Reads the snapshot of `period`; every problem in the file is reported in one UserError. */
export async function loadSnapshot(
  source: SnapshotSource,
  period: string,
  options: LoadSnapshotOptions = {},
): Promise<Snapshot> {
  const path = snapshotPath(source, period);
  const file = displayPath(path, options.displayBase ?? process.cwd());
  const format = formatsByExtension.get(extname(path).toLowerCase());
  if (!format) {
    throw new UserError({
      message: `cannot read snapshot ${file}: the format is known by the extension .csv, .json, .yaml, .yml or .xlsx`,
      hint: 'check snapshots.path in the config',
    });
  }
  // Large CSV files are typed into columns as they stream in; the full loader reads the rest and words every problem.
  if (format === 'csv') {
    const streamed = await loadCsvOffThread(path, source, period, file);
    if (streamed) return streamed;
    const size = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
    if (size > FULL_LOADER_MAX_BYTES) explainLargeCsv(path, file, source, period, size, options.displayBase ?? process.cwd());
  }
  const bytes = await readSnapshotFile(path, file, period);
  const problems = new CappedProblemList();
  const table = await readTable(format, bytes, file, source, problems);
  return toSnapshot(table, source, period, path, problems);
}

function readTable(
  format: SnapshotFormat,
  bytes: Buffer,
  file: string,
  source: SnapshotSource,
  problems: CappedProblemList,
): RawTable | Promise<RawTable> {
  switch (format) {
    case 'csv':
      return readCsv(bytes, file, problems);
    // The other readers load their libraries only when a snapshot needs them (exceljs alone costs ~100 ms).
    case 'json':
      return import('./json-yaml.js').then(({ readJson }) => readJson(bytes, file, problems));
    case 'yaml':
      return import('./json-yaml.js').then(({ readYaml }) => readYaml(bytes, file, problems));
    case 'xlsx':
      return import('./xlsx.js').then(({ readXlsx }) => readXlsx(bytes, file, source.sheet));
  }
}

async function readSnapshotFile(path: string, file: string, period: string): Promise<Buffer> {
  try {
    return await readInputFile({ path, shown: file, what: `snapshot for ${period}`, maxBytes: inputLimits.snapshot });
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new UserError(
        {
          message: `snapshot for ${period} not found: expected ${file}`,
          hint: 'add the file, or check snapshots.path in the config ({period} stands for the period, YYYY-MM)',
        },
        { cause: error },
      );
    }
    throw new UserError(
      { location: { file }, message: `cannot read the snapshot for ${period} (${code ?? String(error)})` },
      { cause: error },
    );
  }
}

