import { describe, expect, it } from 'vitest';
import { maskedKeyLists, maskedLabels, maskPii } from '../../src/privacy/mask.js';

describe('maskPii', () => {
  it('shows a date by its year only', () => expect(maskPii('2009-01-23', 'date', 4)).toBe('2009-**-**'));
  it('shows an identifier by its last characters behind a fixed-width mask', () => {
    expect(maskPii('BK-2024-1050', 'string', 4)).toBe('****1050');
    expect(maskPii('B2024001981', 'string', 4)).toBe(maskPii('B1981', 'string', 4));
  });
  it('reads identifiers and names alike whether written in ASCII or not', () => {
    expect(maskPii('A#12:3/4.5_6', 'string', 4)).toBe('****.5_6');
    expect(maskPii('No1 Smith', 'string', 4)).toBe('N. S.');
    expect(maskPii('ABC-DEF', 'string', 4)).toBe('A.');
    expect(maskPii('Ñ-123456', 'string', 4)).toBe('****3456');
    expect(maskPii('A12𝟘𝟙𝟚𝟛', 'string', 2)).toBe('****𝟚𝟛');
  });
  it('shows a name by its initials only', () => expect(maskPii('Jordan  Kavanaugh', 'string', 4)).toBe('J. K.'));
  it('hides an identifier in full with maskVisible 0', () => expect(maskPii('1001', 'integer', 0)).toBe('****'));
});

describe('maskedLabels', () => {
  it('numbers keys that mask alike in the order of their real values', () => {
    expect(Object.fromEntries(maskedLabels(['2001', '1001', '1500'], 'integer', 4))).toEqual({ '1001': '****001 #1', '2001': '****001 #2', '1500': '****500' });
  });
});

describe('maskedKeyLists', () => {
  it('labels sorted lists as maskedLabels labels their keys together', () => {
    const added = ['1001', '3001', '4500'];
    const removed = ['2001', '4501'];
    const changed = ['0001', '3001', '3001', '9500'];
    const labels = maskedLabels([...added, ...removed, ...changed], 'integer', 3);
    expect(maskedKeyLists([added, removed, changed], 'integer', 3)).toEqual([added, removed, changed].map((keys) => keys.map((k) => labels.get(k))));
    expect(maskedKeyLists([added, removed, changed], 'integer', 3)[2]).toEqual(['****001 #1', '****001 #4', '****001 #4', '****500 #2']);
  });

  it('labels lists that are not sorted all the same', () => {
    expect(maskedKeyLists([['2001', '1001'], ['1500']], 'integer', 3)).toEqual([['****001 #2', '****001 #1'], ['****500']]);
  });
});
