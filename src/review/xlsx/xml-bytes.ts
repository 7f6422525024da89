/**
 * XML written straight into UTF-8 bytes. A large review's sheets are tens of
 * megabytes of XML in hundreds of thousands of cells; grown as one JavaScript
 * string they were millions of short-lived strings, collected over and over,
 * then flattened and encoded once more at the end: most of the workbook's
 * time. Here the markup is ASCII copied byte by byte, numbers are written as
 * digits, and text is encoded into the buffer by V8 in one call.
 */
const encoder = new TextEncoder();

export class XmlBytes {
  private bytes: Uint8Array;
  private length = 0;

  constructor(expectedBytes = 1 << 16) {
    this.bytes = new Uint8Array(Math.max(1 << 10, expectedBytes));
  }

  /** ASCII markup (no escaping: the caller's own tags and attributes). */
  ascii(markup: string): this {
    if (this.length + markup.length > this.bytes.length) this.grow(markup.length);
    const bytes = this.bytes;
    let at = this.length;
    for (let i = 0; i < markup.length; i++) bytes[at++] = markup.charCodeAt(i);
    this.length = at;
    return this;
  }

  /** A non-negative integer in decimal (a row number, a string's index). */
  digits(value: number): this {
    // Int32 arithmetic: V8 divides by a constant 10 with a multiply, where a double's division is slow.
    if (!(value >= 0 && value <= 0x7fffffff && value === (value | 0))) return this.ascii(String(value));
    if (this.length + 10 > this.bytes.length) this.grow(10);
    const bytes = this.bytes;
    let n = value | 0;
    let at = this.length + (n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : n < 100000 ? 5 : n < 1000000 ? 6 : n < 10000000 ? 7 : n < 100000000 ? 8 : n < 1000000000 ? 9 : 10);
    this.length = at;
    do {
      const tenth = (n / 10) | 0;
      bytes[--at] = 0x30 + n - tenth * 10;
      n = tenth;
    } while (n > 0);
    return this;
  }

  /** Text as UTF-8, already escaped for XML by the caller. */
  text(text: string): this {
    // UTF-8 takes at most three bytes per UTF-16 unit.
    if (this.length + text.length * 3 > this.bytes.length) this.grow(text.length * 3);
    this.length += encoder.encodeInto(text, this.bytes.subarray(this.length)).written;
    return this;
  }

  /** The bytes written (a view of them: the writer is not used afterwards). */
  finish(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  private grow(more: number): void {
    let size = this.bytes.length * 2;
    while (size < this.length + more) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.bytes.subarray(0, this.length));
    this.bytes = bigger;
  }
}
