/** The period diff of large CSV snapshots, streamed: same result as diffSnapshots on the loaded snapshots. */
export { diffCsvFiles, type CsvDiffInput } from './diff-csv.js';
