/** The words a personal-data refusal quotes: the value, and every other pii value in them, masked. */
import { describe, expect, it } from 'vitest';
import { maskedExcerpt } from '../../src/privacy/excerpt.js';
import { personalDataOf } from '../../src/privacy/scan.js';
import { field, snapshot } from '../helpers.js';

const pii = personalDataOf(
  [snapshot('2024-05', [field('aNumber', 'string', { pii: true, required: true }), field('name', 'string', { pii: true })], [{ aNumber: 'A123456789', name: 'Luis Ortega' }])],
  { privacy: { allow: [] } },
);

describe('maskedExcerpt', () => {
  it('quotes the first eight words, spacing collapsed, with "…" when there are more', () => {
    expect(maskedExcerpt('As of  May 31,\n2024, the figures were as follows.', pii)).toBe('As of May 31, 2024, the figures were…');
  });

  it('masks a name that the cut would halve, and a key in any case', () => {
    expect(maskedExcerpt('One two three four five six seven Luis Ortega and a123456789', pii)).toBe('One two three four five six seven ****…');
    expect(maskedExcerpt('Filed for A123456789 and LUIS ORTEGA.', pii)).toBe('Filed for **** and ****.');
  });

  it('quotes a text whose folding changes its length folded, the value still masked', () => {
    expect(maskedExcerpt('Straße ﬁle of Luis Ortega', pii)).toBe('strasse file of ****');
  });
});
