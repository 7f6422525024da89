import { describe, expect, it } from 'vitest';
import { XmlBytes } from '../../../src/review/xlsx/xml-bytes.js';

const written = (write: (xml: XmlBytes) => void) => {
  const xml = new XmlBytes(1);
  write(xml);
  return Buffer.from(xml.finish()).toString('utf8');
};

describe('XmlBytes', () => {
  it('writes integers in decimal, at every digit count and past int32', () => {
    const values = [0, 7, 9, 10, 99, 100, 12345, 999999, 1000000, 123456789, 1000000000, 2147483647, 2147483648, 98765432101];
    expect(written((xml) => values.forEach((value) => xml.digits(value).ascii(',')))).toBe(values.map(String).join(',') + ',');
  });

  it('grows as it writes, markup and UTF-8 text alike', () => {
    const text = 'Núñez – 東京 '.repeat(500);
    expect(written((xml) => xml.ascii('<t>').text(text).ascii('</t>'))).toBe(`<t>${text}</t>`);
  });
});
