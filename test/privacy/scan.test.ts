import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { assertNoPersonalData, piiIndex, type OutputText } from '../../src/privacy/scan.js';
import { snapshotOfRecords } from '../../src/snapshots/columnar.js';
import type { FieldSpec, Snapshot } from '../../src/snapshots/types.js';

function field(name: string, pii: boolean): FieldSpec {
  return { name, label: name, type: 'string', column: name.toUpperCase(), formats: [], values: undefined, required: false, pii };
}

function snapshot(period: string, rows: Array<[string, string, string]>): Snapshot {
  const fields = [field('aNumber', true), field('name', true), field('office', false)];
  return snapshotOfRecords({ period, file: `${period}.csv`, fields, keyIndex: 0 }, rows);
}

const may = snapshot('2024-05', [
  ['A123456789', 'Maria Lopez', 'Miami'],
  ['A987654321', 'Jo', 'Tampa'],
  ['xQ55aa01', 'Straße Weiß', 'Tampa'],
]);
const april = snapshot('2024-04', [['A555000111', 'Maria Lopez', 'Miami']]);

/** Where and what the check reports for some outputs, or [] when they pass. */
function problems(outputs: OutputText[] | string, snapshots: Snapshot[] = [may], allow: string[] = []): string[] {
  const list = typeof outputs === 'string' ? [{ name: 'report.html', text: outputs }] : outputs;
  try {
    assertNoPersonalData(list, snapshots.map((s) => piiIndex(s, allow)), { maskVisible: 4 });
    return [];
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return error.problems.map((p) => `${p.location?.file}:${p.location?.line}: ${p.message}`);
  }
}

const aNumber = (line = 1, file = 'report.html') => `${file}:${line}: the aNumber of record ****6789 would be printed in full ("****"); nothing was written`;
const name = (line = 1, record = '****6789', file = 'report.html') => `${file}:${line}: the name of record ${record} would be printed in full ("****"); nothing was written`;

describe('the personal-data check', () => {
  it('passes a document that shows only masked values and other fields', () => {
    expect(problems('<p>****6789 checked in at Miami and Tampa.</p>')).toEqual([]);
  });

  it('finds a raw value as a word, after punctuation is trimmed, and across tags', () => {
    expect(problems('<td>A123456789</td>')).toEqual([aNumber()]);
    expect(problems('<p>See A123456789.</p>')).toEqual([aNumber()]);
    expect(problems('<p>A1234<b></b>56789</p>')).toEqual([aNumber()]);
  });

  it('finds a value of several words, also written with entities or across a line break', () => {
    expect(problems('<p>Maria Lopez</p>')).toEqual([name()]);
    expect(problems('<p>Maria&#32;Lopez</p>')).toEqual([name()]);
    expect(problems('<h1>x</h1>\n<p>Maria\n   Lopez</p>')).toEqual([name(2)]);
  });

  it('ignores case, Unicode form and spacing', () => {
    expect(problems('<p>MARIA LOPEZ</p>')).toEqual([name()]);
    expect(problems('<p>ｍａｒｉａ　ｌｏｐｅｚ</p>')).toEqual([name()]);
    expect(problems('<p>a123456789</p>')).toEqual([aNumber()]);
    expect(problems('<p>STRASSE WEISS</p>')).toEqual(['report.html:1: the name of record ****aa01 would be printed in full ("****"); nothing was written']);
    // A key in mixed case is found in any case too.
    expect(problems('<p>XQ55AA01</p>')).toEqual(['report.html:1: the aNumber of record ****aa01 would be printed in full ("****"); nothing was written']);
  });

  it('checks every output it is given, naming each', () => {
    const outputs = [
      { name: 'report.html', text: '<p>nothing here</p>' },
      { name: 'metrics.json', text: '{\n  "label": "Maria Lopez"\n}\n' },
    ];
    expect(problems(outputs)).toEqual(['metrics.json:2: the name of record ****6789 would be printed in full ("****") at label; nothing was written']);
  });

  it('lets values in privacy.allow be printed, in any case', () => {
    expect(problems('<p>MARIA LOPEZ</p>', [may], ['maria lopez'])).toEqual([]);
    expect(problems('<p>A123456789</p>', [may], ['a123456789'])).toEqual([]);
    expect(problems('<p>A123456789 Maria Lopez</p>', [may], ['Maria Lopez'])).toEqual([aNumber()]);
  });

  it('finds plain keys of every length the snapshot has, and a token of the right length only', () => {
    const keys = snapshot('2024-05', [['B1234', 'Ana Ruiz', 'Miami'], ['C12345678901234', 'Luis Paz', 'Tampa']]);
    expect(problems('<p>b1234 and C12345678901234</p>', [keys])).toEqual([
      'report.html:1: the aNumber of record ****1234 would be printed in full ("****"); nothing was written',
      'report.html:1: the aNumber of record ****1234 would be printed in full ("****"); nothing was written',
    ]);
    expect(problems('<p>B123 B12345 C1234567890123</p>', [keys])).toEqual([]);
  });

  it('names the line of a value found far into a document', () => {
    expect(problems(`${'<p>line</p>\n'.repeat(500)}<p>A987654321</p>`)).toEqual(['report.html:501: the aNumber of record ****4321 would be printed in full ("****"); nothing was written']);
  });

  it('keeps a numeric entity past the last code point as written', () => {
    expect(problems('<p>&#99999999; &#x110000; Maria&#x20;Lopez</p>')).toEqual([name()]);
  });

  it('ignores values shorter than four characters and the payload of data: URLs', () => {
    expect(problems('<p>Jo</p>')).toEqual([]);
    expect(problems('<img src="data:image/png;base64,QTEyMzQ1Njc4OQA123456789">')).toEqual([]);
  });

  it('reports a value found in two snapshots once, from the first', () => {
    expect(problems('<p>Maria Lopez</p>', [may, april])).toEqual([name()]);
    expect(problems('<p>Maria Lopez</p>', [april, may])).toEqual([name(1, '****0111')]);
  });
});
