/**
 * Prints the size of the built bundles and enforces the budget: the code the shared runtime loads
 * for the custom functions (engine.js + functions.js) must stay ≤ 86 KB minified. (60 KB until the
 * rate book: reading a workbook's ECM_Rates Table in =ECM.RATE/=ECM.VALIDATE brought valibot and
 * the book reader into the runtime, 70 KB then, and 80 KB later; 82 KB since the 1M-line work of
 * 2026-12-02 (row numbers kept only when rows are not consecutive, per-run day texts: +0.6 KB); 83 KB
 * since 2026-12-03 (SAS dates, and a TAR Excel shortened to 1.23457E+11 with its own message: +0.3 KB);
 * 84 KB since the same day's Spanish outreach vocabulary (ECM-OUTREACH-MODE and -MASS: +0.8 KB);
 * 85 KB since the functions read date cells in the workbook's date system (workbook-dates.ts: +0.7 KB);
 * 86 KB since the header message quotes at most 20 cells of at most 40 characters (columns.ts: +0.1 KB).
 * The runtime loads once per workbook, 28 KB gzip.)
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET = 86 * 1024;
/** The engine chunk's name carries its content hash (engine.1a2b3c4d.js). */
export const engineFile = (dist = "dist"): string => {
  const name = readdirSync(dist).find((f) => /^engine\.[0-9a-f]{8}\.js$/.test(f));
  if (name === undefined) throw new Error(`${dist}/engine.<hash>.js is missing: build first`);
  return `${dist}/${name}`;
};
const FUNCTIONS_RUNTIME = [engineFile(), "dist/functions.js"];
const size = (file: string) => ({ bytes: statSync(file).size, gz: gzipSync(readFileSync(file)).length });
const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(6)} KB`;

for (const file of [...FUNCTIONS_RUNTIME, "dist/taskpane.js", "dist/taskpane.html", "dist/functions.json"]) {
  const { bytes, gz } = size(file);
  process.stdout.write(`${file.padEnd(26)} ${kb(bytes)} minified, ${kb(gz)} gzip\n`);
}
const runtime = FUNCTIONS_RUNTIME.map(size).reduce((a, b) => ({ bytes: a.bytes + b.bytes, gz: a.gz + b.gz }));
process.stdout.write(
  `functions runtime (engine.js + functions.js): ${kb(runtime.bytes)} minified, ${kb(runtime.gz)} gzip; budget ${kb(BUDGET)}: ${runtime.bytes <= BUDGET ? "ok" : "OVER"}\n`,
);
if (runtime.bytes > BUDGET) {
  process.stderr.write("the functions runtime is over its 86 KB budget\n");
  process.exitCode = 1;
}
