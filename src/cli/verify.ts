/**
 * `court-report verify`: rebuilds a filed (final) period in a temporary
 * folder and shows that the outputs match the filed ones byte for byte, or
 * lists exactly which inputs and outputs changed.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { UserError, type Problem } from '../errors.js';
import { onInterrupt } from '../interrupt.js';
import { compareDigests, digestFiles, readManifest, sha256, type BrowserIdentity, type DigestChange, type Manifest, type QueryDigest } from '../output/manifest.js';
import { findChrome } from '../pdf/chrome.js';
import { chromeCandidates } from '../pdf/chrome-paths.js';
import { buildReports } from '../pipeline.js';
import { parseCommand, periodOption, requireOption, timeoutOption } from './options.js';
import { isQuiet, writeJson } from './output.js';

const usage = `Usage: court-report verify --config FILE --period YYYY-MM [--out DIR]

Checks a final report against its manifest.json: hashes the inputs it was
built from (config, templates and assets, snapshots), rebuilds it in a
temporary folder with the same --as-of and the browser it was printed with
(when still installed), and compares every output byte for byte with the
manifest and with the files in DIR. Exit 0 when all match; exit 1 listing
each changed input and output.

Options:
  -c, --config FILE    the report definition (YAML)
  -p, --period YYYY-MM the period to verify
  -o, --out DIR            where the filed report is (default: as for build)
  --timeout SECONDS    bound on each browser step; default 60
  --json               the result as JSON: { ok, period, asOf, inputs, outputs }, or the problems
  -q, --quiet          print nothing when the report verifies
  --debug              show stack traces
  --help               this text`;

export async function run(args: string[]): Promise<void> {
  const values = parseCommand(
    args,
    {
      config: { type: 'string' },
      period: { type: 'string', multiple: true },
      out: { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
    },
    usage,
  );
  if (!values) return;
  const configFile = requireOption(values.config, 'config', usage);
  const period = periodOption(values.period, usage);
  const timeoutMs = timeoutOption(values.timeout, usage);
  const cwd = process.cwd();
  const config = await loadConfig(configFile, { cwd });
  const outDir = values.out !== undefined ? path.resolve(cwd, values.out) : config.output.dir;
  const periodDir = path.join(outDir, period);
  const filed = await readManifest(periodDir);
  if (filed.state === 'damaged') {
    throw new UserError({
      message: `${period} is filed, but its manifest is damaged: ${filed.file}: ${filed.reason}`,
      hint: 'restore manifest.json from your records; without it the filed outputs cannot be checked',
    });
  }
  if (filed.state === 'draft') {
    throw new UserError({
      message: `no final report to verify for ${period}: ${path.join(periodDir, 'manifest.json')} not found`,
      hint: 'verify checks reports built with --final',
    });
  }
  const { manifest } = filed;

  const scratch = await mkdtemp(path.join(os.tmpdir(), 'court-report-verify-'));
  const forgetScratch = onInterrupt(() => rmSync(scratch, { recursive: true, force: true }));
  const { Printer } = await import('../pdf/printer.js');
  // The browser the report was printed with, when it is still here (another may print other bytes);
  // PUPPETEER_EXECUTABLE_PATH or CHROME_PATH still choose first.
  const recorded = manifest.printedWith ? [manifest.printedWith.executable] : [];
  const executablePath = findChrome(process.env, [...recorded, ...chromeCandidates({ platform: process.platform, env: process.env, home: os.homedir() })]);
  const printer = manifest.outputs.some((o) => o.path === 'report.pdf') ? Printer.launch({ timeoutMs, executablePath }) : undefined;
  printer?.catch(() => undefined);
  try {
    const [result] = await buildReports({
      config,
      periods: [period],
      asOf: manifest.asOf,
      final: true,
      force: true,
      // What was filed is rebuilt as it was: review gated it then, and its acceptances are shown below.
      reviewGate: false,
      outDir: scratch,
      htmlOnly: printer === undefined,
      // A Word copy filed with --docx is rebuilt too, whatever the config says today.
      docx: manifest.outputs.some((o) => o.path === 'report.docx'),
      printer,
      cwd,
    });
    const rebuilt = await digestFiles(result!.files.filter((f) => path.basename(f) !== 'manifest.json'), path.join(scratch, period));
    const onDisk = await Promise.all(
      manifest.outputs.map(async (o) => ({ path: o.path, sha256: await readFile(path.join(periodDir, o.path)).then(sha256, () => 'missing') })),
    );
    const problems = [
      ...inputChanges(manifest, await readFile(path.join(scratch, period, 'manifest.json'), 'utf8')),
      ...describe(compareDigests(manifest.outputs, rebuilt), 'rebuilt output differs from the filed one'),
      ...describe(compareDigests(manifest.outputs, onDisk.filter((f) => f.sha256 !== 'missing')), 'filed output no longer matches its manifest'),
    ];
    if (problems.length > 0) throw new UserError(problems).withContext(`verifying ${period} (filed as of ${manifest.asOf})`);
    if (values.json) {
      const inputs = [manifest.inputs.config, ...manifest.inputs.templates, ...manifest.inputs.snapshots].map((d) => d.path);
      writeJson({ ok: true, period, asOf: manifest.asOf, inputs, outputs: manifest.outputs.map((o) => o.path) });
      return;
    }
    if (!isQuiet()) process.stdout.write(
      `${period}: verified. Inputs unchanged (${1 + manifest.inputs.templates.length + manifest.inputs.snapshots.length} files` +
        `${manifest.inputs.queries ? `, ${manifest.inputs.queries.length} database snapshots` : ''}); ` +
        `rebuilt outputs match the filed ones byte for byte: ${manifest.outputs.map((o) => o.path).join(', ')}\n`,
    );
    // What review said when the period was filed is the manifest's record, not something verify checked now: said so.
    if (!isQuiet()) for (const accepted of manifest.accepted ?? []) {
      process.stdout.write(`${period}: recorded when filed, not re-checked by verify: filed although review failed ${accepted.id} (${accepted.message}); reason: ${accepted.reason}\n`);
    }
  } finally {
    if (printer) await printer.then((p) => p.close()).catch(() => undefined);
    await rm(scratch, { recursive: true, force: true });
    forgetScratch();
  }
}

function inputChanges(filed: Manifest, rebuiltManifestText: string): Problem[] {
  const rebuilt = JSON.parse(rebuiltManifestText) as Manifest;
  return [
    ...describe(compareDigests([filed.inputs.config], [rebuilt.inputs.config]), 'config changed since filing'),
    ...describe(compareDigests(filed.inputs.templates, rebuilt.inputs.templates), 'template or asset changed since filing'),
    ...describe(compareDigests(filed.inputs.snapshots, rebuilt.inputs.snapshots), 'snapshot changed since filing'),
    ...queryChanges(filed.inputs.queries ?? [], rebuilt.inputs.queries ?? []),
    ...(filed.tool.version !== rebuilt.tool.version
      ? [{ message: `filed with court-report ${filed.tool.version}, verifying with ${rebuilt.tool.version}` }]
      : []),
    ...browserChange(filed.printedWith, rebuilt.printedWith),
  ];
}

/** A database snapshot is the same when the same query on the same database gives the same rows. */
function queryChanges(filed: QueryDigest[], rebuilt: QueryDigest[]): Problem[] {
  const now = new Map(rebuilt.map((q) => [q.period, q]));
  return filed.flatMap((before): Problem[] => {
    const after = now.get(before.period);
    const where = `${before.period} (${before.driver} ${before.database})`;
    if (!after) return [{ message: `database snapshot no longer read: ${where}` }];
    if (after.query !== before.query || after.database !== before.database) {
      return [{ message: `database snapshot query changed since filing: ${where}, now ${after.driver} ${after.database}` }];
    }
    if (after.sha256 !== before.sha256) {
      return [{ message: `database snapshot changed since filing: ${where}: the query now gives other rows`, hint: 'a row was added, removed or changed in the database after the report was filed' }];
    }
    return [];
  });
}

function browserChange(filed: BrowserIdentity | undefined, rebuilt: BrowserIdentity | undefined): Problem[] {
  if (!filed || !rebuilt || (filed.executable === rebuilt.executable && filed.version === rebuilt.version)) return [];
  return [
    {
      message: `printed with ${filed.version} (${filed.executable}) when filed, with ${rebuilt.version} (${rebuilt.executable}) now`,
      hint: `another browser may print other bytes: install the one it was filed with, or point PUPPETEER_EXECUTABLE_PATH at it`,
    },
  ];
}

function describe(changes: DigestChange[], what: string): Problem[] {
  return changes.map((c) => ({ message: `${what}: ${c.path} (${c.change})` }));
}
