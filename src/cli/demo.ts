/**
 * npm run demo: the CLI on the bundled sample workbook, as of a fixed date so the report is
 * the same every day. The sample is built to contain ERROR rows, so the CLI's exit code 1 is
 * the expected outcome here; anything else fails the demo.
 */
import { processIO, runCli } from "./run";

const ARGS = [
  "assets/sample-claims.xlsx",
  "--as-of",
  "2026-06-30",
  "--members",
  "assets/sample-claims.xlsx", // its "ECM Members" sheet
  "--cin",
  ...process.argv.slice(2),
];

runCli(ARGS, processIO).then(
  (code) => {
    if (code === 1) {
      process.stdout.write("\n(demo: the sample is built to contain ERROR rows; `npm run ecm -- FILE` exits 1 on such a file)\n");
      process.exitCode = 0;
    } else {
      process.stderr.write(`demo: expected the CLI to report ERROR rows (exit 1), got exit ${code}\n`);
      process.exitCode = 1;
    }
  },
  (error: unknown) => {
    process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
