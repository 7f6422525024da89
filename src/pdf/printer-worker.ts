/** The printer thread's side: owns the Printer and answers print requests. */
import { debuglog } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';
import { Printer, type PrinterOptions } from './printer.js';
import { serializeError, type FromPrinter, type ToPrinter } from './printer-thread.js';

const debug = debuglog('court-report-pdf');
const port = parentPort!;
const send = (message: FromPrinter, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

let printer: Printer | null = null;
try {
  printer = await Printer.launch(workerData as PrinterOptions);
  send({ type: 'ready' });
} catch (error) {
  send({ type: 'failed', id: null, error: serializeError(error) });
}

port.on('message', (message: ToPrinter) => {
  if (message.type === 'close') {
    void (printer?.close() ?? Promise.resolve()).finally(() => {
      send({ type: 'closed' });
      port.close();
    });
    return;
  }
  if (!printer) {
    send({ type: 'failed', id: message.id, error: { message: 'the browser did not start' } });
    return;
  }
  debug('%s: print request received', message.options.name);
  printer.print(message.html, message.options).then(
    (pdf) => {
      // Hand the bytes over rather than copy them.
      const bytes = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength ? pdf : pdf.slice();
      send({ type: 'printed', id: message.id, pdf: bytes }, [bytes.buffer as ArrayBuffer]);
    },
    (error: unknown) => send({ type: 'failed', id: message.id, error: serializeError(error) }),
  );
});
