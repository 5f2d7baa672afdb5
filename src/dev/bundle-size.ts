/**
 * Prints the size of the built bundles and enforces the budget: the code the shared runtime loads
 * for the custom functions (functions.js = functions + engine) must stay ≤ 60 KB minified.
 */
import { readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET = 60 * 1024;
const files = ["dist/functions.js", "dist/taskpane.js", "dist/taskpane.html", "dist/functions.json"];
let over = false;
for (const file of files) {
  const bytes = statSync(file).size;
  const gz = gzipSync(readFileSync(file)).length;
  const budget = file === "dist/functions.js" ? ` (budget ${(BUDGET / 1024).toFixed(0)} KB: ${bytes <= BUDGET ? "ok" : "OVER"})` : "";
  if (file === "dist/functions.js" && bytes > BUDGET) over = true;
  process.stdout.write(`${file.padEnd(20)} ${(bytes / 1024).toFixed(1).padStart(7)} KB minified, ${(gz / 1024).toFixed(1).padStart(6)} KB gzip${budget}\n`);
}
if (over) {
  process.stderr.write("functions.js is over its 60 KB budget\n");
  process.exitCode = 1;
}
