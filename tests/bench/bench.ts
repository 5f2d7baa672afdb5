/**
 * npm run bench: times the engine on generated claims (100k and 1M rows) against a bare pass
 * that only groups rows by member and sorts each member's rows by date, in the same run.
 * Prints rows/s, the ratio engine ÷ bare pass, and the 100k → 1M scaling.
 *
 * The engine is timed as the add-in ships it: compiled by TypeScript to CommonJS (what ts-loader
 * gives webpack), which `npm run bench` does first (tsconfig.bench.json → build/bench). Not through
 * tsx, which runs the harness: tsx's per-file transform exports every function through a getter,
 * and the engine's hot loops, which call across modules, then run ≈10 % slower than shipped code.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import type * as Engine from "../../src/engine";
import type { Cell, ClaimRow, RateEntry, RateTable } from "../../src/engine";
import { generateClaims } from "./generate-claims";

const ENGINE_BUILD = resolve(__dirname, "../../build/bench/engine");
if (!existsSync(`${ENGINE_BUILD}/index.js`)) {
  process.stderr.write(`No compiled engine in ${ENGINE_BUILD}: run "npm run bench", which compiles it first.\n`);
  process.exit(2);
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled engine, from a path known at run time
const { dayFromISO, mapHeaders, validateRows, DEFAULT_RATES } = require(ENGINE_BUILD) as typeof Engine;

const SIZES = (process.env.BENCH_SIZES ?? "100000,1000000").split(",").map(Number);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
/** Untimed runs first, so the JIT and the heap have settled (the first run is reported separately). */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const AS_OF = dayFromISO("2026-06-30") as number;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** Collects garbage before a timed run when node runs with --expose-gc (npm run bench does). */
const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Minor page faults so far: the OS mapping memory the process touches for the first time. */
const faults = (): number => process.resourceUsage().minorPageFault;

/**
 * CPU time the hypervisor gave to other guests ("steal", /proc/stat on Linux; see proc(5)), as a
 * share of all CPU time since `start`, or undefined where there is no /proc/stat. On this shared VM
 * the same run varies by ±25 % from minute to minute; the share says how busy the host was while a
 * figure was taken (it does not count memory bandwidth the other guests use).
 */
function cpuTicks(): { steal: number; total: number } | undefined {
  if (!existsSync("/proc/stat")) return undefined;
  const fields = (readFileSync("/proc/stat", "utf8").split("\n", 1)[0] ?? "").trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal guest guest_nice; guest time is already in user.
  return { steal: fields[7] ?? 0, total: fields.slice(0, 8).reduce((a, b) => a + b, 0) };
}
function stealSince(start: ReturnType<typeof cpuTicks>): string {
  const end = cpuTicks();
  if (start === undefined || end === undefined || end.total === start.total) return "";
  return `; host steal ${((100 * (end.steal - start.steal)) / (end.total - start.total)).toFixed(1)} % of CPU time`;
}

interface Timing {
  ms: number;
  faults: number;
}

function time(fn: () => unknown): Timing {
  collect();
  const f0 = faults();
  const t0 = performance.now();
  fn();
  return { ms: performance.now() - t0, faults: faults() - f0 };
}

/**
 * What one page fault costs on this machine: the time to touch 64 MB of fresh memory, per fault.
 * On a shared VM this can be 10 µs or more (a bare-metal Linux box: well under 1 µs), which
 * makes fresh memory a large part of a big run's time.
 */
function faultCost(): number | undefined {
  const costs: number[] = [];
  for (let k = 0; k < 3; k++) {
    const t = time(() => {
      const block = new Int32Array(16 * 1024 * 1024);
      for (let i = 0; i < block.length; i += 1024) block[i] = 1;
      return block;
    });
    // 64 MB in 4 KB pages is 16,384 faults. Far fewer means the block came in huge pages (or was
    // already mapped): then a fault's cost is not that of the engine's faults, so none is given.
    if (t.faults >= 8192) costs.push(t.ms / t.faults);
  }
  return costs.length === 0 ? undefined : median(costs);
}

