import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Printer } from '../../src/pdf/printer.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const html = '<!doctype html><html><body><p>One page.</p></body></html>';

describe('a long-lived printer', () => {
  let printer: Printer;
  beforeAll(async () => {
    printer = await Printer.launch({ pages: 1 });
  });
  afterAll(() => printer.close());

  /** Prints and keeps only a weak reference, from a frame of its own that is gone when it returns. */
  async function printWeakly(i: number): Promise<WeakRef<Uint8Array>> {
    const pdf = await printer.print(html, { paper: 'Letter', name: `document ${i}` });
    if (new TextDecoder().decode(pdf.subarray(0, 5)) !== '%PDF-') throw new Error('not a PDF');
    return new WeakRef(pdf);
  }

  it('keeps nothing of the PDFs it has printed', async () => {
    const printed: Array<WeakRef<Uint8Array>> = [];
    for (let i = 0; i < 3; i++) printed.push(await printWeakly(i));
    for (let round = 0; round < 5 && printed.some((ref) => ref.deref()); round++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      gc();
    }
    expect(printed.map((ref) => ref.deref() !== undefined)).toEqual([false, false, false]);
  });
});
