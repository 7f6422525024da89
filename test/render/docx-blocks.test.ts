/** The body's HTML read as the blocks the DOCX writer lays out. */
import { describe, expect, it } from 'vitest';
import { readBlocks } from '../../src/render/docx/html.js';

describe('readBlocks', () => {
  it('numbers top-level paragraphs of the body, but not class="unnumbered" ones', () => {
    const blocks = readBlocks('<p>First.</p>\n<p class="unnumbered">Aside.</p><p>Second.</p>', { numbered: true });
    expect(blocks.map((b) => b.kind === 'paragraph' && [b.numbered, b.runs.map((r) => r.text).join('')])).toEqual([
      [true, 'First.'],
      [false, 'Aside.'],
      [true, 'Second.'],
    ]);
  });

  it('decodes entities and keeps bold and italics', () => {
    const [block] = readBlocks('<p>Court&#x27;s <strong>2,547</strong> &amp; <em>340</em></p>', { numbered: false });
    expect(block).toEqual({
      kind: 'paragraph',
      numbered: false,
      runs: [{ text: 'Court\'s ' }, { text: '2,547', bold: true }, { text: ' & ' }, { text: '340', italics: true }],
    });
  });

  it('reads a table\'s caption, header row, figures and total row', () => {
    const [table] = readBlocks(
      '<table><caption>By office</caption><thead><tr><th class="label">Office</th><th>May 31, 2024</th></tr></thead>' +
        '<tbody><tr><th scope="row">Miami</th><td>380</td></tr><tr class="total"><th>Total</th><td>380</td></tr></tbody></table>',
      { numbered: true },
    );
    expect(table).toMatchObject({
      kind: 'table',
      caption: [{ text: 'By office' }],
      head: [[{ runs: [{ text: 'Office' }], numeric: false }, { runs: [{ text: 'May 31, 2024' }], numeric: true }]],
      body: [
        { total: false, cells: [{ runs: [{ text: 'Miami' }], numeric: false }, { runs: [{ text: '380' }], numeric: true }] },
        { total: true, cells: [{ runs: [{ text: 'Total' }] }, { runs: [{ text: '380' }] }] },
      ],
    });
  });

  it('keeps an SVG chart whole, with its viewBox in the original case', () => {
    const [chart] = readBlocks('<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 400"><text x="1">Jun &amp; Jul</text></svg></figure>', { numbered: true });
    expect(chart).toEqual({ kind: 'chart', caption: null, svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 400"><text x="1">Jun &amp; Jul</text></svg>' });
  });
});