/** The floor: group by member, sort each member's rows by date. */
function barePass(rows: readonly ClaimRow[]): number {
  const groups = new Map<Cell, ClaimRow[]>();
  for (const r of rows) {
    const key = r.cells[0];
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [r]);
    else g.push(r);
  }
  let n = 0;
  for (const g of groups.values()) {
    g.sort((a, b) => (a.cells[1] as number) - (b.cells[1] as number) || a.row - b.row);
    n += g.length;
  }
  return n;
}

const PLANS = ["PlanA", "PlanB", "PlanC"];
/**
 * A rate book of 3 plans × 3 periods: every service of the seed for each plan, its rate changing
 * on 2024-10-01 and 2025-07-01 (the generated dates span 2024-01 .. 2026-06), and each plan its own
 * outreach window. What issue 13 asks the 1M-row figure to hold for. Rates go down, not up: the
 * generated lines bill the seed's rates, and a rate above the billed amount would add an ECM-CHARGE
 * warning to most lines, which measures the findings rather than the book.
 */
const PLANNED_BOOK: RateTable = {
  id: "3 plans × 3 periods",
  entries: PLANS.flatMap((plan, p) =>
    DEFAULT_RATES.entries.flatMap((e): RateEntry[] => [
      { ...e, plan, rate: e.rate, to: dayFromISO("2024-09-30") as number },
      { ...e, plan, rate: Math.max(0, e.rate - p), from: dayFromISO("2024-10-01") as number, to: dayFromISO("2025-06-30") as number },
      { ...e, plan, rate: Math.max(0, e.rate - 2 * p), from: dayFromISO("2025-07-01") as number },
    ]),
  ),
  limits: PLANS.map((plan, p) => ({ plan, limits: { outreachPerWindow: 5, windowDays: 30 - p, outreachMax: 5 } })),
};

/**
 * The same claims with a Plan column: each member in one plan, the plans taken in turn as members
 * first appear. (The lines are in date order, not grouped by member: a plan per run of equal
 * member cells, as this did until 2026-12-02, gave most members lines in all three plans.)
 */
function withPlans(header: string[], grid: Cell[][]): { header: string[]; rows: ClaimRow[] } {
  const planOf = new Map<Cell, string>();
  return {
    header: [...header, "Plan"],
    rows: grid.map((cells, i) => {
      let plan = planOf.get(cells[0]);
      if (plan === undefined) planOf.set(cells[0], (plan = PLANS[planOf.size % PLANS.length] as string));
      // concat makes an array of exactly 11 cells, as the generator's slice() does and as a reader
      // gives them (JSON.parse of Office.js values). A spread ([...cells, plan]) leaves room for 32,
      // and the engine then reads rows 2.6× as large: ≈ 120 ms more per 1M lines, none of it the book's.
      return { row: i + 2, cells: cells.concat([plan]) };
    }),
  };
}

