export { Printer, type PrintOptions, type PrinterOptions } from './printer.js';
export { findChrome } from './chrome.js';
export { stampPdf, type PdfProperties } from './metadata.js';
