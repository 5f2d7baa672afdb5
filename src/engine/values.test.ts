import fc from "fast-check";
import { cellText, cleanText, isBlank, parseDay, parseModifiers, parseMoney, parseNumber, formatMoney } from "./values";
import { validateGrid } from "./validate";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

describe("money", () => {
  it.each<[unknown, number]>([
    [400, 400],
    ["400", 400],
    ["$400.00", 400],
    ["$1,200.00", 1200],
    [" 1,200.5 ", 1200.5],
    ["(5)", -5],
    ["($5.00)", -5],
    ["-5", -5],
    ["$-5", -5],
    ["-$5", -5],
    [".5", 0.5],
    ["0", 0],
    // Excel's Accounting format (and LibreOffice's "as shown" CSV of it): the $ stands left of the
    // parentheses of a negative, and zero is a dash; Comma Style's zero is a dash without the $.
    [" $400.00 ", 400],
    [" $(50.00)", -50],
    ["$ (1,234.50)", -1234.5],
    [" $-   ", 0],
    [" -   ", 0],
    ["$ -", 0],
  ])("reads %p as %p", (cell, n) => expect(parseMoney(cell as string)).toBe(n));
  it.each<unknown>([
    "",
    "abc",
    "$",
    "1,20",
    "12,00.00",
    "5 dollars",
    true,
    null,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    "1e3x",
    "--5",
    "$$5",
    "$(-5)",
    "($-5)",
    "$()",
    "(-)",
    "$--",
    "- -",
    "(5",
    "5)",
  ])("refuses %p", (cell) => expect(parseMoney(cell as string)).toBeUndefined());
  it("reads any amount as Intl.NumberFormat writes it in US dollars, and formatMoney writes what Intl does", () => {
    // An independent writer: currency (-$1,234.50), accounting (($1,234.50)), plain grouped and ungrouped.
    const writers = [
      new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }),
      new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", currencySign: "accounting" }),
      new Intl.NumberFormat("en-US", { minimumFractionDigits: 2 }),
      new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", useGrouping: false }),
    ];
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }), (cents) => {
        const n = cents / 100;
        for (const w of writers) expect([w.format(n), parseMoney(w.format(n))]).toEqual([w.format(n), n === 0 ? 0 : n]);
        expect(formatMoney(n)).toBe(writers[0]?.format(n).replace("-$0.00", "$0.00"));
      }),
      { numRuns: 2000 },
    );
  });
  it("formats money", () => {
    expect(formatMoney(1234.5)).toBe("$1,234.50");
    expect(formatMoney(-5)).toBe("-$5.00");
    expect(formatMoney(0)).toBe("$0.00");
    expect(formatMoney(999)).toBe("$999.00");
    expect(formatMoney(1000)).toBe("$1,000.00");
    expect(formatMoney(-400)).toBe("-$400.00");
    expect(formatMoney(-0)).toBe("$0.00");
  });
});

describe("units and text", () => {
  it("reads 1.0 as 1 and leaves words alone", () => {
    expect(parseNumber("1.0")).toBe(1);
    expect(parseNumber(" 2 ")).toBe(2);
    expect(parseNumber("one")).toBeUndefined();
    expect(parseNumber(true)).toBeUndefined();
  });
  it("treats null, undefined, whitespace and NaN as blank, but not 0 or FALSE", () => {
    expect([null, undefined, "", "  ", Number.NaN].every(isBlank)).toBe(true);
    expect([0, false, "0"].some(isBlank)).toBe(false);
  });
  it("turns any cell into trimmed text", () => {
    expect(cellText("  G9008 ")).toBe("G9008");
    expect(cellText(42)).toBe("42");
    expect(cellText(false)).toBe("FALSE");
    expect(cellText(new Date(Date.UTC(2026, 0, 5)))).toBe("2026-01-05");
    expect(cellText(null)).toBe("");
  });
  it("reads dates from numbers, text and Date objects only", () => {
    expect(parseDay(46203)).toBe(parseDay("2026-06-30"));
    expect(parseDay(true)).toBeUndefined();
    expect(parseDay(null)).toBeUndefined();
  });
});

