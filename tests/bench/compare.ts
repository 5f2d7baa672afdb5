/**
 * npm run bench:compare: the figures behind docs/PERFORMANCE.md, side by side in one run.
 *  1. The analyst's formula workbook (XLOOKUP + COUNTIFS, computed by HyperFormula) vs the engine,
 *     on the same generated claims at growing sizes, with rule-by-rule agreement.
 *  2. The CLI end to end on a generated 200,000-row .xlsx vs a bare ExcelJS read + write.
 *  3. =ECM.VALIDATE on a 100,000-row × 10-column array as Excel passes it.
 *  4. The task pane on a 100,000-row sheet (in-memory Excel): requests and their sizes.
 *  5. Bundle sizes.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, readdirSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { dayFromISO, mapHeaders, validateRows, type ClaimRow } from "../../src/engine";
import { PAYLOAD_LIMIT_BYTES, payloadEstimate, validateMatrix } from "../../src/functions/adapter";
import { PaneController } from "../../src/taskpane/controller";
import { createExcelIO } from "../../src/taskpane/excel-io";
import { FakeWorkbook, installFakeExcel } from "../helpers/fake-excel";
import { compareWithFormulas } from "./agreement";
import { computeFormulaWorkbook } from "./formula-workbook";
import { generateClaims } from "./generate-claims";
import { writeClaimsXlsx } from "./make-xlsx";

const AS_OF = dayFromISO("2027-12-31") as number; // after every generated date: no future-date findings
const FORMULA_SIZES = (process.env.FORMULA_SIZES ?? "1000,2000,3000,5000").split(",").map(Number);
const FORMULA_BUDGET_MS = 60_000;
const CLI_ROWS = Number(process.env.CLI_ROWS ?? 200_000);
const out = (line = "") => process.stdout.write(`${line}\n`);
const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function timeEngine(header: string[], rows: ClaimRow[], repeat = 7): number {
  const mapping = mapHeaders(header);
  validateRows(rows, mapping, { asOf: AS_OF });
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    gc();
    const t0 = performance.now();
    validateRows(rows, mapping, { asOf: AS_OF });
    times.push(performance.now() - t0);
  }
  return median(times);
}

function formulas(): void {
  out("## 1. Formula workbook (HyperFormula) vs engine, same rows");
  let lastMs = 0;
  let lastSize = 0;
  for (const size of FORMULA_SIZES) {
    if (lastMs > 0) {
      const predicted = lastMs * (size / lastSize) ** 2.3;
      if (predicted > FORMULA_BUDGET_MS) {
        out(
          `${fmt(size)} rows: not run — the formula workbook would take about ${fmt(predicted / 1000)} s (> 60 s budget; it grows faster than n² with COUNTIFS over expanding ranges)`,
        );
        continue;
      }
    }
    const { header, rows } = generateClaims(size);
    gc();
    const formula = computeFormulaWorkbook(header, rows);
    const claimRows = rows.map((cells, i) => ({ row: i + 2, cells }));
    const engineMs = timeEngine(header, claimRows);
    const { verdicts } = validateRows(claimRows, mapHeaders(header), { asOf: AS_OF });
    out(
      `${fmt(size)} rows: formula workbook ${fmt(formula.buildMs)} ms, engine ${fmt(engineMs, 2)} ms, engine ${fmt(formula.buildMs / engineMs)}× faster`,
    );
    for (const r of compareWithFormulas(rows, Array.from(verdicts), formula.values)) {
      const explained = Object.entries(r.explained);
      const total = r.agree + explained.reduce((n, [, c]) => n + c, 0) + r.unexplained.length;
      const differences = total - r.agree;
      out(`   ${r.rule}: ${fmt(r.agree)} of ${fmt(total)} lines agree; ${differences} differ, ${r.unexplained.length} of them unexplained`);
      for (const [why, n] of explained) out(`      ${n} × ${why}`);
      for (const u of r.unexplained.slice(0, 10)) out(`      row ${u.row}: formula ${JSON.stringify(u.formula)}, engine ${u.engine}`);
    }
    lastMs = formula.buildMs;
    lastSize = size;
  }
}

function child(mode: "bare" | "cli", file: string, dir: string): { ms: number; maxRssMB: number } {
  const text = execFileSync(process.execPath, ["--import", "tsx", "tests/bench/io-child.ts", mode, file, join(dir, `${mode}.xlsx`)], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  return JSON.parse(text.trim().split("\n").pop() as string) as { ms: number; maxRssMB: number };
}

async function cli(): Promise<void> {
  out(
    `## 2. CLI end to end on a ${fmt(CLI_ROWS)}-row .xlsx (read + validate + report + annotated copy) vs bare ExcelJS streaming read + write`,
  );
  const dir = mkdtempSync(join(tmpdir(), "ecm-bench-"));
  const file = join(dir, "claims.xlsx");
  await writeClaimsXlsx(file, CLI_ROWS);
  out(`file: ${fmt(statSync(file).size / 1e6, 1)} MB, ${fmt(CLI_ROWS)} rows × 10 columns; 3 runs each, alternating, median`);
  const runs = { bare: [] as { ms: number; maxRssMB: number }[], cli: [] as { ms: number; maxRssMB: number }[] };
  for (let i = 0; i < 3; i++) {
    runs.bare.push(child("bare", file, dir));
    runs.cli.push(child("cli", file, dir));
  }
  const bare = median(runs.bare.map((r) => r.ms));
  const ecm = median(runs.cli.map((r) => r.ms));
  out(`bare ExcelJS I/O: ${fmt(bare)} ms, peak RSS ${fmt(Math.max(...runs.bare.map((r) => r.maxRssMB)))} MB`);
  out(`ECM CLI:          ${fmt(ecm)} ms, peak RSS ${fmt(Math.max(...runs.cli.map((r) => r.maxRssMB)))} MB`);
  out(`ratio CLI / bare I/O: ${fmt(ecm / bare, 2)} (goal ≤ 1.30)`);
}

function customFunction(): void {
  // The largest range =ECM.VALIDATE answers (Excel on the web's ~5 MB payload; adapter.ts payloadEstimate);
  // above it the function answers one #VALUE! pointing to the task pane.
  const allowed = Math.floor(PAYLOAD_LIMIT_BYTES / payloadEstimate(1, 10, false)) - 1;
  out(`## 3. =ECM.VALIDATE on the largest range it answers: ${allowed.toLocaleString("en-US")} rows × 10 columns`);
  const { header, rows } = generateClaims(allowed);
  const matrix = [header, ...rows.map((r) => r.map((c) => (c === null ? "" : c)))];
  validateMatrix(matrix, false, AS_OF);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    gc();
    const t0 = performance.now();
    validateMatrix(matrix, false, AS_OF);
    times.push(performance.now() - t0);
  }
  out(`per call (median of 5): ${fmt(median(times))} ms, ${fmt(allowed / (median(times) / 1000))} rows/s`);
  const bigger = generateClaims(100_000);
  const refused = validateMatrix([bigger.header, ...bigger.rows], false, AS_OF);
  out(
    `100,000 rows: ${refused.length === 1 ? "one #VALUE! pointing to the task pane (over the payload estimate)" : `${refused.length} rows (unexpected)`}`,
  );
}

async function taskPane(): Promise<void> {
  out("## 4. Task pane on a 100,000-row sheet (in-memory Excel stand-in)");
  const { header, rows } = generateClaims(100_000);
  const book = installFakeExcel(new FakeWorkbook());
  book.addSheet("Claims", [header, ...rows]);
  const pane = new PaneController(createExcelIO());
  const t0 = performance.now();
  await pane.validate(AS_OF);
  const ms = performance.now() - t0;
  const maxRequest = Math.max(...book.batches.map((b) => b.requestBytes));
  const maxResponse = Math.max(...book.batches.map((b) => b.responseBytes));
  out(
    `${book.syncs} requests (syncs): ${book.batches.filter((b) => b.responseBytes > 100_000).length} chunk reads, ${book.batches.filter((b) => b.requestBytes > 100_000).length} chunk writes; largest request ${fmt(maxRequest / 1e6, 2)} MB, largest response ${fmt(maxResponse / 1e6, 2)} MB (Excel on the web refuses > 5 MB); ${fmt(ms)} ms in Node with the stand-in`,
  );
}

function bundles(): void {
  out("## 5. Bundle sizes (minified / gzip)");
  const size = (f: string) => `${fmt(statSync(f).size / 1024, 1)} KB / ${fmt(gzipSync(readFileSync(f)).length / 1024, 1)} KB`;
  const engine = readdirSync("dist").find((f) => /^engine\.[0-9a-f]{8}\.js$/.test(f)) as string;
  out(`functions runtime: ${engine} ${size(`dist/${engine}`)} + functions.js ${size("dist/functions.js")}`);
  out(`task pane: taskpane.js ${size("dist/taskpane.js")}, taskpane.html ${size("dist/taskpane.html")}`);
}

async function main(): Promise<void> {
  out(
    `# bench:compare — ${new Date().toISOString()} — node ${process.version}, ${cpus()[0]?.model ?? "cpu"} × ${cpus().length}, ${fmt(totalmem() / 2 ** 30)} GiB`,
  );
  // Warm the engine up (JIT) on a realistic batch, so small timings are not compile time.
  const warm = generateClaims(50_000);
  for (let i = 0; i < 5; i++)
    timeEngine(
      warm.header,
      warm.rows.map((cells, k) => ({ row: k + 2, cells })),
      1,
    );
  formulas();
  await cli();
  customFunction();
  await taskPane();
  bundles();
}

void main();
