/** Where a personal-data value sits in an output, as the one fixing it reads the document. */
import { describe, expect, it } from 'vitest';
import { placeIn } from '../../src/privacy/where.js';

const report = [
  '<header class="caption"><p class="party-names">MARIA LOPEZ,</p></header>',
  '<section class="paragraphs">',
  '<p>One.</p>',
  '<p class="unnumbered">A note on Maria Lopez.</p>',
  '<p>Two, with <strong>Maria</strong> Lopez in bold.</p>',
  '</section>',
  '<section class="exhibit"><table><tr><td>maria lopez</td></tr></table></section>',
].join('\n');

describe('the place of a value found', () => {
  it('in report.html: the numbered paragraph, counted as the stylesheet counts them', () => {
    expect(placeIn('report.html', report, 5, 'maria lopez')).toBe('in paragraph 2');
    expect(placeIn('report.html', report, 4, 'maria lopez')).toBe('in the unnumbered text after paragraph 1');
  });

  it('in report.html: the part of the filing outside the paragraphs', () => {
    expect(placeIn('report.html', report, 1, 'maria lopez')).toBe('in the caption');
    expect(placeIn('report.html', report, 7, 'maria lopez')).toBe('in Exhibit A');
  });

  it('in a JSON output: the path, never the key itself', () => {
    const metrics = JSON.stringify({ metrics: { byName: { groups: { 'Maria Lopez': 1 } }, total: { label: 'x', notes: ['ok', 'for MARIA LOPEZ'] } } }, null, 2);
    expect(placeIn('metrics.json', metrics, 1, 'maria lopez')).toBe('in a key of metrics.byName.groups');
    const diff = JSON.stringify({ events: [{ label: 'a' }, { 'label text': 'Maria Lopez' }] });
    expect(placeIn('diff.json', diff, 1, 'maria lopez')).toBe('at events[1]["label text"]');
  });
});
