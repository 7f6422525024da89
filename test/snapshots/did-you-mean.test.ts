import { describe, expect, it } from 'vitest';
import { closest, levenshtein } from '../../src/snapshots/did-you-mean.js';

describe('levenshtein', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('same', 'same')).toBe(0);
  });
});

describe('closest', () => {
  it('suggests a near name ignoring case and surrounding spaces', () => {
    expect(closest('RELEASE_DATE', ['A_NUMBER', ' release_dt ', 'STATUS'])).toBe(' release_dt ');
  });

  it('prefers the nearest of several candidates', () => {
    expect(closest('status', ['statue', 'stat', 'STATUS'])).toBe('STATUS');
  });

  it('suggests nothing when no candidate is a likely typo', () => {
    expect(closest('RELEASE_DATE', ['A_NUMBER', 'NAME'])).toBeUndefined();
    expect(closest('ab', ['xy'])).toBeUndefined();
  });
});
