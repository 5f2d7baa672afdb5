/**
 * The record of what the task pane wrote (src/taskpane/ownership.ts), within the 2 MB Microsoft
 * allows an add-in's settings (office-js#621): the order-free row set, sized to fit, and the
 * settings that keep every validated sheet's record under SETTINGS_BUDGET.
 */
import { rowSet, rowSetTest, SETTINGS_BUDGET, withResultRecord } from "../src/taskpane/ownership";
import { DEFAULT_SETTINGS } from "../src/taskpane/controller";
import type { StoredSettings } from "../src/taskpane/io";

/** n distinct result rows, as the pane writes them. */
const resultRows = (n: number, tag = "r"): unknown[][] =>
  Array.from({ length: n }, (_, i) => ["ERROR", "ECM-TAR", `Row ${i}: the TAR is missing (${tag})`, 0]);
const layout = (at: string) => ({ headerRow: 0, firstRow: 1, lastRow: 10, col: 10, at });

describe("the row set of the results written", () => {
  it.each([Number.POSITIVE_INFINITY, 20_000, 6_000, 2_000])(
    "holds every row written and lets few others pass, within %p characters",
    (maxChars) => {
      const rows = resultRows(5_000);
      const set = rowSet(rows, maxChars) as string;
      expect(set.length).toBeLessThanOrEqual(maxChars);
      const written = rowSetTest(set);
      for (const row of rows) expect(written(row)).toBe(true);
      // Foreign rows (an analyst's edits) that pass as the add-in's own: at most what a Bloom filter
      // of this size promises, (1 - e^(-k·n/m))^k, with some room for chance.
      const probes = set.includes(":") ? Number(set.split(":")[0]) : 11;
      const bits = atob(set.slice(set.indexOf(":") + 1)).length * 8;
      const promised = (1 - Math.exp((-probes * rows.length) / bits)) ** probes;
      const foreign = resultRows(10_000, "edited");
      const passed = foreign.filter(written).length / foreign.length;
      expect(passed).toBeLessThanOrEqual(promised * 1.5 + 0.003);
      if (maxChars === Number.POSITIVE_INFINITY) expect([set.includes(":"), passed < 0.002]).toEqual([false, true]);
    },
  );

  it("is none when not even one bit per row fits", () => {
    expect(rowSet(resultRows(5_000), 500)).toBeUndefined();
  });
});

describe("the settings that record every validated sheet", () => {
  const others = (sizes: number[]): StoredSettings => ({
    ...structuredClone(DEFAULT_SETTINGS),
    results: Object.fromEntries(
      sizes.map((n, k) => [
        `Month ${k + 1}`,
        { ...layout(`2026-0${k + 1}-28T10:00:00.000Z`), fingerprint: "0badf00d", rows: rowSet(resultRows(n, `m${k}`)) as string },
      ]),
    ),
  });

  it("keeps every record whole when they fit", () => {
    const before = others([1_000, 1_000]);
    const after = withResultRecord(before, "Claims", layout("2026-06-30T17:00:00.000Z"), resultRows(1_000));
    expect(after.results["Month 1"]).toEqual(before.results["Month 1"]);
    expect(after.results["Month 2"]).toEqual(before.results["Month 2"]);
    expect(after.results.Claims?.rows).toBe(rowSet(resultRows(1_000)));
    expect(JSON.stringify(after).length).toBeLessThanOrEqual(SETTINGS_BUDGET);
  });

  it("drops other sheets' row sets, least recently validated first, keeping their fingerprints, then shrinks this one's", () => {
    const before = others([2_000, 2_000, 2_000]); // ≈ 5,400 characters each
    const budget = 14_000;
    const after = withResultRecord(before, "Claims", layout("2026-06-30T17:00:00.000Z"), resultRows(2_000), budget);
    expect(JSON.stringify(after).length).toBeLessThanOrEqual(budget);
    expect(Object.keys(after.results).sort()).toEqual(["Claims", "Month 1", "Month 2", "Month 3"]);
    expect([1, 2, 3].map((k) => after.results[`Month ${k}`]?.rows !== undefined)).toEqual([false, false, true]);
    expect([1, 2, 3].map((k) => after.results[`Month ${k}`]?.fingerprint)).toEqual(["0badf00d", "0badf00d", "0badf00d"]);
    const own = after.results.Claims?.rows as string;
    const ownRows = rowSetTest(own);
    for (const row of resultRows(2_000)) expect(ownRows(row)).toBe(true);

    const tight = withResultRecord(before, "Claims", layout("2026-06-30T17:00:00.000Z"), resultRows(2_000), 3_000);
    expect(JSON.stringify(tight).length).toBeLessThanOrEqual(3_000);
    expect(Object.values(tight.results).filter((r) => r.rows !== undefined).length).toBe(1);
    const shrunk = tight.results.Claims?.rows as string;
    expect(shrunk).toMatch(/^\d+:/); // fewer bits per row, the probe count written before it
    const shrunkRows = rowSetTest(shrunk);
    for (const row of resultRows(2_000)) expect(shrunkRows(row)).toBe(true);
  });
});
