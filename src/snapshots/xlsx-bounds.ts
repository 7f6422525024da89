/**
 * A workbook is a zip: a few kilobytes can inflate to gigabytes (a zip bomb),
 * which exceljs would hold in memory. Before exceljs sees it, every entry is
 * inflated here with a hard bound on the output, whatever sizes the zip
 * declares, and the cells are counted roughly in the sheets' XML.
 */
import { inflateRawSync } from 'node:zlib';
import { UserError } from '../errors.js';

/** The most a workbook may inflate to, all entries together. */
export const MAX_WORKBOOK_BYTES = 256 * 1024 * 1024;
/** The most cells (`<c ` elements) its sheets may hold. */
export const MAX_WORKBOOK_CELLS = 20_000_000;

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** Throws "workbook too large" when the workbook inflates past the bounds; leaves other damage to exceljs. */
export function checkWorkbookSize(bytes: Buffer, file: string): void {
  const entries = centralDirectory(bytes);
  if (!entries) return;
  let total = 0;
  let cells = 0;
  for (const entry of entries) {
    total += entry.declaredSize;
    if (total > MAX_WORKBOOK_BYTES) throw tooLarge(file, `its files declare more than ${MAX_WORKBOOK_BYTES >> 20} MB uncompressed`);
  }
  total = 0;
  for (const entry of entries) {
    const data = entryData(bytes, entry);
    if (!data) return;
    let inflated: Buffer;
    if (entry.method === 0) inflated = data;
    else if (entry.method === 8) {
      try {
        inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, MAX_WORKBOOK_BYTES - total) });
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
          throw tooLarge(file, `it inflates to more than ${MAX_WORKBOOK_BYTES >> 20} MB`);
        }
        return;
      }
    } else return;
    total += inflated.length;
    if (total > MAX_WORKBOOK_BYTES) throw tooLarge(file, `it inflates to more than ${MAX_WORKBOOK_BYTES >> 20} MB`);
    if (entry.name.startsWith('xl/worksheets/')) {
      cells += countCells(inflated);
      if (cells > MAX_WORKBOOK_CELLS) throw tooLarge(file, `its sheets hold more than ${MAX_WORKBOOK_CELLS.toLocaleString('en-US')} cells`);
    }
  }
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

function centralDirectory(bytes: Buffer): ZipEntry[] | null {
  // The end record sits in the last 64 KiB + 22 bytes (its comment is at most 64 KiB).
  const from = Math.max(0, bytes.length - 0xffff - 22);
  let end = -1;
  for (let i = bytes.length - 22; i >= from; i--) {
    if (bytes.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end === -1) return null;
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL_ENTRY) return null;
    const nameLength = bytes.readUInt16LE(at + 28);
    entries.push({
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      declaredSize: bytes.readUInt32LE(at + 24),
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      localOffset: bytes.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

function entryData(bytes: Buffer, entry: ZipEntry): Buffer | null {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_HEADER) return null;
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const endOfData = start + entry.compressedSize;
  return endOfData > bytes.length ? null : bytes.subarray(start, endOfData);
}

/** Cells in a sheet's XML: each is a `<c` element. */
function countCells(xml: Buffer): number {
  let count = 0;
  for (let i = xml.indexOf('<c '); i !== -1; i = xml.indexOf('<c ', i + 3)) count++;
  return count;
}

function tooLarge(file: string, why: string): UserError {
  return new UserError({
    location: { file },
    message: `the workbook is too large to read: ${why}`,
    hint: 'check it is the right file; a real snapshot this large is better exported as CSV',
  });
}
