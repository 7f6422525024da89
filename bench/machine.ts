/** The machine and software a benchmark ran on, for BENCHMARKS.md. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM, printer } from './series.js';

export interface Machine {
  date: string;
  cpu: string;
  cores: number;
  memoryKb: number;
  os: string;
  node: string;
  npm: string;
  chromium: string;
  /** The browser court-report prints with here, and its version. */
  printer: { path: string; version: string };
  puppeteerCore: string;
  courtReport: string;
  commit: string;
  loadAverage: number[];
}

export function describeMachine(root: string): Machine {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const meminfo = readFileSync('/proc/meminfo', 'utf8');
  const packageVersion = (dir: string) => (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const commit = output('git', ['rev-parse', '--short', 'HEAD'], root);
  // BENCHMARKS.md is what the run writes: a previous run's copy does not make the code measured uncommitted.
  const dirty = output('git', ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!BENCHMARKS.md'], root) !== '';
  return {
    date: new Date().toISOString(),
    cpu: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryKb: Number(/^MemTotal:\s+(\d+) kB/m.exec(meminfo)?.[1] ?? 0),
    os: `${prettyName()} (Linux ${os.release()})`,
    node: process.version,
    npm: output('npm', ['--version'], root),
    // The Debian wrapper script prints a shell warning on stderr; the version is on stdout.
    chromium: output(CHROMIUM, ['--version'], root),
    printer: browserOf(root),
    puppeteerCore: packageVersion(path.join(root, 'node_modules/puppeteer-core')),
    courtReport: packageVersion(root),
    commit: commit ? `${commit}${dirty ? ' + uncommitted changes' : ''}` : 'unknown',
    loadAverage: os.loadavg(),
  };
}

/** The browser court-report would print with here, if there is one (the diff sections need none). */
function browserOf(root: string): { path: string; version: string } {
  try {
    const path = printer();
    return { path, version: output(path, ['--version'], root) };
  } catch {
    return { path: 'none found', version: '' };
  }
}

function prettyName(): string {
  try {
    return /^PRETTY_NAME="?(.*?)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os.type();
  } catch {
    return os.type();
  }
}

function output(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : '';
}
