/**
 * An output folder the build cannot write to, made real rather than
 * simulated: a full disk (a 256 KB tmpfs), a read-only file system (a
 * read-only bind mount), a folder the user may not write (the CLI run as
 * `nobody`), and an immutable file (chattr +i). Each is one clear problem
 * naming the path and the error code, exit 1, no stack, the earlier set
 * byte-identical and nothing else left behind.
 *
 * The mounts and chattr need root (CI runs as root; mount also needs
 * CAP_SYS_ADMIN, chattr CAP_LINUX_IMMUTABLE and an ext file system); EACCES
 * cannot be had as root, so that build runs as nobody.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bin } from '../e2e/cli.js';
import { fixtures, slow, tempDir } from './harness.js';

const valid = path.join(fixtures, 'valid');
const mounts: string[] = [];
const immutable: string[] = [];

afterAll(() => {
  for (const file of immutable) execFileSync('chattr', ['-i', file]);
  for (const dir of mounts.reverse()) execFileSync('umount', [dir]);
});

/** An earlier build's 2024-05 (stand-in bytes) in `out`; returns its files' bytes. */
async function earlierSet(out: string): Promise<Record<string, string>> {
  await mkdir(path.join(out, '2024-05'), { recursive: true });
  const before: Record<string, string> = {};
  for (const name of ['diff.json', 'metrics.json', 'report.html']) {
    before[name] = `the earlier build's ${name}\n`;
    await writeFile(path.join(out, '2024-05', name), before[name]);
  }
  return before;
}

async function setNow(out: string): Promise<Record<string, string>> {
  const names = (await readdir(path.join(out, '2024-05'))).sort();
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await readFile(path.join(out, '2024-05', name), 'utf8')])));
}

function build(out: string, as?: { uid: number; gid: number }): Promise<{ code: number | null; stderr: string }> {
  const args = [bin, 'build', '--config', 'report.yaml', '--period', '2024-05', '--html-only', '--as-of', '2024-06-30', '--out', out];
  const child = spawn(process.execPath, args, { cwd: valid, stdio: ['ignore', 'ignore', 'pipe'], ...as, env: { ...process.env, ...(as ? { HOME: '/nonexistent' } : {}) } });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

function problemLines(stderr: string): string[] {
  return stderr.trimEnd().split('\n').slice(1).map((line) => line.trim());
}

describe('an output folder that cannot be written', slow, () => {
  it('a full disk (ENOSPC): the earlier set stays, no temp file, no empty folder', async () => {
    const disk = await tempDir('enospc');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', disk]);
    mounts.push(disk);
    const out = path.join(disk, 'out');
    const before = await earlierSet(out);
    // Room for a few small files, not for the report (half a megabyte with its fonts).
    await writeFile(path.join(disk, 'filler'), Buffer.alloc(200 * 1024));
    const result = await build(out);
    expect(result.code).toBe(1);
    expect(problemLines(result.stderr)).toEqual([
      `cannot write ${path.join(out, '2024-05', 'report.html')}: it could not be written: no space left on the device [ENOSPC]`,
      'hint: free some space on that disk, or choose a path on another one',
    ]);
    expect(await setNow(out)).toEqual(before);
    expect((await readdir(out)).sort()).toEqual(['2024-05']);
  });

  it('a full disk for a period built for the first time leaves no empty period folder', async () => {
    const disk = await tempDir('enospc-new');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=128k', 'tmpfs', disk]);
    mounts.push(disk);
    const out = path.join(disk, 'out');
    const result = await build(out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('[ENOSPC]');
    expect(await readdir(disk)).toEqual([]);
  });

  it('a read-only file system (EROFS): refused at the lock, naming the folder', async () => {
    const out = await tempDir('erofs');
    const before = await earlierSet(out);
    execFileSync('mount', ['--bind', out, out]);
    mounts.push(out);
    execFileSync('mount', ['-o', 'remount,bind,ro', out]);
    const result = await build(out);
    expect(result.code).toBe(1);
    expect(problemLines(result.stderr)).toEqual([`cannot lock ${out}: it is on a read-only file system [EROFS]`, 'hint: choose a path on a writable disk']);
    expect(await setNow(out)).toEqual(before);
  });

  it('a folder the user may not write to (EACCES, built as nobody)', async () => {
    const parent = await tempDir('eacces');
    // nobody may pass through the folders, not write in them.
    await chmod(parent, 0o755);
    const out = path.join(parent, 'out');
    const before = await earlierSet(out);
    const result = await build(out, { uid: 65534, gid: 65534 });
    expect(result.code).toBe(1);
    expect(problemLines(result.stderr)).toEqual([
      `cannot lock ${out}: it is not accessible: permission denied [EACCES]`,
      'hint: check the permissions of the path and its folders, or choose another path',
    ]);
    expect(await setNow(out)).toEqual(before);
  });

  it('an immutable file in the set (EPERM): the files already replaced are put back', async () => {
    const out = await tempDir('eperm');
    const before = await earlierSet(out);
    const locked = path.join(out, '2024-05', 'metrics.json');
    execFileSync('chattr', ['+i', locked]);
    immutable.push(locked);
    const result = await build(out);
    expect(result.code).toBe(1);
    expect(problemLines(result.stderr)).toEqual([
      `cannot replace ${locked}: it may not be changed: operation not permitted (a locked or immutable file?) [EPERM]`,
      'hint: close any program that holds the file open, clear its immutable flag (chattr -i), or choose another path',
    ]);
    expect(await setNow(out)).toEqual(before);
  });
});
