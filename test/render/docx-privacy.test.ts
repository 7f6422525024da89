/** report.docx goes through the personal-data check on its own words, like the HTML. */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { personalDataOf } from '../../src/privacy/scan.js';
import { compileTemplates } from '../../src/render/engine.js';
import { ChartDrawer, reportDocx } from '../../src/report-docx.js';
import { field, snapshot } from '../helpers.js';
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

/** Personal data of one record: its pii key and a pii contact field holding `contact`. */
function personalData(contact: string) {
  const fields = [field('aNumber', 'string', { pii: true, required: true }), field('contact', 'string', { pii: true })];
  return personalDataOf([snapshot('2024-05', fields, [{ aNumber: 'A123456789', contact }])], { privacy: { allow: [] } });
}

describe('reportDocx', () => {
  it('writes the document when no personal value is in it', async () => {
    const templates = await compileTemplates(source);
    const docx = await reportDocx({ view: reportView(), templates, drawer: new FakeDrawer(), name: 'test', pii: personalData('someone@elsewhere.invalid'), maskVisible: 4 });
    expect(Buffer.from(docx.slice(0, 2)).toString()).toBe('PK');
  });

  it('refuses a document whose text holds a pii value, naming the field and never the value', async () => {
    const templates = await compileTemplates(source);
    // The signer's e-mail stands in for a leaked value: it is in the DOCX's signature block.
    const leaked = 'jane.placeholder@example.invalid';
    const error = (await reportDocx({ view: reportView(), templates, drawer: new FakeDrawer(), name: 'test', pii: personalData(leaked), maskVisible: 4 }).catch((e: unknown) => e)) as UserError;
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toContain('contact');
    expect(error.message).toContain('report.docx');
    expect(error.message).not.toContain(leaked);
  });
});
