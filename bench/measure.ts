/**
 * Runs one command as a whole process and measures it: wall time from spawn
 * to exit, and memory sampled from /proc every ~50 ms over the process and
 * every descendant (node and the Chrome processes it starts): the peak of the
 * tree's summed RSS, optionally the summed PSS (shared pages counted once;
 * every 4th sample, as smaps_rollup costs ~1 ms of kernel time per Chrome
 * process), and the root process's own peak (VmHWM, read at each sample; it
 * only grows).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

export interface MeasureOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Also sum PSS from smaps_rollup (slower to read; for the memory runs). */
  pss?: boolean;
  /** Keep stdout (default: discarded, so a large output costs nothing here). */
  captureStdout?: boolean;
  /** Sampling period in milliseconds. */
  sampleMs?: number;
}

export interface Measurement {
  command: string[];
  wallMs: number;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Peak of the summed VmRSS of the process tree, kB. */
  peakTreeRssKb: number;
  /** Peak of the summed PSS of the process tree, kB (0 unless asked). */
  peakTreePssKb: number;
  /** The root process's own VmHWM at its last sample, kB. */
  rootHwmKb: number;
  /** Most processes seen in the tree at once. */
  maxProcesses: number;
  samples: number;
  loadAverage: number;
}

const PAGE_KB = 4;
const PSS_EVERY = 4;

export function measure(command: string[], options: MeasureOptions): Promise<Measurement> {
  const [file, ...args] = command;
  const loadAverage = os.loadavg()[0]!;
  const started = performance.now();
  const child = spawn(file!, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', options.captureStdout ? 'pipe' : 'ignore', 'pipe'],
  });
  const sampler = new TreeSampler(child.pid!, options.pss ?? false);
  const timer = setInterval(() => sampler.sample(), options.sampleMs ?? 50);
  sampler.sample();
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    if (stderr.length < 200_000) stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('close', (exitCode) => {
      const wallMs = performance.now() - started;
      clearInterval(timer);
      resolve({ command, wallMs, exitCode, stdout, stderr, loadAverage, ...sampler.result() });
    });
  });
}

/** Fails with the command's stderr unless it exited 0. */
export async function measureOk(command: string[], options: MeasureOptions): Promise<Measurement> {
  const result = await measure(command, options);
  if (result.exitCode !== 0) throw new Error(`${command.join(' ')} exited ${result.exitCode}:\n${result.stderr.slice(-4000)}`);
  return result;
}

class TreeSampler {
  private peakRss = 0;
  private peakPss = 0;
  private rootHwm = 0;
  private maxProcesses = 0;
  private samples = 0;

  constructor(
    private readonly root: number,
    private readonly pss: boolean,
  ) {}

  sample(): void {
    const tree = descendants(this.root);
    if (tree.length === 0) return;
    let rss = 0;
    let pss = 0;
    const withPss = this.pss && this.samples % PSS_EVERY === 0;
    for (const pid of tree) {
      rss += residentKb(pid);
      if (withPss) pss += pssKb(pid);
    }
    const hwm = statusKb(this.root, 'VmHWM');
    this.samples++;
    this.peakRss = Math.max(this.peakRss, rss);
    this.peakPss = Math.max(this.peakPss, pss);
    this.rootHwm = Math.max(this.rootHwm, hwm);
    this.maxProcesses = Math.max(this.maxProcesses, tree.length);
  }

  result() {
    return { peakTreeRssKb: this.peakRss, peakTreePssKb: this.peakPss, rootHwmKb: this.rootHwm, maxProcesses: this.maxProcesses, samples: this.samples };
  }
}

/** The root and every process whose parent chain leads to it (Chrome runs in its own process group, not its own tree). */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const parent = parentOf(pid);
    if (parent === null) continue;
    const list = children.get(parent);
    if (list) list.push(pid);
    else children.set(parent, [pid]);
  }
  if (parentOf(root) === null) return [];
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

function parentOf(pid: number): number | null {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return null;
  // The command name may hold spaces and parentheses: fields resume after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields[0] === 'Z') return null; // exited, not yet reaped: holds no memory
  return Number(fields[1]);
}

function residentKb(pid: number): number {
  const statm = read(`/proc/${pid}/statm`);
  return statm ? Number(statm.split(' ')[1]) * PAGE_KB : 0;
}

function pssKb(pid: number): number {
  const rollup = read(`/proc/${pid}/smaps_rollup`);
  const match = rollup ? /^Pss:\s+(\d+) kB/m.exec(rollup) : null;
  return match ? Number(match[1]) : 0;
}

function statusKb(pid: number, key: string): number {
  const status = read(`/proc/${pid}/status`);
  const match = status ? new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status) : null;
  return match ? Number(match[1]) : 0;
}

/** A process can exit between listing and reading: that reads as nothing. */
function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
