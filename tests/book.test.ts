/**
 * The rate book (src/engine/book.ts), table-driven: every file of tests/fixtures/books/ is a rate
 * book (`*.rates.csv`) or a limits table (`*.limits.csv`) as an analyst would write it, read
 * through the CLI's reader; its expected result (the table's rows, or every problem with its row,
 * column and message) is the `.json` beside it. UPDATE_GOLDEN=1 rewrites them.
 */
import fc from "fast-check";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadSheet } from "../src/cli/read";
import {
  bookGrid,
  DEFAULT_LIMITS,
  DEFAULT_RATES,
  formatDay,
  limitsGrid,
  readLimits,
  readRateBook,
  validateRows,
  mapHeaders,
  dayFromISO,
  type RateTable,
} from "../src/engine";

const ROOT = join(__dirname, "fixtures/books");
const UPDATE = process.env.UPDATE_GOLDEN === "1";
const files = readdirSync(ROOT)
  .filter((f) => f.endsWith(".csv"))
  .sort();

/** What a reader gives, as data: entries with dates as YYYY-MM-DD, or the problems. */
async function resultOf(file: string): Promise<unknown> {
  const { grid } = await loadSheet(join(ROOT, file));
  if (file.endsWith(".limits.csv")) return readLimits(grid, file);
  const book = readRateBook(grid, file);
  if (!book.ok) return book;
  return {
    ok: true,
    entries: book.table.entries.map((e) => ({
      ...e,
      from: e.from === undefined ? undefined : formatDay(e.from),
      to: e.to === undefined ? undefined : formatDay(e.to),
    })),
  };
}

describe("rate book fixtures", () => {
  it.each(files)("%s reads as its .json says", async (file) => {
    const result = JSON.parse(JSON.stringify(await resultOf(file))) as { ok: boolean };
    const golden = join(ROOT, file.replace(/\.csv$/, ".json"));
    if (UPDATE) writeFileSync(golden, `${JSON.stringify(result, null, 2)}\n`);
    expect(result).toEqual(JSON.parse(readFileSync(golden, "utf8")));
    // A file named good.* is a valid book; every other one is refused.
    expect(result.ok).toBe(file.startsWith("good."));
  });
});

describe("the default book", () => {
  it("written as rows and read back is the seed's table: same rates, kinds, TARs and verdicts", () => {
    const read = readRateBook(bookGrid(DEFAULT_RATES), "ECM_Rates");
    if (!read.ok) throw new Error(read.message);
    const shape = (e: (typeof DEFAULT_RATES.entries)[number]) => [e.code, e.modifiers, e.rate, e.kind, e.tarRequired, e.mode, e.staff];
    expect(read.table.entries.map(shape)).toEqual(DEFAULT_RATES.entries.map(shape));
    const header = ["Member ID", "DOS", "HCPCS", "Modifiers", "TAR", "Billed Amount", "Outreach Method"];
    const rows = DEFAULT_RATES.entries.map((e, k) => ({
      row: k + 2,
      cells: [`M${k}`, "2026-03-02", e.code, e.modifiers.join(" "), "T1", e.rate, "phone"],
    }));
    const options = { asOf: dayFromISO("2026-06-30") as number };
    const run = (rates: RateTable) => {
      const { verdicts, summary } = validateRows(rows, mapHeaders(header), { ...options, rates });
      return { verdicts: Array.from(verdicts), summary };
    };
    expect(run(read.table)).toEqual(run(DEFAULT_RATES));
  });

  it("cites the seed row of every rate in its Source column", () => {
    const grid = bookGrid(DEFAULT_RATES);
    expect(grid.slice(1).map((r) => r[8])).toEqual(
      DEFAULT_RATES.entries.map((e) => expect.stringContaining(`${e.source.file} line ${e.source.line}`)),
    );
  });

  it("limits written as rows read back as the defaults", () => {
    const read = readLimits(limitsGrid(DEFAULT_LIMITS), "ECM_Limits");
    expect(read).toEqual({ ok: true, limits: [{ limits: DEFAULT_LIMITS, row: 2 }] });
  });
});

describe("overlapping periods (property)", () => {
  it("names every row whose period shares a day with another row of its plan, code and modifier set", () => {
    // Periods as day offsets from 2026-01-01 (either end may be open), for one or two plans.
    const period = fc.tuple(
      fc.constantFrom("PlanA", "PlanB"),
      fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
      fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
    );
    const base = dayFromISO("2026-01-01") as number;
    fc.assert(
      fc.property(fc.array(period, { minLength: 1, maxLength: 6 }), (periods) => {
        const rows = periods.map(([plan, a, b]) => {
          const [from, to] = a !== undefined && b !== undefined && a > b ? [b, a] : [a, b];
          return { plan, from, to };
        });
        const grid = [
          ["Plan", "HCPCS", "Modifiers", "Rate", "Kind", "TAR required", "Effective from", "Effective to"],
          ...rows.map((r) => [
            r.plan,
            "G9008",
            "U1",
            400,
            "pepm",
            "yes",
            r.from === undefined ? "" : formatDay(base + r.from),
            r.to === undefined ? "" : formatDay(base + r.to),
          ]),
        ];
        // The slow way: every pair of rows of one plan, compared.
        const start = (r: (typeof rows)[number]) => r.from ?? -Infinity;
        const end = (r: (typeof rows)[number]) => r.to ?? Infinity;
        const overlapping = new Set<number>();
        rows.forEach((a, i) =>
          rows.forEach((b, j) => {
            if (i !== j && a.plan === b.plan && start(a) <= end(b) && start(b) <= end(a)) overlapping.add(i + 2);
          }),
        );
        const book = readRateBook(grid, "rates.csv");
        if (book.ok) return expect(overlapping).toEqual(new Set());
        const named = new Set<number>();
        for (const p of book.problems) {
          named.add(p.row);
          for (const m of p.message.matchAll(/overlaps row (\d+)/g)) named.add(Number(m[1]));
        }
        expect(named).toEqual(overlapping);
      }),
      { numRuns: 1000 },
    );
  });
});
