import { describe, expect, it } from 'vitest';
import { diffTokens, hunks } from '../../src/review/redline/diff.js';
import { redlineReports } from '../../src/review/redline/index.js';
import { reportText, tokenize } from '../../src/review/redline/tokens.js';

const texts = (text: string) => tokenize(text).map((t) => t.text);

describe('the redline tokeniser', () => {
  it('keeps figures whole: thousands, decimals, signs, percents, dollars', () => {
    expect(texts('2,545 of 2,572 (98.9%), +12, −3 and $1,200.50')).toEqual(['2,545', 'of', '2,572', '(', '98.9%', ')', ',', '+12', ',', '−3', 'and', '$1,200.50']);
  });
  it('keeps dates whole, written out or numeric', () => {
    expect(texts('As of May 31, 2024 and 2024-06-14, or 6/14/2024.')).toEqual(['As', 'of', 'May 31, 2024', 'and', '2024-06-14', ',', 'or', '6/14/2024', '.']);
  });
  it('keeps citations whole', () => {
    expect(texts('under Fed. R. Civ. P. 5.2 and 6(a), ECF No. 30, No. 3:23-cv-9962-TKW-ZCB, N.D. Fla. Loc. R. 5.1(D), 8 U.S.C. § 1226(a)')).toEqual([
      'under', 'Fed. R. Civ. P. 5.2', 'and', '6', '(', 'a', ')', ',', 'ECF No. 30', ',', 'No. 3:23-cv-9962-TKW-ZCB', ',', 'N.D. Fla. Loc. R. 5.1(D)', ',', '8 U.S.C. § 1226(a)',
    ]);
  });
  it('keeps words with inner apostrophes and hyphens whole', () => {
    expect(texts('the Court’s Order; check-ins')).toEqual(['the', 'Court’s', 'Order', ';', 'check-ins']);
  });
  it('reads the text of a report: no styles, chart or watermark, entities decoded', () => {
    const html = '<html><head><style>p{}</style></head><body><div class="watermark">DRAFT</div><p>A &amp; B</p><svg><text>12</text></svg><p>C</p></body></html>';
    expect(texts(reportText(html))).toEqual(['A', '&', 'B', 'C']);
  });
});

describe('the redline', () => {
  it('strikes a changed figure and inserts the new one, each whole', () => {
    const edits = diffTokens(tokenize('ICE reports 2,545 check-ins.'), tokenize('ICE reports 2,548 check-ins.'));
    expect(edits.map((e) => [e.kind, e.tokens.map((t) => t.text)])).toEqual([
      ['equal', ['ICE', 'reports']],
      ['delete', ['2,545']],
      ['insert', ['2,548']],
      ['equal', ['check-ins', '.']],
    ]);
  });
  it('counts inserted and deleted tokens', () => {
    const redline = redlineReports('<p>As of April 30, 2024, 2,545 people.</p>', '<p>As of May 31, 2024, 2,548 people and more.</p>', 'April');
    expect(redline).toMatchObject({ insertions: 4, deletions: 2 });
  });
  it('shows each change with a few words of context, far-apart changes in their own hunks', () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
    const before = tokenize(words.join(' '));
    const after = tokenize(words.map((w) => (w === 'w5' ? 'x5' : w === 'w30' ? 'x30' : w)).join(' '));
    const found = hunks(diffTokens(before, after), 3);
    expect(found).toHaveLength(2);
    expect(found[0]!.parts).toEqual([
      { kind: 'equal', text: '… w2 w3 w4' },
      { kind: 'delete', text: ' w5' },
      { kind: 'insert', text: ' x5' },
      { kind: 'equal', text: ' w6 w7 w8 …' },
    ]);
  });
  it('finds nothing between identical reports', () => {
    expect(redlineReports('<p>Same 2,572.</p>', '<p>Same 2,572.</p>', 'x')).toMatchObject({ against: 'x', insertions: 0, deletions: 0, hunks: [] });
  });
});
