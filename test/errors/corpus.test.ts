/**
 * The bad-input corpus. Each folder of test/fixtures/bad/ is a copy of
 * valid/ with one thing broken (or a few, where they must be reported
 * together). The real CLI must exit 1 with every problem at its file, line and
 * column (CSV: line and column name; Excel: sheet, row and column), the value
 * and what was expected, with no stack, and write nothing.
 *
 * The CLI runs in the fixture's folder, so paths in messages are relative.
 */
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, root } from '../e2e/cli.js';
import { build, failure, fixtures, slow, tempDir, validate } from './harness.js';

describe('the base fixture', slow, () => {
  it('builds, so each bad fixture fails only for what it breaks', async () => {
    const out = await tempDir('out');
    const result = await cli(['build', '--config', 'report.yaml', '--period', '2024-05', '--html-only', '--as-of', '2024-06-30', '--out', out], {
      cwd: path.join(fixtures, 'valid'),
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((await readdir(path.join(out, '2024-05'))).sort()).toEqual(['diff.json', 'metrics.json', 'report.html']);
    const validated = await cli(['validate', '--config', 'report.yaml', '--as-of', '2024-06-14'], { cwd: path.join(fixtures, 'valid') });
    expect(validated.code).toBe(0);
  });
});

describe.concurrent('a bad report definition', slow, () => {
  it('malformed YAML: an unclosed bracket', async () => {
    expect(await build('yaml-unclosed-bracket')).toEqual(
      failure(
        'report.yaml:16:3: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
        '    hint: a list written [a, b] needs its closing ] (a mapping {a: 1} its }), on the same line or on a later line indented more than its key',
      ),
    );
  });

  it('malformed YAML: a line indented one space too deep', async () => {
    expect(await build('yaml-bad-indentation')).toEqual(
      failure(
        'report.yaml:16:10: invalid YAML: Nested mappings are not allowed in compact mappings',
        '    hint: line 17 is indented deeper than the key above it, so it is read as part of this value: start its key in the same column as the other keys',
      ),
    );
  });

  it('malformed YAML: a tab as indentation', async () => {
    expect(await build('yaml-tab-indentation')).toEqual(
      failure('report.yaml:17:1: invalid YAML: Tabs are not allowed as indentation', '    hint: indent with spaces, not tabs'),
    );
  });

  it('a key given twice names both lines', async () => {
    expect(await build('yaml-duplicate-key')).toEqual(
      failure('report.yaml:19:3: invalid YAML: the key "name" appears twice in the same mapping, first on line 12', '    hint: remove one of them'),
    );
  });

  it('malformed YAML: two duplicated keys, both reported', async () => {
    expect(await build('yaml-duplicate-keys')).toEqual(
      failure(
        'report.yaml:19:3: invalid YAML: the key "name" appears twice in the same mapping, first on line 12',
        '    hint: remove one of them',
        'report.yaml:22:3: invalid YAML: the key "first" appears twice in the same mapping, first on line 21',
        '    hint: remove one of them',
      ),
    );
  });

  it('an unknown key, with "did you mean"', async () => {
    expect(await build('unknown-key')).toEqual(
      failure('report.yaml:21:3: unknown key "snapshotday" in periods', '    hint: did you mean "snapshotDay"?'),
    );
  });

  it('a value of the wrong type', async () => {
    expect(await build('wrong-type')).toEqual(failure('report.yaml:38:17: invalid output.format.fontSizePt: got "large", expected a number'));
  });

  it('a missing required key', async () => {
    expect(await build('missing-required-key')).toEqual(failure('report.yaml:12:3: missing required key "email" in filer, expected a text'));
  });

  it('a month that is not YYYY-MM', async () => {
    expect(await build('bad-month')).toEqual(failure('report.yaml:20:10: invalid periods.first: got "April 2024", expected a month as YYYY-MM'));
  });

  it('an empty file', async () => {
    expect(await build('empty-config')).toEqual(
      failure(
        'report.yaml: the report definition is empty',
        '    hint: it needs at least id, case, filer, periods, snapshots and template; `court-report schema` describes every key',
      ),
    );
  });

  it('a file with only comments is as empty', async () => {
    expect(await build('config-only-comments')).toEqual(
      failure(
        'report.yaml: the report definition is empty',
        '    hint: it needs at least id, case, filer, periods, snapshots and template; `court-report schema` describes every key',
      ),
    );
  });

  it('several problems in one file, reported in one run', async () => {
    const expected = failure(
      'report.yaml:12:3: missing required key "email" in filer, expected a text',
      'report.yaml:19:10: invalid periods.first: got "2024-4", expected a month as YYYY-MM',
      // A misspelt required key is reported once, as the misspelling.
      'report.yaml:30:12: unknown key "lable" in metrics.total',
      '    hint: did you mean "label"?',
      'report.yaml:37:17: invalid output.format.fontSizePt: got "large", expected a number',
    );
    expect(await build('config-many-problems')).toEqual(expected);
    expect(await validate('config-many-problems')).toEqual(expected);
  });

  it('several unknown names in metrics and events, reported together', async () => {
    expect(await build('config-many-cross-problems')).toEqual(
      failure(
        'report.yaml:32:50: unknown field "stauts", expected a field declared under snapshots.fields (caseId, releasedOn, status, hearings, office)',
        '    hint: did you mean "status"?',
        'report.yaml:33:42: unknown field "ofice", expected a field declared under snapshots.fields (caseId, releasedOn, status, hearings, office)',
        '    hint: did you mean "office"?',
        'report.yaml:35:80: value does not suit field "status" (enum): got "RELEASD", expected one of DETAINED, RELEASED, REMOVED',
        '    hint: did you mean "RELEASED"?',
      ),
    );
  });

  it('a metric that names an unknown field, with "did you mean"', async () => {
    expect(await build('metric-unknown-field')).toEqual(
      failure(
        'report.yaml:32:50: unknown field "stauts", expected a field declared under snapshots.fields (caseId, releasedOn, status, hearings, office)',
        '    hint: did you mean "status"?',
      ),
    );
  });

  it('a filter value outside the field\'s enum', async () => {
    expect(await build('metric-value-not-in-enum')).toEqual(
      failure(
        'report.yaml:32:66: value does not suit field "status" (enum): got "detained", expected one of DETAINED, RELEASED, REMOVED',
        '    hint: did you mean "DETAINED"?',
      ),
    );
  });

  it('an event whose "from" is not one of the enum\'s values', async () => {
    expect(await build('event-from-not-in-enum')).toEqual(
      failure(
        'report.yaml:35:66: value does not suit field "status" (enum): got "DETAIN", expected one of DETAINED, RELEASED, REMOVED',
        '    hint: did you mean "DETAINED"?',
      ),
    );
  });

  it('a filter with two operators in one condition', async () => {
    expect(await build('filter-two-operators')).toEqual(
      failure(
        'report.yaml:32:41: metrics.detained.where: a condition has exactly one operator; this one has 2 (present, equals): got {"field":"status","equals":"DETAINED","present":true}',
        '    hint: to require both, write all: [{ field: status, present: true }, { field: status, equals: "DETAINED" }]',
      ),
    );
  });

  it('a filter operator without a field', async () => {
    expect(await build('filter-operator-without-field')).toEqual(
      failure(
        'report.yaml:32:41: metrics.detained.where: "equals" needs a field to test: got {"equals":"DETAINED"}',
        '    hint: add field: <a field under snapshots.fields>',
      ),
    );
  });

  it('a relative path that climbs out of the config\'s folder', async () => {
    expect(await build('path-leaves-folder')).toEqual(
      failure(
        'report.yaml:22:9: a relative path may not leave the folder of the report definition: got "../shared/snapshots/{period}.csv", expected a path inside the folder of report.yaml, or an absolute path',
        '    hint: move the files into that folder, or write the full path starting with /',
      ),
    );
  });

  it('a template body that is not there', async () => {
    expect(await build('template-body-not-found')).toEqual(
      failure(
        'report.yaml:37:9: template body not found: got "paragraphs.hbs", expected a Handlebars file, relative to the folder of report.yaml',
        '    hint: looked for paragraphs.hbs',
      ),
    );
  });
});

describe.concurrent('a bad period on the command line', slow, () => {
  it('a period before the first one', async () => {
    expect(await build('valid', { period: '2024-03' })).toEqual(
      // At periods.first, where the definition says where the report starts.
      failure('report.yaml:20:10: period 2024-03 comes before the first period of this report: got "2024-03", expected 2024-04 or later'),
    );
  });

  it('a period whose snapshot day is after --as-of', async () => {
    expect(await build('valid', { period: '2024-07' })).toEqual(
      failure(
        'period 2024-07 is in the future: its snapshot is taken as of 2024-07-31, after the as-of date 2024-06-30',
        '    hint: pick an earlier period, or pass --as-of',
      ),
    );
  });
});

describe.concurrent('a bad snapshot file', slow, () => {
  it('a missing file names the path it expected', async () => {
    expect(await build('snapshot-missing')).toEqual(
      failure(
        'report.yaml:22:9: snapshot for 2024-04 not found: expected snapshots/2024-04.csv',
        '    hint: add the file, or check snapshots.path in the config ({period} stands for the period, YYYY-MM)',
      ),
    );
  });

  it('an extension no reader knows, for each period it stops (oldest first)', async () => {
    expect(await build('snapshot-format-unknown')).toEqual(
      failure(
        'report.yaml:22:9: cannot read snapshot snapshots/2024-04.xls: the format is known by the extension .csv, .json, .yaml, .yml, .xlsx or .parquet',
        '    hint: check snapshots.path in the config',
        'report.yaml:22:9: cannot read snapshot snapshots/2024-05.xls: the format is known by the extension .csv, .json, .yaml, .yml, .xlsx or .parquet',
        '    hint: check snapshots.path in the config',
      ),
    );
  });

  it('an empty file', async () => {
    expect(await build('snapshot-empty')).toEqual(failure('snapshots/2024-05.csv: is empty'));
  });

  it('a CSV with only its header', async () => {
    expect(await build('csv-header-only')).toEqual(failure('snapshots/2024-05.csv: has no records (only a header line)'));
  });

  it('a missing key column', async () => {
    expect(await build('csv-missing-key-column')).toEqual(
      failure(
        'snapshots/2024-05.csv:1: no column "CASE_ID" (field caseId) in the header: RELEASE_DATE, STATUS, HEARINGS, OFFICE',
        '    hint: add the column, or set snapshots.fields.caseId.column to the name the file uses',
      ),
    );
  });

  it('a renamed column, with "did you mean"', async () => {
    expect(await build('csv-renamed-column')).toEqual(
      failure(
        'snapshots/2024-05.csv:1: no column "RELEASE_DATE" (field releasedOn) in the header: CASE_ID, RELEASED_DATE, STATUS, HEARINGS, OFFICE',
        '    hint: did you mean "RELEASED_DATE"? If so, rename it in the file or set snapshots.fields.releasedOn.column: RELEASED_DATE',
      ),
    );
  });

  it('a CSV separated by semicolons is named as such, once', async () => {
    expect(await build('csv-semicolons')).toEqual(
      failure(
        'snapshots/2024-05.csv:1: is separated by semicolons, not commas: the header reads as one column: got "CASE_ID;RELEASE_DATE;STATUS;HEARINGS;OFFICE"',
        '    hint: save it as comma-separated CSV (in Excel: Save As › "CSV UTF-8 (Comma delimited)"), or set snapshots.delimiter: ";" in the config',
      ),
    );
  });

  it('a duplicate key names both lines', async () => {
    expect(await build('csv-duplicate-key')).toEqual(
      failure(
        'snapshots/2024-05.csv:5 (column CASE_ID): duplicate Case ID "C-002", also on line 3',
        '    hint: the key field (snapshots.key) must identify one record',
      ),
    );
  });

  it('an unparseable date', async () => {
    expect(await build('csv-unparseable-date')).toEqual(
      failure('snapshots/2024-05.csv:4 (column RELEASE_DATE): not a date: got "Feb 20 2024", expected a date like 2024-05-31 (formats: yyyy-MM-dd)'),
    );
  });

  it('a US date where only ISO dates are declared, with where to declare its format', async () => {
    expect(await build('csv-us-date')).toEqual(
      failure(
        'snapshots/2024-05.csv:4 (column RELEASE_DATE): not a date: got "2/20/2024", expected a date like 2024-05-31 (formats: yyyy-MM-dd)',
        '    hint: if the file writes dates as month/day/year, add M/d/yyyy to snapshots.fields.releasedOn.formats',
      ),
    );
  });

  it('2024-02-30, which is not a calendar date', async () => {
    expect(await build('csv-not-calendar-date')).toEqual(
      failure('snapshots/2024-05.csv:4 (column RELEASE_DATE): not a calendar date: got "2024-02-30", expected a date like 2024-05-31 (formats: yyyy-MM-dd)'),
    );
  });

  it('a value outside the enum, with "did you mean"', async () => {
    expect(await build('csv-enum-typo')).toEqual(
      failure(
        'snapshots/2024-05.csv:4 (column STATUS): not one of the allowed values: got "DETIANED", expected one of: DETAINED, RELEASED, REMOVED',
        '    hint: did you mean "DETAINED"?',
      ),
    );
  });

  it('an enum value in the wrong case', async () => {
    expect(await build('csv-enum-case')).toEqual(
      failure(
        'snapshots/2024-05.csv:4 (column STATUS): not one of the allowed values: got "Detained", expected one of: DETAINED, RELEASED, REMOVED',
        '    hint: did you mean "DETAINED"? Values are case-sensitive',
      ),
    );
  });

  it('"1,234" where an integer is declared', async () => {
    expect(await build('csv-thousands-separator')).toEqual(
      failure(
        'snapshots/2024-05.csv:5 (column HEARINGS): not a whole number: got "1,234", expected a whole number like 1234',
        '    hint: remove the thousands separators',
      ),
    );
  });

  it('bytes that are not UTF-8', async () => {
    // The fixture holds "Bogotá" in Latin-1: the byte 0xE1 alone.
    const bytes = await readFile(path.join(fixtures, 'non-utf8/snapshots/2024-05.csv'));
    expect(bytes.includes(Buffer.from('Bogot\xe1\n', 'latin1'))).toBe(true);
    expect(await build('non-utf8')).toEqual(
      failure('snapshots/2024-05.csv:5:33: is not UTF-8 text (byte 0xE1 is not valid UTF-8)', '    hint: save it as UTF-8 (in Excel: Save As › "CSV UTF-8"), or set snapshots.encoding to the encoding it was saved in (utf-8, windows-1252, utf-16le, utf-16be)'),
    );
  });

  it('a ragged row', async () => {
    expect(await build('csv-ragged-row')).toEqual(
      failure('snapshots/2024-05.csv:4: has 6 values but the header has 5 columns', '    hint: a value with a comma must be in double quotes ("Smith, John")'),
    );
  });

  it('a quote never closed', async () => {
    expect(await build('csv-unclosed-quote')).toEqual(
      failure(
        'snapshots/2024-05.csv:4: is not valid CSV: a quoted value is never closed (its closing " is missing)',
        '    hint: a value with commas, quotes or line breaks must be in double quotes, with quotes inside it doubled ("")',
      ),
    );
  });

  it('a required field left empty', async () => {
    expect(await build('csv-required-empty')).toEqual(
      failure('snapshots/2024-05.csv:4 (column RELEASE_DATE): required value is missing, expected a date like 2024-05-31 (formats: yyyy-MM-dd)'),
    );
  });

  it('an empty key', async () => {
    expect(await build('csv-key-empty')).toEqual(
      failure(
        'snapshots/2024-05.csv:4 (column CASE_ID): required value is missing, expected a text',
        '    hint: every record needs a value in the key field (snapshots.key)',
      ),
    );
  });

  it('several bad cells in one CSV, reported together', async () => {
    expect(await build('csv-many-bad-cells')).toEqual(
      failure(
        'snapshots/2024-05.csv:2 (column RELEASE_DATE): not a calendar date: got "2024-13-15", expected a date like 2024-05-31 (formats: yyyy-MM-dd)',
        'snapshots/2024-05.csv:3 (column HEARINGS): not a whole number: got "one", expected a whole number like 1234',
        'snapshots/2024-05.csv:4 (column STATUS): not one of the allowed values: got "DETIANED", expected one of: DETAINED, RELEASED, REMOVED',
        '    hint: did you mean "DETAINED"?',
        'snapshots/2024-05.csv:6 (column RELEASE_DATE): required value is missing, expected a date like 2024-05-31 (formats: yyyy-MM-dd)',
      ),
    );
  });

  it('a ragged row and a bad cell, reported together', async () => {
    expect(await build('csv-ragged-and-bad-cells')).toEqual(
      failure(
        'snapshots/2024-05.csv:4: has 6 values but the header has 5 columns',
        '    hint: a value with a comma must be in double quotes ("Smith, John")',
        'snapshots/2024-05.csv:6 (column RELEASE_DATE): not a date: got "04/22/2024", expected a date like 2024-05-31 (formats: yyyy-MM-dd)',
        '    hint: if the file writes dates as month/day/year, add M/d/yyyy to snapshots.fields.releasedOn.formats',
      ),
    );
  });

  it('a JSON snapshot that is not an array', async () => {
    expect(await build('json-not-array')).toEqual(
      failure(
        'snapshots/2024-05.json: must be a list of records (a JSON array of objects): got an object with 1 property',
        '    hint: the records may be the list at records: set snapshots.root to records',
      ),
    );
  });

  it('malformed JSON, at its line and column', async () => {
    expect(await build('json-malformed')).toEqual(
      failure(
        'snapshots/2024-05.json:3:113: is not valid JSON: Expected double-quoted property name',
        '    hint: JSON allows no comma after the last item of a list or object: remove it',
      ),
    );
  });

  it('a bad JSON value, at its line and column', async () => {
    expect(await build('json-bad-value')).toEqual(
      failure('snapshots/2024-05.json:13:17 (column HEARINGS): not a whole number: got 1.5, expected a whole number like 1234'),
    );
  });
});

describe('a bad Excel snapshot', slow, () => {
  const header = ['CASE_ID', 'RELEASE_DATE', 'STATUS', 'HEARINGS', 'OFFICE'];
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
  const april = [
    ['C-001', day('2024-01-15'), 'DETAINED', 2, 'Miami'],
    ['C-002', day('2024-02-03'), 'RELEASED', 0, 'Orlando'],
  ];
  const may = [
    ['C-001', day('2024-01-15'), 'RELEASED', 2, 'Miami'],
    ['C-002', day('2024-02-03'), 'RELEASED', 1, 'Orlando'],
    // Typed into a date column as text, and not a calendar date.
    ['C-003', '2024-02-30', 'DETAINED', 1, 'Miami'],
  ];

  /** A copy of the fixture with its workbooks written in, sheet `sheet`. */
  async function withWorkbooks(fixture: string, sheet: string): Promise<string> {
    const dir = await tempDir(fixture);
    await cp(path.join(fixtures, fixture), dir, { recursive: true });
    await mkdir(path.join(dir, 'snapshots'), { recursive: true });
    for (const [period, rows] of [['2024-04', april], ['2024-05', may]] as const) {
      const workbook = new ExcelJS.Workbook();
      const worksheet = workbook.addWorksheet(sheet);
      worksheet.addRow(header);
      rows.forEach((row) => worksheet.addRow(row));
      await writeFile(path.join(dir, 'snapshots', `${period}.xlsx`), Buffer.from(await workbook.xlsx.writeBuffer()));
    }
    return dir;
  }

  let badDate: string;
  let wrongSheet: string;
  beforeAll(async () => {
    [badDate, wrongSheet] = await Promise.all([withWorkbooks('xlsx-bad-date', 'Cases'), withWorkbooks('xlsx-wrong-sheet', 'Sheet1')]);
  });

  it('a bad date names the sheet, row and column', async () => {
    expect(await build('xlsx-bad-date', { dir: badDate })).toEqual(
      failure(
        'snapshots/2024-05.xlsx [sheet Cases]:4 (column B (RELEASE_DATE)): not a calendar date: got "2024-02-30", expected a date like 2024-05-31 (formats: yyyy-MM-dd)',
      ),
    );
  });

  it('a sheet that is not there lists the ones that are', async () => {
    expect(await build('xlsx-wrong-sheet', { dir: wrongSheet })).toEqual(
      failure(
        'snapshots/2024-04.xlsx: has no sheet "Cases"; its sheets are: "Sheet1"',
        '    hint: set snapshots.sheet in the config to the sheet\'s name',
        'snapshots/2024-05.xlsx: has no sheet "Cases"; its sheets are: "Sheet1"',
        '    hint: set snapshots.sheet in the config to the sheet\'s name',
      ),
    );
  });
});

describe.concurrent('a bad template', slow, () => {
  it('a syntax error, at its line and column', async () => {
    expect(await build('template-syntax-error')).toEqual(
      failure('body.hbs:1:136: template syntax error: unexpected "}"', '    hint: every {{ needs its }}, and every {{#block}} its {{/block}}'),
    );
  });

  it('a block never closed, at the line that opens it', async () => {
    expect(await build('template-unclosed-block')).toEqual(
      failure('body.hbs:2:1: template syntax error: {{#if}} is never closed', '    hint: add {{/if}} where the block ends'),
    );
  });

  it('an undefined variable (strict mode), with "did you mean"', async () => {
    expect(await build('template-undefined-variable')).toEqual(
      failure(
        'body.hbs:1:17: period.snapshotDay is not defined (given to date)',
        '    hint: did you mean "period.snapshotDate"? The names in period are: id, start, end, snapshotDate, dueDate, label',
      ),
    );
  });

  it('an undefined metric, with "did you mean"', async () => {
    expect(await build('template-undefined-metric')).toEqual(
      failure(
        'body.hbs:1:114: metrics.detianed.value is not defined (given to number)',
        '    hint: did you mean "metrics.detained"? The metrics of this report are: total, detained, byOffice',
      ),
    );
  });

  it('an undefined partial', async () => {
    const result = await build('template-undefined-partial');
    expect(result).toEqual(failure('body.hbs:5:1: no partial named metric-tabel', expect.stringContaining('    hint: did you mean "metric-table"? The partials are: ')));
  });

  it('personal data in the body is refused naming the report\'s numbered paragraph and the template line, masked', async () => {
    expect(await build('pii-in-a-paragraph')).toEqual(
      failure(
        'report.html:222: the caseId of record ****-002 would be printed in full ("****") in paragraph 3, written in body.hbs:5; nothing was written',
        '    hint: caseId is marked pii: show it only masked (pii fields reach templates masked), or remove it; a value that may be printed (a named party) goes in privacy.allow',
      ),
    );
  });

  it('a condition on a metric the report does not have, which strict mode lets render as false', async () => {
    const expected = failure(
      'body.hbs:5:7: metrics.detianed.value is not defined (given to if)',
      '    hint: did you mean "metrics.detained"? The metrics of this report are: total, detained, byOffice',
    );
    expect(await build('template-if-unknown-metric')).toEqual(expected);
    expect(await validate('template-if-unknown-metric')).toEqual(expected);
  });

  it('every undefined name of a template at once, in file order, a repeated one once naming its other places', async () => {
    const expected = failure(
      'body.hbs:1:17: period.snapshotDay is not defined (given to date)',
      '    hint: did you mean "period.snapshotDate"? The names in period are: id, start, end, snapshotDate, dueDate, label',
      'body.hbs:1:59: no helper named numbr',
      expect.stringContaining('    hint: did you mean "number"? The helpers are: ') as unknown as string,
      'body.hbs:1:112: metrics.detianed.value is not defined (given to number), also at 6:22',
      '    hint: did you mean "metrics.detained"? The metrics of this report are: total, detained, byOffice',
      'body.hbs:3:13: events.relased.count is not defined (given to plural)',
      '    hint: did you mean "events.released"? The events of this report are: released',
      'body.hbs:5:1: no partial named metric-tabel',
      expect.stringContaining('    hint: did you mean "metric-table"? The partials are: ') as unknown as string,
      'body.hbs:5:46: lookupMetrics: no metric "detainee"',
      '    hint: did you mean "detained"? The metrics of this report are: total, detained, byOffice',
      'body.hbs:6:52: case.nmber is not defined',
      '    hint: did you mean "case.number"? The names in case are: court, district, number, judges, plaintiffs, defendants, order, captionNumber',
    );
    expect(await validate('template-many-undefined-names')).toEqual(expected);
    expect(await build('template-many-undefined-names')).toEqual(expected);
  });

  it('an unknown helper', async () => {
    const result = await build('template-unknown-helper');
    expect(result).toEqual(failure('body.hbs:1:60: no helper named numbr', expect.stringContaining('    hint: did you mean "number"? The helpers are: ')));
  });
});

describe.concurrent('validate reports the problems of every file at once', slow, () => {
  it('a config, an April and a May problem', async () => {
    expect(await validate('validate-all-at-once')).toEqual(
      failure(
        'report.yaml:38:17: invalid output.format.fontSizePt: got "large", expected a number',
        'snapshots/2024-04.csv:4 (column RELEASE_DATE): not a calendar date: got "2024-02-30", expected a date like 2024-05-31 (formats: yyyy-MM-dd)',
        'snapshots/2024-05.csv:5 (column STATUS): not one of the allowed values: got "REMOVD", expected one of: DETAINED, RELEASED, REMOVED',
        '    hint: did you mean "REMOVED"?',
      ),
    );
  });

  it('a template and a snapshot problem', async () => {
    expect(await validate('validate-template-and-snapshot')).toEqual(
      failure(
        'body.hbs:2:1: template syntax error: {{#if}} is never closed',
        '    hint: add {{/if}} where the block ends',
        'snapshots/2024-04.csv:4 (column RELEASE_DATE): not a calendar date: got "2024-02-30", expected a date like 2024-05-31 (formats: yyyy-MM-dd)',
      ),
    );
  });
});

describe('a corrupted line in the example', slow, () => {
  it('fails naming the file and line 100, and leaves the previous build untouched', async () => {
    const dir = await tempDir('example');
    await cp(path.join(root, 'data/florida-v-mayorkas'), dir, { recursive: true });
    const out = path.join(dir, 'out');
    const args = ['build', '--config', 'report.yaml', '--period', '2024-05', '--html-only', '--as-of', '2024-06-14', '--out', out];
    expect((await cli(args, { cwd: dir })).code).toBe(0);
    const previous = await snapshotOf(out);
    expect(Object.keys(previous).sort()).toEqual(['2024-05/diff.json', '2024-05/metrics.json', '2024-05/report.html']);

    const snapshotFile = path.join(dir, 'snapshots/2024-05.csv');
    const lines = (await readFile(snapshotFile, 'utf8')).split('\n');
    const [aNumber, country, releasedOn] = lines[99]!.split(',');
    expect(releasedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    lines[99] = lines[99]!.replace(`${aNumber},${country},${releasedOn},`, `${aNumber},${country},2024-13-45,`);
    await writeFile(snapshotFile, lines.join('\n'));

    const result = await cli(args, { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'snapshots/2024-05.csv:100 (column RELEASE_DATE): not a calendar date: got "2024-13-45", expected a date like 2024-05-31 (formats: yyyy-MM-dd, M/d/yyyy)',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const after = await snapshotOf(out);
    expect(Object.keys(after).filter((file) => file.endsWith('.tmp'))).toEqual([]);
    expect(after).toEqual(previous);
  });

  /** Every file under `dir` (temporary ones included) and its bytes. */
  async function snapshotOf(dir: string): Promise<Record<string, Buffer>> {
    const files: Record<string, Buffer> = {};
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      files[path.relative(dir, file)] = await readFile(file);
    }
    return files;
  }
});
