/** report.docx goes through the personal-data check on its own words, like the HTML. */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { PiiValue } from '../../src/privacy/pii-values.js';
import type { PiiIndex } from '../../src/privacy/scan.js';
import { compileTemplates } from '../../src/render/engine.js';
import { ChartDrawer, reportDocx } from '../../src/report-docx.js';
import { reportView, source } from './fixture.js';

/** Draws nothing: a 1×1 PNG for every chart, so no browser is needed. */
class FakeDrawer extends ChartDrawer {
  constructor() {
    super(1000);
  }
  override async draw(): Promise<Uint8Array> {
    return Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
  }
}

function index(entries: Array<[string, PiiValue]>): PiiIndex {
  const values = new Map(entries);
  return { values, multiToken: entries.filter(([value]) => /\s/.test(value)) };
}

describe('reportDocx', () => {
  it('writes the document when no personal value is in it', async () => {
    const templates = await compileTemplates(source);
    const docx = await reportDocx({ view: reportView(), templates, drawer: new FakeDrawer(), name: 'test', pii: [index([['A123456789', { field: 'aNumber', key: 'A123456789', keyIsPii: true }]])], maskVisible: 4 });
    expect(Buffer.from(docx.slice(0, 2)).toString()).toBe('PK');
  });

  it('refuses a document whose text holds a pii value, naming the field and the masked key only', async () => {
    const templates = await compileTemplates(source);
    // The signer's e-mail stands in for a leaked value: it is in the DOCX's signature block.
    const leaked = 'jane.placeholder@example.invalid';
    const attempt = reportDocx({ view: reportView(), templates, drawer: new FakeDrawer(), name: 'test', pii: [index([[leaked, { field: 'email', key: 'A123456789', keyIsPii: true }]])], maskVisible: 4 });
    await expect(attempt).rejects.toThrow(UserError);
    const error = (await attempt.catch((e: unknown) => e)) as UserError;
    expect(error.message).toContain('the email of record ******6789');
    expect(error.message).not.toContain(leaked);
  });
});
