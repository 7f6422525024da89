/** A failed render names every undefined name of the templates at once, and nothing that is not one. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { compileTemplates } from '../../src/render/engine.js';
import { firstReportView, reportView, source } from './fixture.js';

async function problemsOf(body: string, view = reportView()): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'court-report-names-'));
  await writeFile(join(dir, 'body.hbs'), body);
  const report = await compileTemplates({ ...source, body: join(dir, 'body.hbs') });
  try {
    report.render(view);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return error.problems.map((p) => `${p.location?.line}:${p.location?.column}: ${p.message}`);
  }
  throw new Error('expected the render to fail');
}

describe('undefined names', () => {
  it('are all reported, in line order', async () => {
    expect(await problemsOf('{{case.nmber}}\n{{percentage 1}}\n{{> no-such}}\n')).toEqual([
      '1:3: case.nmber is not defined',
      '2:3: no helper named percentage',
      '3:1: no partial named no-such',
    ]);
  });

  it('do not include an absent optional key tested by {{#if}}, but do a metric the report lacks', async () => {
    expect(await problemsOf('{{#if case.division}}{{case.division}}{{/if}}{{#if metrics.nope}}x{{/if}}{{nope}}\n')).toEqual([
      '1:52: metrics.nope is not defined (given to if)',
      '1:76: nope is not defined',
    ]);
  });

  it('are judged in the branch the period renders only: the first report skips {{#if priorPeriod}}', async () => {
    const body = '{{#if priorPeriod}}{{priorPeriod.lable}}{{/if}}{{nope}}\n';
    expect(await problemsOf(body, firstReportView())).toEqual(['1:50: nope is not defined']);
    expect(await problemsOf(body)).toEqual(['1:22: priorPeriod.lable is not defined', '1:50: nope is not defined']);
  });

  it('inside {{#each}} leave the item\'s names alone but check @root', async () => {
    expect(await problemsOf('{{#each history}}{{values.total}}{{@root.perod.id}}{{/each}}\n')).toEqual(['1:36: @root.perod.id is not defined']);
  });
});