const results: { size: number; engine: number; bare: number; errors: number; cold: number; faults: number }[] = [];
process.stdout.write(
  `node ${process.version}, engine compiled to CommonJS as shipped (build/bench); ${REPEAT} timed runs per figure (median), after ${WARMUP} warm-up runs; heap collected before each run: ${"gc" in globalThis}\n`,
);
for (const size of SIZES) {
  const { header, rows: grid } = generateClaims(size);
  const mapping = mapHeaders(header);
  const rows: ClaimRow[] = grid.map((cells, i) => ({ row: i + 2, cells }));
  let errors = 0;
  const engineRun = () => {
    errors = validateRows(rows, mapping, { asOf: AS_OF }).summary.error;
  };
  const cold = time(engineRun).ms;
  for (let i = 1; i < WARMUP; i++) engineRun();
  for (let i = 0; i < WARMUP; i++) barePass(rows);
  const engineTimes: number[] = [];
  const engineFaults: number[] = [];
  const bareTimes: number[] = [];
  const ticks = cpuTicks();
  for (let i = 0; i < REPEAT; i++) {
    const t = time(engineRun);
    engineTimes.push(t.ms);
    engineFaults.push(t.faults);
    bareTimes.push(time(() => barePass(rows)).ms);
  }
  const steal = stealSince(ticks);
  const engine = median(engineTimes);
  const bare = median(bareTimes);
  results.push({ size, engine, bare, errors, cold, faults: median(engineFaults) });
  const members = new Set(grid.map((r) => r[0])).size;
  process.stdout.write(
    `${size.toLocaleString("en-US").padStart(9)} rows (${members.toLocaleString("en-US")} members, ${errors.toLocaleString("en-US")} ERROR rows): ` +
      `engine ${engine.toFixed(0)} ms = ${Math.round(size / (engine / 1000)).toLocaleString("en-US")} rows/s; ` +
      `bare group+sort ${bare.toFixed(0)} ms; ratio engine/bare ${(engine / bare).toFixed(2)} (first, cold run: engine ${cold.toFixed(0)} ms)${steal}\n`,
  );
}
// The largest size again with a Plan column and the 3 plans × 3 periods book, beside its default-book figure.
const largest = results[results.length - 1];
let planned: number | undefined;
if (largest !== undefined) {
  // The generated grid is dropped once the Plan column is added: kept alive, its 1M unused row
  // arrays (≈ 130 MB) would make the heap the engine runs in larger than the built-in book's
  // figure above or any reader's (one grid per file), and that cost ≈ 15 % in separate processes.
  const { header: planHeader, rows } = (() => {
    const { header, rows: grid } = generateClaims(largest.size);
    return withPlans(header, grid);
  })();
  const mapping = mapHeaders(planHeader);
  let errors = 0;
  const run = () => {
    errors = validateRows(rows, mapping, { asOf: AS_OF, rates: PLANNED_BOOK }).summary.error;
  };
  for (let i = 0; i < WARMUP; i++) run();
  const times: number[] = [];
  const ticks = cpuTicks();
  for (let i = 0; i < REPEAT; i++) times.push(time(run).ms);
  const steal = stealSince(ticks);
  planned = median(times);
  process.stdout.write(
    `${largest.size.toLocaleString("en-US").padStart(9)} rows with a Plan column and a book of 3 plans × 3 periods (${PLANNED_BOOK.entries.length} rates, per-plan limits; ${errors.toLocaleString("en-US")} ERROR rows): engine ${planned.toFixed(0)} ms (default book: ${largest.engine.toFixed(0)} ms; ×${(planned / largest.engine).toFixed(2)})${steal}\n`,
  );
}
if (results.length >= 2) {
  const a = results[0] as (typeof results)[number];
  const b = results[results.length - 1] as (typeof results)[number];
  process.stdout.write(
    `scaling ${a.size.toLocaleString("en-US")} → ${b.size.toLocaleString("en-US")} rows: engine ×${(b.engine / a.engine).toFixed(2)} (rows ×${b.size / a.size})\n`,
  );
}
const last = results[results.length - 1];
if (last !== undefined) {
  const perFault = faultCost();
  process.stdout.write(
    `fresh memory: ${last.faults.toLocaleString("en-US")} page faults per ${last.size.toLocaleString("en-US")}-row engine run (median)` +
      (perFault === undefined
        ? "; the cost of one was not measurable (64 MB of fresh memory came in huge pages)\n"
        : ` × ${(perFault * 1000).toFixed(1)} µs per fault on this machine ≈ ${(last.faults * perFault).toFixed(0)} ms of the ${last.engine.toFixed(0)} ms\n`),
  );
  process.stdout.write(
    `targets: 1M rows ≤ 1000 ms → ${last.engine.toFixed(0)} ms (3 plans × 3 periods: ${planned === undefined ? "n/a" : planned.toFixed(0)} ms); ratio ≤ 2.5 → ${(last.engine / last.bare).toFixed(2)}; scaling ≤ 11× → ${results.length >= 2 ? (last.engine / (results[0]?.engine ?? 1)).toFixed(2) : "n/a"}\n`,
  );
}
