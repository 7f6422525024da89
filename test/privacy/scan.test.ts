import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { assertNoPii, piiIndex } from '../../src/privacy/scan.js';
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
]);
const april = snapshot('2024-04', [['A555000111', 'Maria Lopez', 'Miami']]);

/** The problems assertNoPii reports for a document, or [] when it passes. */
function problems(html: string, snapshots: Snapshot[] = [may]): string[] {
  try {
    assertNoPii(html, snapshots.map(piiIndex), 4);
    return [];
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return error.problems.map((p) => p.message);
  }
}

describe('the personal-data check', () => {
  it('passes a document that shows only masked values and other fields', () => {
    expect(problems('<p>******6789 checked in at Miami and Tampa.</p>')).toEqual([]);
  });

  it('finds a raw value as a word, after punctuation is trimmed, and across tags', () => {
    const expected = ['the report would print the aNumber of record ******6789 in full; nothing was written'];
    expect(problems('<td>A123456789</td>')).toEqual(expected);
    expect(problems('<p>See A123456789.</p>')).toEqual(expected);
    expect(problems('<p>A1234<b></b>56789</p>')).toEqual(expected);
  });

  it('finds a value of several words, also written with entities', () => {
    const expected = ['the report would print the name of record ******6789 in full; nothing was written'];
    expect(problems('<p>Maria Lopez</p>')).toEqual(expected);
    expect(problems('<p>Maria&#32;Lopez</p>')).toEqual(expected);
  });

  it('ignores values shorter than four characters and the payload of data: URLs', () => {
    expect(problems('<p>Jo</p>')).toEqual([]);
    expect(problems('<img src="data:image/png;base64,QTEyMzQ1Njc4OQA123456789">')).toEqual([]);
  });

  it('reports a value found in two snapshots once, from the first', () => {
    expect(problems('<p>Maria Lopez</p>', [may, april])).toEqual([
      'the report would print the name of record ******6789 in full; nothing was written',
    ]);
    expect(problems('<p>Maria Lopez</p>', [april, may])).toEqual([
      'the report would print the name of record ******0111 in full; nothing was written',
    ]);
  });
});
