/**
 * A zip archive whose bytes depend only on its entries: every entry is dated
 * the filing date (never the clock), entries stay in the order given, and
 * deflate is zlib's own (native, several times faster than a JavaScript
 * deflate on the tens of megabytes of XML a large review's workpapers hold).
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { runSteps, type Steps } from '../../steps.js';

export interface ZipEntry {
  /** The path inside the archive, with forward slashes. */
  name: string;
  data: Uint8Array;
  /** `data` deflated with DEFLATE_OPTIONS already (on libuv's threads, say); else it is deflated here. */
  deflated?: Uint8Array;
}

/** Level 3: a third of level 6's time on sheet XML, for a file about a tenth larger. */
export const DEFLATE_OPTIONS = { level: 3 } as const;

const encoder = new TextEncoder();

/** A zip of `entries`, each deflated and dated `asOf` (YYYY-MM-DD) at midnight. */
export function zipArchive(entries: readonly ZipEntry[], asOf: string): Uint8Array {
  return runSteps(zipArchiveSteps(entries, asOf));
}

/** The same as steps: a pause after each entry is deflated. */
export function* zipArchiveSteps(entries: readonly ZipEntry[], asOf: string): Steps<Uint8Array> {
  const { time, date } = dosDateTime(asOf);
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    yield;
    const compressed = entry.deflated ?? deflateRawSync(entry.data, DEFLATE_OPTIONS);
    const crc = crc32(entry.data);
    // Both headers share these fields: version needed 2.0, UTF-8 names, deflate, date, crc, sizes, name length.
    const common = (view: DataView, at: number) => {
      view.setUint16(at, 20, true);
      view.setUint16(at + 2, 0x0800, true);
      view.setUint16(at + 4, 8, true);
      view.setUint16(at + 6, time, true);
      view.setUint16(at + 8, date, true);
      view.setUint32(at + 10, crc, true);
      view.setUint32(at + 14, compressed.length, true);
      view.setUint32(at + 18, entry.data.length, true);
      view.setUint16(at + 22, name.length, true);
    };
    const local = new Uint8Array(30 + name.length);
    const localView = new DataView(local.buffer);
    localView.setUint32(0, 0x04034b50, true);
    common(localView, 4);
    local.set(name, 30);
    const header = new Uint8Array(46 + name.length);
    const headerView = new DataView(header.buffer);
    headerView.setUint32(0, 0x02014b50, true);
    headerView.setUint16(4, 20, true);
    common(headerView, 6);
    headerView.setUint32(42, offset, true);
    header.set(name, 46);
    chunks.push(local, compressed);
    central.push(header);
    offset += local.length + compressed.length;
    if (offset > 0xffff_ffff) throw new Error('the archive outgrew 4 GB, which needs zip64');
  }
  const centralSize = central.reduce((sum, c) => sum + c.length, 0);
  const end = new Uint8Array(22);
  const endView = new DataView(end.buffer);
  endView.setUint32(0, 0x06054b50, true);
  endView.setUint16(8, entries.length, true);
  endView.setUint16(10, entries.length, true);
  endView.setUint32(12, centralSize, true);
  endView.setUint32(16, offset, true);
  return concat([...chunks, ...central, end]);
}

/** MS-DOS date and time fields: midnight of the day. */
function dosDateTime(day: string): { time: number; date: number } {
  const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
  return { time: 0, date: ((year - 1980) << 9) | (month << 5) | dayOfMonth };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
