/**
 * Reads a Parquet snapshot (a data warehouse's export) with hyparquet, a
 * pure-JavaScript reader: no native library, nothing to download, ~100 kB.
 * Parquet's own types come out as JavaScript values; the shared typing step
 * then reads them as the declared fields, as it reads CSV cells.
 */
import { gunzipSync } from 'node:zlib';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { UserError } from '../../errors.js';
import { emptyFileError, UnreadableCell, type RawTable } from '../tabular.js';
import type { FieldSpec } from '../types.js';

// Snappy is built into hyparquet; gzip comes from Node. Others are refused by name, below.
const compressors = { GZIP: (input: Uint8Array) => new Uint8Array(gunzipSync(input)) };

export async function readParquet(bytes: Buffer, file: string, fields: readonly FieldSpec[]): Promise<RawTable> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let rows: Array<Record<string, unknown>>;
  let columns: string[];
  try {
    const metadata = parquetMetadata(buffer);
    columns = metadata.schema.slice(1).filter((element) => !element.num_children).map((element) => element.name);
    const codecs = new Set(metadata.row_groups.flatMap((group) => group.columns.map((chunk) => chunk.meta_data?.codec)));
    const unsupported = [...codecs].filter((codec) => codec !== undefined && !['UNCOMPRESSED', 'SNAPPY', 'GZIP'].includes(codec));
    if (unsupported.length > 0) {
      throw new UserError({
        location: { file },
        message: `is compressed with ${unsupported.join(', ')}, which court-report does not read`,
        hint: 'export it with SNAPPY, GZIP or no compression',
      });
    }
    rows = (await parquetReadObjects({ file: buffer, compressors })) as Array<Record<string, unknown>>;
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      { location: { file }, message: `is not a readable Parquet file (${error instanceof Error ? error.message : String(error)})` },
      { cause: error },
    );
  }
  if (columns.length === 0) throw emptyFileError(file);
  const dateColumns = new Set(fields.filter((field) => field.type === 'date').map((field) => field.column));
  return {
    file,
    columns,
    lineNoun: 'row',
    rows: rows.map((row) => columns.map((column) => cellValue(row[column], dateColumns.has(column)))),
    // Rows are counted from 1, as a viewer (DuckDB, pandas + 1) shows them.
    locate: (rowIndex) => ({ line: rowIndex + 1 }),
    columnLabel: (index) => columns[index]!,
  };
}

/** A Parquet value as a raw cell. */
function cellValue(value: unknown, isDateField: boolean): unknown {
  if (value === null || value === undefined) return undefined;
  // INT64 comes as a bigint; as text it keeps every digit and is read like a CSV cell.
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date && isDateField && value.getTime() % 86_400_000 !== 0) {
    // A timestamp cut to its UTC day could move a date across midnight: say so instead.
    return new UnreadableCell('a timestamp with a time of day where a date belongs', value.toISOString());
  }
  if (value instanceof Uint8Array) return new UnreadableCell('binary data where a value belongs', `${value.length} bytes`);
  return value;
}
