/**
 * What the bad-input corpus tests share: running the real CLI in a fixture's
 * folder of test/fixtures/bad/ and capturing what a user would see.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { cli, root } from '../e2e/cli.js';

export const fixtures = path.join(root, 'test/fixtures/bad');
/** Each case starts a Node process or two; on a busy machine that takes seconds. */
export const slow = { timeout: 60_000 };
const scratch: string[] = [];

export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `court-report-${prefix}-`));
  scratch.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

export interface Outcome {
  code: number;
  /** The first line, "court-report: error ...:". */
  headline: string;
  /** The problem lines as printed, without their two-space indent; hints keep theirs. */
  problems: string[];
  hasStack: boolean;
  /** Everything in the output folder afterwards. */
  written: string[];
}

export async function outcome(args: string[], cwd: string, out: string): Promise<Outcome> {
  const result = await cli(args, { cwd });
  const lines = result.stderr.trimEnd().split('\n');
  return {
    code: result.code,
    headline: lines[0] ?? '',
    problems: lines.slice(1).map((line) => line.replace(/^ {2}/, '')),
    hasStack: /\n\s+at /.test(result.stderr),
    written: await readdir(out, { recursive: true }),
  };
}

/** `build --period 2024-05 --html-only --as-of 2024-06-30` in the fixture's folder (or `dir`, a prepared copy). */
export async function build(fixture: string, options: { period?: string; dir?: string } = {}): Promise<Outcome> {
  const out = await tempDir('out');
  const args = ['build', '--config', 'report.yaml', '--period', options.period ?? '2024-05', '--html-only', '--as-of', '2024-06-30', '--out', out];
  return outcome(args, options.dir ?? path.join(fixtures, fixture), out);
}

/** `validate --as-of 2024-06-14` (periods 2024-04 and 2024-05) in the fixture's folder (or `dir`, a prepared copy). */
export async function validate(fixture: string, options: { dir?: string } = {}): Promise<Outcome> {
  const out = await tempDir('out');
  return outcome(['validate', '--config', 'report.yaml', '--as-of', '2024-06-14'], options.dir ?? path.join(fixtures, fixture), out);
}

/** What every bad input must give: exit 1, exactly these problems, no stack, no files. */
export function failure(...problems: string[]): Outcome {
  return { code: 1, headline: expect.stringMatching(/^court-report: error( while building 2024-05)?:$/) as unknown as string, problems, hasStack: false, written: [] };
}

