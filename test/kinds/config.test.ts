/** Document kinds in the report definition: what each one needs. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { UserError } from '../../src/errors.js';

const fixture = path.resolve('test/fixtures/kinds/report.yaml');
const text = await readFile(fixture, 'utf8');

async function load(edit: (yaml: string) => string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-kinds-'));
  await writeFile(path.join(dir, 'body.hbs'), '<p>body</p>');
  await writeFile(path.join(dir, 'report.yaml'), edit(text));
  return loadConfig(path.join(dir, 'report.yaml'), { cwd: dir });
}

async function rejection(edit: (yaml: string) => string): Promise<UserError> {
  try {
    await load(edit);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

describe('template.kind', () => {
  it('titles a declaration after its declarant when no title is given', async () => {
    const config = await load((yaml) => yaml);
    expect(config.template.kind).toBe('declaration');
    expect(config.template.title).toBe('DECLARATION OF MORGAN OFFICIAL');
  });

  it('defaults to a status report', async () => {
    const config = await load((yaml) => yaml.replace('  kind: declaration\n', "  title: DEFENDANT'S STATUS REPORT\n"));
    expect(config.template.kind).toBe('status-report');
  });

  it('refuses a declaration without a declarant, naming the line of template.kind', async () => {
    const error = await rejection((yaml) => yaml.replace(/declarant:\n(  .*\n)+/, ''));
    const problem = error.problems.find((p) => p.message.includes('needs a declarant'));
    expect(problem?.message).toBe('a declaration needs a declarant');
    const kindLine = text.replace(/declarant:\n(  .*\n)+/, '').split('\n').findIndex((l) => l.includes('kind: declaration')) + 1;
    expect(problem?.location?.line).toBe(kindLine);
  });

  it('refuses a notice without a title', async () => {
    const error = await rejection((yaml) => yaml.replace('kind: declaration', 'kind: notice-with-declaration'));
    expect(error.problems.map((p) => p.message)).toContain('template.title is missing: a notice-with-declaration needs a title');
  });

  it('refuses an unknown kind, listing the kinds', async () => {
    const error = await rejection((yaml) => yaml.replace('kind: declaration', 'kind: affidavit'));
    expect(error.message).toMatch(/status-report.*declaration.*notice-with-declaration/s);
  });
});

describe('output.localRules', () => {
  it('resolves the preset, with the config\'s own format values on top', async () => {
    const config = await load((yaml) => yaml.replace('localRules: nd-cal', 'localRules: nd-cal\n  format: { marginInches: 1.25 }'));
    expect(config.output.format).toMatchObject({ localRules: 'nd-cal', fontSizePt: 12, lineSpacing: 2, lineNumbers: true, linesPerPage: 28, marginInches: 1.25, caption: 'paren', counselOnFirstPage: true, titleInFooter: true, runningHeader: false });
  });

  it('defaults to N.D. Fla.', async () => {
    const config = await load((yaml) => yaml.replace(/output:\n {2}localRules: nd-cal\n/, ''));
    expect(config.output.format).toMatchObject({ localRules: 'nd-fla', fontSizePt: 14, lineNumbers: false, caption: 'slash', counselOnFirstPage: false });
  });

  it('refuses pleading paper whose numbered lines do not fit the page', async () => {
    const error = await rejection((yaml) => yaml.replace('localRules: nd-cal', 'localRules: nd-cal\n  format: { fontSizePt: 14 }'));
    const problem = error.problems.find((p) => p.message === 'the numbered lines do not fit the page');
    expect(problem?.value).toContain('28 lines of 28 pt');
  });
});
