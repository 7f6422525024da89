/**
 * Inputs the benchmark builds from the bundled example: copies of the case
 * under other ids (several cases in one run), and a report definition for a
 * large generated snapshot pair (the CLI's `diff` on it).
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CURRENT_PERIOD, PRIOR_PERIOD } from './gen-large.js';

export const EXAMPLE_DIR = 'data/florida-v-mayorkas';
export const EXAMPLE_CONFIG = `${EXAMPLE_DIR}/report.yaml`;
const EXAMPLE_ID = 'florida-v-mayorkas';

/** case-01 … case-NN under `dir`, each a copy of the example with its own id; returns their report.yaml paths. */
export function prepareCases(root: string, dir: string, count: number): string[] {
  const example = path.join(root, EXAMPLE_DIR);
  const yaml = readFileSync(path.join(example, 'report.yaml'), 'utf8');
  if (!yaml.includes(`id: ${EXAMPLE_ID}\n`)) throw new Error(`${EXAMPLE_CONFIG} no longer has "id: ${EXAMPLE_ID}"; update bench/fixtures.ts`);
  const configs: string[] = [];
  for (let n = 1; n <= count; n++) {
    const id = `case-${String(n).padStart(2, '0')}`;
    const caseDir = path.join(dir, id);
    rmSync(caseDir, { recursive: true, force: true });
    cpSync(example, caseDir, { recursive: true });
    writeFileSync(path.join(caseDir, 'report.yaml'), yaml.replace(`id: ${EXAMPLE_ID}\n`, `id: ${id}\n`));
    configs.push(path.join(caseDir, 'report.yaml'));
  }
  return configs;
}

/**
 * The example's definition pointed at a generated pair (`<prior>.csv`,
 * `<current>.csv` in `pairDir`), its first period the pair's prior month.
 * Written beside the pair: a config's paths may not leave its folder.
 */
export function prepareLargeConfig(root: string, pairDir: string): string {
  const example = path.join(root, EXAMPLE_DIR);
  let yaml = readFileSync(path.join(example, 'report.yaml'), 'utf8');
  const replace = (from: string, to: string) => {
    if (!yaml.includes(from)) throw new Error(`${EXAMPLE_CONFIG} no longer contains "${from}"; update bench/fixtures.ts`);
    yaml = yaml.replace(from, to);
  };
  replace(`id: ${EXAMPLE_ID}\n`, `id: bench-${path.basename(pairDir)}\n`);
  replace('first: 2023-06\n', `first: ${PRIOR_PERIOD}\n`);
  replace('path: snapshots/{period}.csv\n', "path: '{period}.csv'\n");
  mkdirSync(pairDir, { recursive: true });
  cpSync(path.join(example, 'body.hbs'), path.join(pairDir, 'body.hbs'));
  const file = path.join(pairDir, 'report.yaml');
  writeFileSync(file, yaml);
  return file;
}

export { CURRENT_PERIOD };
