import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { UserError } from '../../src/errors.js';

const exampleFile = path.resolve('data/florida-v-mayorkas/report.yaml');
const example = await readFile(exampleFile, 'utf8');

/** Writes a variant of the example config into a temp folder (with a body.hbs) and loads it. */
async function loadVariant(edit: (text: string) => string): Promise<UserError> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-config-'));
  await writeFile(path.join(dir, 'body.hbs'), 'body');
  await writeFile(path.join(dir, 'report.yaml'), edit(example));
  try {
    await loadConfig(path.join(dir, 'report.yaml'), { cwd: dir });
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

/** Line number (1-based) of the first line of the example containing `text`. */
function lineOf(text: string): number {
  return example.split('\n').findIndex((l) => l.includes(text)) + 1;
}

describe('loadConfig on the example', () => {
  it('resolves defaults, paths and field order', async () => {
    const config = await loadConfig(exampleFile, { cwd: path.resolve('.') });
    expect(config.id).toBe('florida-v-mayorkas');
    expect(config.caseNumber).toBe('3:23-cv-9962-TKW-ZCB');
    expect(config.snapshots.pathPatterns).toEqual([path.resolve('data/florida-v-mayorkas/snapshots/{period}.csv')]);
    expect(config.snapshots.fields.map((f) => f.name)).toEqual([
      'aNumber', 'nationality', 'releasedOn', 'checkedInOn', 'ntaIssuedOn', 'ntaServedOn', 'exitOn', 'exitType', 'custodyStatus', 'fieldOffice',
    ]);
    expect(config.snapshots.fields[0]).toMatchObject({ column: 'A_NUMBER', pii: true, required: true });
    expect(config.output.format).toMatchObject({ localRules: 'nd-fla', paper: 'Letter', marginInches: 1, fontSizePt: 14, lineSpacing: 2, lineNumbers: false, runningHeader: true, caption: 'slash' });
    expect(config.output.dir).toBe(path.resolve('out/florida-v-mayorkas'));
    expect(config.events.find((e) => e.id === 'detained')).toMatchObject({ change: 'changed', from: 'NON_DETAINED', to: 'DETAINED' });
    expect(config.periods).toEqual({ first: '2023-06', last: '2024-05', snapshotDay: 'last', due: { daysAfterSnapshot: 14 } });
    expect(config.template).toMatchObject({ filingParty: 'Defendants', filingPartyPlural: true });
  });
});

describe('a number field\'s decimal separator', () => {
  async function bondField(snapshotsExtra: string, bond: string) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-config-'));
    await writeFile(path.join(dir, 'body.hbs'), 'body');
    const text = example
      .replace('snapshots:\n', `snapshots:\n${snapshotsExtra}`)
      .replace('    fieldOffice: {', `    bond: ${bond}\n    fieldOffice: {`);
    await writeFile(path.join(dir, 'report.yaml'), text);
    const config = await loadConfig(path.join(dir, 'report.yaml'), { cwd: dir });
    return config.snapshots.fields.find((f) => f.name === 'bond')!;
  }

  it('is a point by default, and unstated (so 1.000 is refused) in a semicolon-separated export', async () => {
    expect((await bondField('', '{ type: number }')).decimal).toBe('point');
    expect((await bondField("  delimiter: ';'\n", '{ type: number }')).decimal).toBe('unstated');
  });

  it('is what the field says, whatever the delimiter', async () => {
    expect((await bondField("  delimiter: ';'\n", '{ type: number, decimal: comma }')).decimal).toBe('comma');
    expect((await bondField("  delimiter: ';'\n", '{ type: number, decimal: point }')).decimal).toBe('point');
  });
});