describe("modifiers", () => {
  it.each(["U1, GQ", "U1 GQ", "U1;GQ", "U1/GQ", "U1GQ", "gq u1", " GQ,U1 ", "U1+GQ", "U1 - GQ"])("reads %p as the set GQ+U1", (text) => {
    const m = parseModifiers([text]);
    expect(m.key).toBe("GQ+U1");
    expect(m.repeated).toEqual([]);
  });
  it("combines several cells and ignores empty ones", () => {
    expect(parseModifiers(["U8", null, "gq", ""]).key).toBe("GQ+U8");
    expect(parseModifiers([null, ""]).key).toBe("");
  });
  it("reports repeated modifiers", () => {
    expect(parseModifiers(["U1, u1"]).repeated).toEqual(["U1"]);
    expect(parseModifiers(["U1", "U1GQ"]).repeated).toEqual(["U1"]);
  });
  it("keeps odd tokens whole so they can be reported", () => {
    expect(parseModifiers(["U1X"]).list).toEqual(["U1X"]);
  });
  it("reads any order, case, separator and spread over cells of a set of two-character modifiers as that set", () => {
    const modifier = fc.constantFrom("U1", "U2", "U8", "GQ", "GT", "95", "HE");
    const separator = fc.constantFrom(" ", ",", ", ", ";", "/", "+", " - ", "", "  ");
    const casing = fc.constantFrom(
      (t: string) => t,
      (t: string) => t.toLowerCase(),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(modifier, { minLength: 1, maxLength: 4 }),
        fc.array(separator, { minLength: 4, maxLength: 4 }),
        casing,
        fc.integer({ min: 1, max: 4 }),
        (set, seps, cased, cellCount) => {
          // The set written in `cellCount` cells (Modifier 1..4), within a cell joined by the separators.
          const cells: string[] = Array.from({ length: cellCount }, () => "");
          set.forEach((m, k) => {
            const c = k % cellCount;
            cells[c] = cells[c] === "" ? cased(m) : `${cells[c]}${seps[k] ?? ""}${cased(m)}`;
          });
          const parsed = parseModifiers([` ${cells[0] ?? ""} `, ...cells.slice(1), null]);
          expect([parsed.key, parsed.repeated]).toEqual([[...set].sort().join("+"), []]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("cells built to make a parser backtrack (100,000 characters)", () => {
  // Each pattern applied to a cell runs in linear time. A backtracking one does not return (the
  // earlier number and money patterns took hours on these cells), and a synchronous hang cannot be
  // stopped from inside the test: the cells are parsed and validated in a child process that is
  // killed after 60 s, and that child checks what each parser returns.
  it("are parsed and validated in well under a minute, each as what it is", () => {
    const child = spawnSync(process.execPath, ["--import", "tsx", join(__dirname, "../../tests/helpers/hostile-cells.ts")], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(child.signal).toBeNull(); // SIGTERM: it was still running after 60 s
    expect(child.stderr).toBe("");
    expect(child.stdout).toBe("hostile cells: 17 cells, every parser, 34 verdicts\n");
  }, 70_000);
});

describe("a database's NULL written as text", () => {
  it("is no value: NULL in any case and MySQL's \\N are blank and have no text", () => {
    for (const cell of ["NULL", "null", " Null ", "\\N", `NULL\u200B`, "nan", "NaN"]) {
      expect([cell, isBlank(cell), cellText(cell), cleanText(cell)]).toEqual([cell, true, "", ""]);
    }
    expect([parseModifiers(["NULL"]).key, parseDay("NULL"), parseMoney("NULL")]).toEqual(["", undefined, undefined]);
  });
  it("is only the whole cell", () => {
    for (const cell of ["NULLS", "NUL", "#NULL!", "N", "\\n", "NULL ST", "Not NULL", "nana", "na", "Nancy"])
      expect([cell, isBlank(cell)]).toEqual([cell, false]);
    expect(cellText(" #NULL! ")).toBe("#NULL!");
  });
});

describe("invisible characters", () => {
  const ZWSP = "\u200B";
  it("are not text: a cell of only them is blank, and they are gone before comparing", () => {
    for (const cell of [ZWSP, `\u00A0${ZWSP}\uFEFF`, "\u00AD", "\u2060\u200C\u200D"]) {
      expect(isBlank(cell)).toBe(true);
      expect(cellText(cell)).toBe("");
    }
    expect(cellText(`91234${ZWSP}567A\u00A0`)).toBe("91234567A");
    expect(parseMoney(`$40${ZWSP}0.00`)).toBe(400);
    expect(parseNumber(`1${ZWSP}`)).toBe(1);
    expect(parseDay(`2026-03-01${ZWSP}`)).toBe(parseDay("2026-03-01"));
  });
  it("do not make a line a member of its own, nor a TAR out of nothing", () => {
    const header = ["Member ID", "DOS", "HCPCS", "Modifiers", "Billed Amount", "TAR"];
    const result = validateGrid(
      [
        header,
        ["M1", "2026-03-02", "G9008", "U1", 400, "T1"],
        [`M1${ZWSP}`, "2026-03-09", "G9008", "U1", 400, "T1"], // the same member: March's second PEPM line
        [`${ZWSP}M2`, "2026-03-02", "G9008", "U1", 400, ZWSP],
        ["M3", "2026-03-02", "G9008", "U1", 400, `N/A${ZWSP}`],
      ],
      { asOf: 20_600 },
    );
    if (!result.ok) throw new Error(result.message);
    expect([...result.verdicts].map((v) => v.findings.map((f) => f.rule))).toEqual([[], ["ECM-PEPM-DUP"], ["ECM-TAR"], ["ECM-TAR"]]);
    expect(result.verdicts.at(2)?.findings[0]?.message).toContain("TAR is empty");
    expect(result.verdicts.at(3)?.findings[0]?.message).toContain('TAR "N/A" is a placeholder');
  });
});
