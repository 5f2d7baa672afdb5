/**
 * Prints the size of the built bundles and enforces the budget: the code the shared runtime loads
 * for the custom functions (engine.js + functions.js) must stay ≤ 60 KB minified.
 */
import { readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET = 60 * 1024;
const FUNCTIONS_RUNTIME = ["dist/engine.js", "dist/functions.js"];
const size = (file: string) => ({ bytes: statSync(file).size, gz: gzipSync(readFileSync(file)).length });
const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(6)} KB`;

for (const file of [...FUNCTIONS_RUNTIME, "dist/taskpane.js", "dist/taskpane.html", "dist/functions.json"]) {
  const { bytes, gz } = size(file);
  process.stdout.write(`${file.padEnd(20)} ${kb(bytes)} minified, ${kb(gz)} gzip\n`);
}
const runtime = FUNCTIONS_RUNTIME.map(size).reduce((a, b) => ({ bytes: a.bytes + b.bytes, gz: a.gz + b.gz }));
process.stdout.write(
  `functions runtime (engine.js + functions.js): ${kb(runtime.bytes)} minified, ${kb(runtime.gz)} gzip; budget ${kb(BUDGET)}: ${runtime.bytes <= BUDGET ? "ok" : "OVER"}\n`,
);
if (runtime.bytes > BUDGET) {
  process.stderr.write("the functions runtime is over its 60 KB budget\n");
  process.exitCode = 1;
}
