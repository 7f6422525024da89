/** The period diff of two snapshot files: both loaded at once, then diffSnapshots. */
export { diffCsvFiles, type CsvDiffInput } from './diff-csv.js';