describe('loadConfig errors', () => {
  it('reports malformed YAML at its line and column', async () => {
    const error = await loadVariant((t) => t.replace('  district: Northern District of Florida', '  district: [Northern District of Florida'));
    expect(error.problems[0]!.location).toMatchObject({ file: 'report.yaml' });
    expect(error.message).toMatch(/^report\.yaml:\d+:\d+: invalid YAML/);
  });

  it('refuses a decimal separator on a field that is not a number, at the key', async () => {
    const error = await loadVariant((t) => t.replace('label: ICE field office, required: true }', 'label: ICE field office, required: true, decimal: comma }'));
    expect(error.message).toContain(`report.yaml:${lineOf('label: ICE field office')}:`);
    expect(error.message).toContain('decimal only applies to number fields; "fieldOffice" is string');
  });

  it('suggests the key meant by a misspelt one, at the key', async () => {
    const error = await loadVariant((t) => t.replace('  presidingJudge:', '  presidingJduge:'));
    expect(error.message).toContain(`report.yaml:${lineOf('presidingJudge')}:3: unknown key "presidingJduge" in case`);
    expect(error.message).toContain('hint: did you mean "presidingJudge"?');
  });

  it('says a YAML merge key is not read, rather than only that "<<" is unknown', async () => {
    const error = await loadVariant((t) => t.replace('  presidingJudge:', '  <<: { court: x }\n  presidingJudge:'));
    expect(error.message).toContain(`report.yaml:${lineOf('presidingJudge')}:3: unknown key "<<" in case`);
    expect(error.message).toContain('hint: YAML merge keys (<<: *anchor) are not read');
  });

  it('names a wrong type with the value and what was expected', async () => {
    const error = await loadVariant((t) => t.replace('  snapshotDay: last', '  snapshotDay: lastday'));
    expect(error.message).toContain(`report.yaml:${lineOf('snapshotDay')}:16: invalid periods.snapshotDay: got "lastday"`);
  });

  it('names a missing required key and where it belongs', async () => {
    const error = await loadVariant((t) => t.replace(/^ {2}email: .*\n/m, ''));
    expect(error.message).toContain('missing required key "email" in filer');
    expect(error.problems[0]!.location!.line).toBe(lineOf('name: Jane'));
  });

  it('reports every problem at once, not just the first', async () => {
    const error = await loadVariant((t) =>
      t.replace('  presidingJudge:', '  presidingJduge:').replace('  first: 2023-06', '  first: 2023-13').replace('  pdf: true', '').replace('output:\n', 'outptu:\n'),
    );
    expect(error.problems.length).toBeGreaterThanOrEqual(3);
    expect(error.message).toContain('did you mean "output"?');
    expect(error.message).toContain('expected a month as YYYY-MM');
  });

  it('rejects a metric that names an unknown field, with a suggestion', async () => {
    const error = await loadVariant((t) => t.replace('where: { field: checkedInOn, present: true }', 'where: { field: checkedIn0n, present: true }'));
    expect(error.message).toContain(`report.yaml:${lineOf('checkedIn: { label: Reported')}`);
    expect(error.message).toContain('unknown field "checkedIn0n"');
    expect(error.message).toContain('did you mean "checkedInOn"?');
  });

  it('rejects an enum value the field does not allow', async () => {
    const error = await loadVariant((t) => t.replace('equals: DETAINED', 'equals: DETAINEE'));
    expect(error.message).toContain('value does not suit field "custodyStatus" (enum): got "DETAINEE"');
    expect(error.message).toContain('did you mean "DETAINED"?');
  });

  it('rejects a filter with two operators', async () => {
    const error = await loadVariant((t) => t.replace('{ field: exitType, absent: true }', '{ field: exitType, absent: true, present: true }'));
    expect(error.message).toContain(`report.yaml:${lineOf('inCountry:')}`);
    expect(error.message).toContain('exactly one operator');
  });

  it('rejects a comparison on a text field', async () => {
    const error = await loadVariant((t) => t.replace('{ field: exitType, absent: true }', '{ field: nationality, gt: 3 }'));
    expect(error.message).toContain('"gt" compares numbers or dates; field "nationality" is string');
  });

  it('keeps relative paths inside the config folder', async () => {
    const error = await loadVariant((t) => t.replace('path: snapshots/{period}.csv', 'path: ../../etc/{period}.csv'));
    expect(error.message).toContain('a relative path may not leave the folder of the report definition: got "../../etc/{period}.csv"');
  });

  it('runs no code: YAML tags are not functions', async () => {
    const error = await loadVariant((t) => t.replace('id: florida-v-mayorkas', 'id: !!js/function "function(){}"'));
    expect(error.message).toMatch(/report\.yaml:\d+:\d+:/);
  });

  it('reports a missing config file', async () => {
    await expect(loadConfig('/nonexistent/report.yaml')).rejects.toThrow(/nonexistent\/report\.yaml: cannot read the report definition/);
  });
});

describe('loadConfigCached', () => {
  it('gives the same resolved config as validating, and validates again when the file changes', async () => {
    const { loadConfigCached } = await import('../../src/config/cached.js');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-cached-'));
    process.env.XDG_CACHE_HOME = path.join(dir, 'cache');
    try {
      await writeFile(path.join(dir, 'body.hbs'), 'body');
      await writeFile(path.join(dir, 'report.yaml'), example);
      const fresh = await loadConfig(path.join(dir, 'report.yaml'), { cwd: dir });
      const first = await loadConfigCached(path.join(dir, 'report.yaml'), { cwd: dir });
      const second = await loadConfigCached(path.join(dir, 'report.yaml'), { cwd: dir });
      expect(first).toEqual(fresh);
      expect(second).toEqual(fresh);
      await writeFile(path.join(dir, 'report.yaml'), example.replace('  presidingJudge:', '  presidingJduge:'));
      await expect(loadConfigCached(path.join(dir, 'report.yaml'), { cwd: dir })).rejects.toThrow('unknown key "presidingJduge"');
    } finally {
      delete process.env.XDG_CACHE_HOME;
    }
  });
});
