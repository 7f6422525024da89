/**
 * The command's loader (src/cli/start.ts): the code cache `npm run build`
 * made is used by the Node that made it, and anything that would make V8
 * refuse it (other flags) or run stale code (other bytes) loads the modules.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../e2e/cli.js';

const run = promisify(execFile);

/** --version through the loader, with NODE_DEBUG saying which way it loaded. */
async function version(bin: string, nodeFlags: string[] = []) {
  const { stdout, stderr } = await run(process.execPath, [...nodeFlags, bin, '--version'], { env: { ...process.env, NODE_DEBUG: 'court-report-start' } });
  return { stdout, stderr };
}

const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The built package's dist/bin (with what --version reads) in a folder of its own, to change. */
function copyOfPackage(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'court-report-start-'));
  copies.push(dir);
  cpSync(path.join(root, 'dist/bin'), path.join(dir, 'dist/bin'), { recursive: true });
  cpSync(path.join(root, 'dist/build-id.txt'), path.join(dir, 'dist/build-id.txt'));
  cpSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

describe('the command line loads from its code cache', () => {
  const bin = path.join(root, 'dist/bin/main.js');

  it('when run by the Node, with the flags, that made the cache', async () => {
    const { stdout, stderr } = await version(bin);
    expect(stderr).toMatch(/COURT-REPORT-START \d+: command line compiled from its code cache/);
    expect(stderr).not.toMatch(/refused/);
    expect(stdout).toMatch(/^court-report \d+\.\d+\.\d+/);
  });

  it('and from the modules, with the same answer, when Node runs with other flags (V8 would refuse the cache)', async () => {
    const cached = await version(bin);
    const other = await version(bin, ['--stack-trace-limit=20']);
    expect(other.stderr).toMatch(/no code cache for this Node and flags: loading the modules/);
    expect(other.stdout).toBe(cached.stdout);
  });

  it('and from the modules when the script is not the one the cache was made from, even at the same length', async () => {
    const dir = copyOfPackage();
    const script = path.join(dir, 'dist/bin/court-report-cli.js');
    const text = readFileSync(script, 'latin1');
    const changed = text.replace('Builds the status report', 'Builds the STATUS report');
    expect(changed.length).toBe(text.length);
    expect(changed).not.toBe(text);
    writeFileSync(script, changed, 'latin1');
    const { stdout, stderr } = await version(path.join(dir, 'dist/bin/main.js'));
    expect(stderr).toMatch(/the code cache is of another build of the command line: loading the modules/);
    expect(stdout).toMatch(/^court-report \d+\.\d+\.\d+/);
  });
});
