/** Drives the real, compiled CLI (npm test builds dist/ first). */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

export const root = path.resolve(import.meta.dirname, '../..');
export const bin = path.join(root, 'dist/bin/main.js');
export const exampleConfig = path.join(root, 'data/florida-v-mayorkas/report.yaml');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(args: string[], options: { cwd?: string; env?: Record<string, string>; bin?: string } = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [options.bin ?? bin, ...args], {
      cwd: options.cwd ?? root,
      env: { ...process.env, ...options.env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/**
 * The text of a PDF (or of one page), through poppler's pdftotext, in content
 * order (-raw), so the rotated watermark's letters stay out of the sentences.
 */
export async function pdfText(file: string, page?: number): Promise<string> {
  const pages = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  const { stdout } = await promisify(execFile)('pdftotext', ['-raw', ...pages, file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export async function pdfInfo(file: string): Promise<Record<string, string>> {
  const { stdout } = await promisify(execFile)('pdfinfo', [file]);
  return Object.fromEntries(stdout.split('\n').filter(Boolean).map((line) => {
    const at = line.indexOf(':');
    return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
  }));
}
