/** Converts a .docx to PDF with LibreOffice, as counsel's word processor would lay it out. */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const converted = new Map<string, Promise<string>>();

/** The PDF LibreOffice makes of a .docx, in a throw-away profile, once per file; returns its path. */
export function libreOfficePdf(docx: string): Promise<string> {
  if (!converted.has(docx)) converted.set(docx, convert(docx));
  return converted.get(docx)!;
}

async function convert(docx: string): Promise<string> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'court-report-lo-'));
  const outdir = await mkdtemp(path.join(os.tmpdir(), 'court-report-lo-out-'));
  await promisify(execFile)('soffice', ['--headless', `-env:UserInstallation=file://${profile}`, '--convert-to', 'pdf', '--outdir', outdir, docx], { timeout: 120_000 });
  return path.join(outdir, path.basename(docx, '.docx') + '.pdf');
}
