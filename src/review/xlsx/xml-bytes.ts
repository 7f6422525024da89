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

  /** A non-negative integer in decimal. */
  digits(value: number): this {
    if (this.length + 16 > this.bytes.length) this.grow(16);
    const bytes = this.bytes;
    if (value < 10) {
      bytes[this.length++] = 0x30 + value;
      return this;
    }
    let end = this.length;
    for (let rest = value; rest > 0; rest = Math.floor(rest / 10)) end++;
    let at = end;
    for (let rest = value; rest > 0; rest = Math.floor(rest / 10)) bytes[--at] = 0x30 + (rest % 10);
    this.length = end;
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
