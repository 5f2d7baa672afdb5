/**
 * Properties: any cell values never throw and give one verdict per non-blank row; the order of
 * the input rows does not change any verdict (row numbers kept).
 */
import fc from "fast-check";
import {
  DEFAULT_RATES,
  cellText,
  dayFromISO,
  formatDay,
  isBlankRow,
  mapHeaders,
  parseDay,
  validateGrid,
  validateRows,
  type Cell,
  type ClaimRow,
  type MemberRecord,
  type RateTable,
  type Verdict,
} from "../src/engine";
import { AS_OF, HEADER } from "./helpers/claims";

const mapping = mapHeaders(HEADER);

/** Anything a spreadsheet or file can hand over. */
const anyCell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(""),
  fc.string(),
  fc.boolean(),
  fc.double(),
  fc.integer({ min: -100, max: 3_000_000 }),
  fc.date({ noInvalidDate: false }),
);

/** Plausible claim values, so cross-row rules get exercised. */
const member = fc.constantFrom("M1", "m1 ", "M2", "M3", "", " ");
const dos = fc.oneof(
  // A narrow range of days, so that lines often share a date and ties must be broken by row.
  fc.integer({ min: 46070, max: 46100 }),
  fc.integer({ min: 46070, max: 46100 }).map(String),
  fc.constantFrom("2026-02-30", "3/1/2026", "2026-03-01", "", "x"),
  fc.integer({ min: 0, max: 40 }).map((d) => new Date(Date.UTC(2026, 1, 1 + d, 13))),
);
const claimCells: fc.Arbitrary<Cell[]> = fc.tuple(
  member,
  dos,
  fc.constantFrom("G9008", "g9012", "G9007", "99213", ""),
  fc.constantFrom("U1", "U1 GQ", "U8", "GQ,U8", "U2", "", "U2U2", "U8GQ"),
  fc.constantFrom(1, "1.0", 2, "", "x"),
  fc.constantFrom(400, "$400.00", 5, 0, "", "(5)", 150, "abc"),
  fc.constantFrom("T1", "", null),
  fc.oneof(fc.constant(""), fc.integer({ min: 46000, max: 46250 })),
  fc.constantFrom("", "Phone", "Mass mailing", "flyers"),
);
/** Mostly valid lines of two members over ten days: many same-day ties for the order property. */
const busyCells: fc.Arbitrary<Cell[]> = fc.tuple(
  fc.constantFrom("M1", "m1 ", "M2"),
  fc.integer({ min: 46070, max: 46080 }),
  fc.constantFrom("G9008", "G9012"),
  fc.constantFrom("U1", "U8", "U8 GQ", "", "U2"),
  fc.constant(1),
  fc.constantFrom(400, 5, 150),
  fc.constantFrom("T1", "T1", ""),
  fc.oneof(fc.constant(""), fc.integer({ min: 46070, max: 46085 })),
  fc.constantFrom("", "Phone"),
);
const row = fc.oneof({ weight: 1, arbitrary: fc.array(anyCell, { maxLength: 12 }) }, { weight: 4, arbitrary: claimCells });

const day = (iso: string): number => dayFromISO(iso) as number;
/**
 * The built-in table, with G9008 U1 at $400 until 2026-02-28 and $450 from 2026-03-01, and G9012
 * U8 at $5 until 2026-02-28 and $6 from 2026-03-05 (a gap between): the generated dates fall on
 * both sides.
 */
const DATED_RATES: RateTable = {
  id: "dated test table",
  entries: DEFAULT_RATES.entries.flatMap((e) => {
    const key = `${e.code} ${e.modifiers.join("+")}`;
    if (key === "G9008 U1")
      return [
        { ...e, to: day("2026-02-28") },
        { ...e, rate: 450, from: day("2026-03-01") },
      ];
    if (key === "G9012 U8")
      return [
        { ...e, to: day("2026-02-28") },
        { ...e, rate: 6, from: day("2026-03-05") },
      ];
    return [e];
  }),
};

/**
 * A table built in code (not read from a book, which refuses overlaps) whose G9008 U1 periods
 * overlap from 2026-03-01 to 2026-03-10: there the first row in effect, $400, applies.
 */
const OVERLAPPING_RATES: RateTable = {
  id: "overlapping test table",
  entries: DEFAULT_RATES.entries.flatMap((e) =>
    `${e.code} ${e.modifiers.join("+")}` === "G9008 U1"
      ? [
          { ...e, to: day("2026-03-10") },
          { ...e, rate: 450, from: day("2026-03-01") },
        ]
      : [e],
  ),
};

/** Lines of the dated services (and an undated one) dated 2026-02-17 .. 2026-03-19. */
const datedServiceCells: fc.Arbitrary<Cell[]> = fc.tuple(
  fc.constant("M"),
  fc.integer({ min: 46070, max: 46100 }),
  fc.constantFrom("G9008", "G9012"),
  fc.constantFrom("U1", "U8"),
  fc.constant(1),
  fc.constantFrom(400, 5),
  fc.constant("T1"),
  fc.constant(""),
  fc.constant("Phone"),
);

/**
 * A book of 3 plans × 3 periods for G9008 U1 and G9012 U8 (each plan its own boundaries and
 * rates, PlanC with a gap), over the built-in rows for any plan: what `npm run bench` measures too.
 */
const PLANNED_RATES: RateTable = {
  id: "3 plans × 3 periods",
  entries: [
    ...DEFAULT_RATES.entries,
    ...["PlanA", "PlanB", "PlanC"].flatMap((plan, p) =>
      DEFAULT_RATES.entries
        .filter((e) => ["G9008 U1", "G9012 U8"].includes(`${e.code} ${e.modifiers.join("+")}`))
        .flatMap((e) => [
          { ...e, plan, rate: e.rate + p, to: day("2026-02-27") + p },
          { ...e, plan, rate: e.rate + 10 + p, from: day("2026-02-28") + p, to: day("2026-03-09") },
          { ...e, plan, rate: e.rate + 20 + p, from: day("2026-03-10") + (p === 2 ? 3 : 0) },
        ]),
    ),
  ],
};
const plannedMapping = mapHeaders([...HEADER, "Plan"]);
const plannedCells: fc.Arbitrary<Cell[]> = fc
  .tuple(datedServiceCells, fc.constantFrom("PlanA", "PlanB", "plan b", "PlanC", "", "PlanZ"))
  .map(([cells, plan]) => [...cells, plan]);

const toRows = (cells: Cell[][]): ClaimRow[] => cells.map((c, i) => ({ row: i + 2, cells: c }));

describe("engine properties", () => {
  it("never throws and gives exactly one verdict per non-blank row", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (grid) => {
        const rows = toRows(grid);
        const { verdicts, summary } = validateRows(rows, mapping, { asOf: AS_OF });
        const expectedRows = rows.filter((r) => !isBlankRow(r.cells)).map((r) => r.row);
        expect(Array.from(verdicts, (v) => v.row)).toEqual(expectedRows);
        expect(summary.rows).toBe(expectedRows.length);
        for (const v of verdicts) {
          expect(v.status === "ERROR").toBe(v.findings.some((f) => f.severity === "error"));
          if (v.status === "ERROR") expect(v.expected).toBe(0);
          for (const f of v.findings) expect(f.message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("gives identical verdicts whatever the order of the input rows", () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.oneof(claimCells, busyCells), { minLength: 1, maxLength: 80 })
          .chain((grid) =>
            fc.tuple(fc.constant(grid), fc.shuffledSubarray(toRows(grid), { minLength: grid.length, maxLength: grid.length })),
          ),
        ([grid, shuffled]) => {
          const sorted = (rows: ClaimRow[]) => [...validateRows(rows, mapping, { asOf: AS_OF }).verdicts].sort((a, b) => a.row - b.row);
          expect(sorted(shuffled)).toEqual(sorted(toRows(grid)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([
    ["the built-in rate table", DEFAULT_RATES, claimCells],
    ["a table with two rate periods (and a gap) for some services", DATED_RATES, claimCells],
    ["that dated table, on lines of its dated services on both sides of its boundaries", DATED_RATES, datedServiceCells],
    ["a table built in code whose periods overlap, on lines in and around the overlap", OVERLAPPING_RATES, datedServiceCells],
  ])(
    "gives every line the verdict it gets alone when no two lines share a member, with %s (no cache mixes lines up)",
    (_name, rates, cells) => {
      // More (code, modifiers) spellings than the loader's cache of recent pairs, so it also evicts;
      // dates on both sides of the period boundaries, so a cache keyed on cells alone would mix periods.
      fc.assert(
        fc.property(fc.array(cells, { minLength: 1, maxLength: 60 }), (grid) => {
          const rows = toRows(grid.map((line, i) => [`MEMBER${i}`, ...line.slice(1)]));
          const json = (x: unknown): unknown => JSON.parse(JSON.stringify(x)); // messages and params included
          const together = json(validateRows(rows, mapping, { asOf: AS_OF, rates }).verdicts);
          const alone = json(rows.map((r) => validateRows([r], mapping, { asOf: AS_OF, rates }).verdicts.at(0)));
          expect(together).toEqual(alone);
        }),
        { numRuns: 100 },
      );
    },
  );

  it("gives every line the verdict it gets alone with a book of 3 plans × 3 periods (no cache mixes plans or periods)", () => {
    fc.assert(
      fc.property(fc.array(plannedCells, { minLength: 1, maxLength: 60 }), (grid) => {
        const rows = toRows(grid.map((line, i) => [`MEMBER${i}`, ...line.slice(1)]));
        const json = (x: unknown): unknown => JSON.parse(JSON.stringify(x));
        const options = { asOf: AS_OF, rates: PLANNED_RATES };
        const together = json(validateRows(rows, plannedMapping, options).verdicts);
        const alone = json(rows.map((r) => validateRows([r], plannedMapping, options).verdicts.at(0)));
        expect(together).toEqual(alone);
      }),
      { numRuns: 150 },
    );
  });

  it("adds the months up to the summary: lines, expected $, members, paying PEPM lines and paid outreach attempts", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            plannedCells,
            busyCells.map((c) => [...c, "PlanA"]),
          ),
          { minLength: 1, maxLength: 80 },
        ),
        (grid) => {
          const rows = toRows(grid);
          const { verdicts, summary } = validateRows(rows, plannedMapping, { asOf: AS_OF, rates: PLANNED_RATES });
          const sum = (f: (m: (typeof summary.byMonth)[number]) => number) => summary.byMonth.reduce((n, m) => n + f(m), 0);
          expect(sum((m) => m.lines)).toBe(summary.rows);
          expect(sum((m) => m.expected)).toBeCloseTo(summary.expectedTotal, 6);
          // Members: distinct member IDs with a line in the month and plan (counted here the slow way).
          const byRow = new Map(rows.map((r) => [r.row, r.cells]));
          const key = (cells: readonly Cell[]) => {
            const day = parseDay(cells[1]);
            const month = day === undefined ? "" : formatDay(day).slice(0, 7);
            const plan = cellText(cells[9])
              .toUpperCase()
              .replace(/[^A-Z0-9]/g, "");
            return `${month}|${plan === "PLANB" ? "PlanB" : plan === "PLANA" ? "PlanA" : plan === "PLANC" ? "PlanC" : cellText(cells[9]).trim()}`;
          };
          const members = new Map<string, Set<string>>();
          const pepm = new Map<string, number>();
          for (const v of verdicts) {
            const cells = byRow.get(v.row) as Cell[];
            const member = cellText(cells[0]).trim().toUpperCase();
            const k = key(cells);
            if (member !== "" && !["N/A", "NA", "NONE", "UNKNOWN", "TBD", "0", "-"].includes(member))
              members.set(k, (members.get(k) ?? new Set()).add(member));
            if (v.expected > 0 && ["U1", "U1 GQ", "U2"].includes(cellText(cells[3]))) pepm.set(k, (pepm.get(k) ?? 0) + 1);
          }
          for (const m of summary.byMonth) {
            const k = `${m.month}|${m.plan}`;
            expect(m.members).toBe(members.get(k)?.size ?? 0);
            expect(m.pepmMembers).toBe(pepm.get(k) ?? 0);
          }
          expect(sum((m) => m.pepmMembers)).toBe(
            [...verdicts].filter((v, i) => v.expected > 0 && ["U1", "U1 GQ", "U2"].includes(cellText(rows[i]?.cells[3]))).length,
          );
          const outreach = [...verdicts].filter((v, k) => v.expected > 0 && ["U8", "U8 GQ"].includes(cellText(rows[k]?.cells[3])));
          expect(sum((m) => m.outreachPaid)).toBe(outreach.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("counts paid outreach attempts as a direct count does: per rolling window and in total, with each line's plan's limits", () => {
    // A member's attempts count across plans ("per eligible member"); each line is judged by its
    // own plan's limits, so a 60-day plan's line looks further back than a 10-day plan's line did.
    const limits = fc.record({
      windowDays: fc.integer({ min: 1, max: 60 }),
      outreachPerWindow: fc.integer({ min: 1, max: 6 }),
      outreachMax: fc.integer({ min: 1, max: 8 }),
    });
    const attempt = fc.tuple(
      fc.constantFrom("M1", "M2"),
      fc.integer({ min: 46070, max: 46160 }),
      fc.constantFrom("G9008", "G9012"),
      fc.constantFrom("U8", "U8 GQ"),
      fc.constantFrom("PlanA", "PlanB", ""),
    );
    fc.assert(
      fc.property(limits, limits, fc.array(attempt, { minLength: 1, maxLength: 40 }), (a, b, lines) => {
        const rates: RateTable = {
          ...DEFAULT_RATES,
          limits: [
            { plan: "PlanA", limits: a },
            { plan: "PlanB", limits: b },
          ],
        };
        const ofPlan = (plan: string) =>
          plan === "PlanA" ? a : plan === "PlanB" ? b : { windowDays: 30, outreachPerWindow: 5, outreachMax: 5 };
        // Each line's billed amount its own (at or above the $5 rate), so that no two lines are duplicates.
        const rows = toRows(lines.map(([m, d, code, mods, plan], i) => [m, d, code, mods, 1, 5 + (i + 1) / 100, "", "", "", plan]));
        const { verdicts } = validateRows(rows, plannedMapping, { asOf: AS_OF, rates });
        const got = new Map(Array.from(verdicts, (v) => [v.row, v.findings.map((f) => [f.rule, f.params.paidRows])]));

        const expected = new Map<number, unknown[]>();
        for (const member of ["M1", "M2"]) {
          const mine = rows
            .filter((r) => r.cells[0] === member)
            .sort((x, y) => (x.cells[1] as number) - (y.cells[1] as number) || x.row - y.row);
          const paid: { day: number; row: number }[] = [];
          for (const r of mine) {
            const day = r.cells[1] as number;
            const limit = ofPlan(r.cells[9] as string);
            const inWindow = paid.filter((p) => p.day > day - limit.windowDays).map((p) => p.row);
            if (inWindow.length >= limit.outreachPerWindow) expected.set(r.row, [["ECM-OUTREACH-30D", inWindow]]);
            else if (paid.length >= limit.outreachMax) expected.set(r.row, [["ECM-OUTREACH-MAX", paid.map((p) => p.row)]]);
            else {
              expected.set(r.row, []);
              paid.push({ day, row: r.row });
            }
          }
        }
        expect(got).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it("decides duplicates, members list, engagement, enrollment, outreach and PEPM findings as a direct reading of the rules does", () => {
    // Lines of three kinds at their rates (so that any two of a kind on one day are duplicates),
    // some without the TAR they need or after the as-of date (errors: not countable), some with an
    // enrollment-date cell, with or without a members list. The expected verdicts are worked out here line by line from the rules
    // table in README.md, the slow and obvious way.
    const asOf = parseDay(46110) as number;
    const KINDS = {
      outreach: ["G9008", "U8", 5],
      engagement: ["G9012", "", 150],
      pepm: ["G9008", "U1", 400],
    } as const;
    type Kind = keyof typeof KINDS;
    const generated = fc.tuple(
      fc.constantFrom("M1", "M2"),
      fc.integer({ min: 46070, max: 46115 }),
      fc.constantFrom<Kind>("outreach", "outreach", "outreach", "engagement", "pepm", "pepm"),
      fc.constantFrom("T1", "T1", "T1", ""),
      fc.oneof({ weight: 6, arbitrary: fc.constant("") }, { weight: 1, arbitrary: fc.integer({ min: 46060, max: 46110 }) }),
    );
    // A members list: each member on it (enrollment date, sometimes a disenrollment date) or not.
    const listed = fc.option(
      fc
        .tuple(fc.integer({ min: 46060, max: 46110 }), fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }))
        .map(([enrolled, days]) => ({
          enrollment: parseDay(enrolled) as number,
          ...(days === undefined ? {} : { disenrollment: (parseDay(enrolled) as number) + days }),
        })),
    );
    fc.assert(
      fc.property(fc.array(generated, { minLength: 1, maxLength: 40 }), fc.option(fc.tuple(listed, listed)), (lines, list) => {
        const rows = toRows(
          lines.map(([m, d, kind, tar, enrolled]) => [m, d, KINDS[kind][0], KINDS[kind][1], 1, KINDS[kind][2], tar, enrolled, ""]),
        );
        const byId = new Map<string, MemberRecord>();
        list?.forEach((record, k) => record !== null && byId.set(`M${k + 1}`, { row: k + 2, ...record }));
        const { verdicts } = validateRows(rows, mapping, { asOf, ...(list === null ? {} : { members: { byId } }) });
        const got = new Map(Array.from(verdicts, (v) => [v.row, [v.status, v.expected, v.findings.map((f) => f.rule).sort()]]));

        const expected = new Map<number, unknown[]>();
        for (const [n, member] of ["M1", "M2"].entries()) {
          const mine = rows
            .map((r, k) => ({
              row: r.row,
              day: parseDay(r.cells[1]) as number,
              kind: lines[k]?.[2] as Kind,
              tar: r.cells[6],
              enrolled: parseDay(r.cells[7]),
              rules: [] as string[],
            }))
            .filter((_, k) => rows[k]?.cells[0] === member)
            .sort((x, y) => x.day - y.day || x.row - y.row);
          const ERRORS = [
            "ECM-TAR",
            "ECM-FUTURE",
            "ECM-OUTREACH-ENROLLED",
            "ECM-OUTREACH-ENGAGED",
            "ECM-OUTREACH-30D",
            "ECM-OUTREACH-MAX",
            "ECM-ENGAGEMENT-DUP",
            "ECM-PEPM-BEFORE-ENROLL",
            "ECM-DISENROLLED",
          ];
          const PAYS_NOTHING = ["ECM-DUPLICATE", "ECM-PEPM-DUP"];
          const hasError = (l: (typeof mine)[number]) => l.rules.some((r) => ERRORS.includes(r));
          const countable = (l: (typeof mine)[number]) => !hasError(l) && !l.rules.some((r) => PAYS_NOTHING.includes(r));
          for (const l of mine) {
            if (l.kind !== "outreach" && l.tar === "") l.rules.push("ECM-TAR");
            if (l.day > asOf) l.rules.push("ECM-FUTURE");
          }
          // ECM-DUPLICATE: an earlier row of the same day and service (every line, errors included).
          for (const l of mine) if (mine.some((e) => e.day === l.day && e.kind === l.kind && e.row < l.row)) l.rules.push("ECM-DUPLICATE");
          // Engagement: the first engagement line whatever its errors, unless after the as-of date.
          const firstEngagement = mine.find((l) => l.kind === "engagement");
          const engagement = firstEngagement !== undefined && firstEngagement.day <= asOf ? firstEngagement : undefined;
          // The members list: a member not on it gets a warning on every line.
          const onList = list?.[n] ?? undefined;
          if (list !== null && onList === undefined) for (const l of mine) l.rules.push("ECM-NOT-IN-MEMBERS");
          // Enrollment: the members list's; else the earliest enrollment cell; else the first countable engagement; else the first countable PEPM line.
          const cells = mine.filter((l) => l.enrolled !== undefined).map((l) => l.enrolled as number);
          const stated = onList?.enrollment ?? (cells.length > 0 ? Math.min(...cells) : undefined);
          const enrollment =
            stated ??
            mine.find((l) => l.kind === "engagement" && countable(l))?.day ??
            mine.find((l) => l.kind === "pepm" && countable(l))?.day;
          if (stated !== undefined) {
            for (const l of mine) if (l.enrolled !== undefined && l.enrolled !== stated) l.rules.push("ECM-ENROLL-CONFLICT");
            if (engagement !== undefined && engagement.day > stated) engagement.rules.push("ECM-ENGAGEMENT-LATE");
          }
          // PEPM lines after the disenrollment date.
          const end = onList?.disenrollment;
          if (end !== undefined)
            for (const l of mine) if (l.kind === "pepm" && countable(l) && l.day > end) l.rules.push("ECM-DISENROLLED");
          // Outreach, in date order, against the attempts already paid (5 in any 30 days, 5 in all).
          const paid: number[] = [];
          for (const l of mine.filter((x) => x.kind === "outreach")) {
            if (!countable(l)) continue;
            if (enrollment !== undefined && l.day >= enrollment) l.rules.push("ECM-OUTREACH-ENROLLED");
            else if (engagement !== undefined && l.day >= engagement.day) l.rules.push("ECM-OUTREACH-ENGAGED");
            else if (paid.filter((d) => d > l.day - 30).length >= 5) l.rules.push("ECM-OUTREACH-30D");
            else if (paid.length >= 5) l.rules.push("ECM-OUTREACH-MAX");
            else paid.push(l.day);
          }
          // One engagement is paid: the first countable one.
          mine.filter((l) => l.kind === "engagement" && countable(l)).forEach((l, k) => k > 0 && l.rules.push("ECM-ENGAGEMENT-DUP"));
          for (const l of mine)
            if (l.kind === "pepm" && countable(l) && enrollment !== undefined && l.day < enrollment) l.rules.push("ECM-PEPM-BEFORE-ENROLL");
          // One PEPM line a month is paid: the first countable one.
          const months = new Set<string>();
          for (const l of mine.filter((x) => x.kind === "pepm" && countable(x))) {
            const month = formatDay(l.day).slice(0, 7);
            if (months.has(month)) l.rules.push("ECM-PEPM-DUP");
            months.add(month);
          }
          for (const l of mine) {
            const status = hasError(l) ? "ERROR" : l.rules.length > 0 ? "WARN" : "OK";
            expected.set(l.row, [status, countable(l) ? KINDS[l.kind][2] : 0, [...l.rules].sort()]);
          }
        }
        expect(got).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it("pays the lesser of billed and rate, and compares the Paid Amount, as a direct reading of the rules does", () => {
    const paidMapping = mapHeaders([...HEADER, "Paid Amount"]);
    const SERVICES = [
      ["G9008", "U1", 400],
      ["G9012", "", 150],
      ["G9012", "U8 GQ", 5],
      ["G9007", "", 10],
    ] as const;
    // A book that prices G9007 at $10 (the seed's $0 pays $0 whatever was billed).
    const rates: RateTable = { ...DEFAULT_RATES, entries: DEFAULT_RATES.entries.map((e) => (e.code === "G9007" ? { ...e, rate: 10 } : e)) };
    // Billed and paid cells as a sheet holds them, with the amount each is (undefined: not an amount).
    const BILLED: [Cell, number | undefined][] = [
      ["", undefined],
      ["abc", undefined],
      [-5, -5],
      ["(5.00)", -5],
      [0, 0],
      [3, 3],
      [5, 5],
      [149.99, 149.99],
      [150, 150],
      ["$399.99", 399.99],
      [400, 400],
      [450, 450],
    ];
    const PAID: [Cell, number | undefined][] = [
      ["", undefined],
      ["x", undefined],
      [0, 0],
      [3, 3],
      [5, 5],
      ["$150.00", 150],
      [399.99, 399.99],
      [400, 400],
    ];
    const line = fc.tuple(fc.constantFrom(...SERVICES), fc.constantFrom(...BILLED), fc.constantFrom(...PAID));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), fc.boolean(), (lines, lesserOfBilled) => {
        // One line per member: nothing across lines.
        const rows = toRows(
          lines.map(([[code, mods], [billed], [paid]], i) => [`M${i}`, 46100, code, mods, 1, billed, "T1", "", "", paid]),
        );
        const { verdicts } = validateRows(rows, paidMapping, { asOf: AS_OF, rates, limits: { lesserOfBilled } });
        const got = Array.from(verdicts, (v) => [v.expected, v.findings.map((f) => f.rule).sort()]);
        const expected = lines.map(([[code, , rate], [, billed], [paidCell, paid]]) => {
          const rules: string[] = [];
          // G9007 is information only and must be billed with a charge; ECM-CHARGE looks at the other codes.
          const mdtError = code === "G9007" && !(billed !== undefined && billed > 0);
          if (code === "G9007") rules.push(mdtError ? "ECM-MDT-CHARGE" : "ECM-MDT-INFO");
          else if (billed === undefined || billed < rate) rules.push("ECM-CHARGE");
          if (paid === undefined && paidCell !== "") rules.push("ECM-PAID");
          const lesser = !lesserOfBilled || billed === undefined || billed >= rate ? rate : Math.max(billed, 0);
          const pays = mdtError ? 0 : lesser;
          if (paid !== undefined && Math.round(paid * 100) < Math.round(pays * 100)) rules.push("ECM-UNDERPAID");
          if (paid !== undefined && Math.round(paid * 100) > Math.round(pays * 100)) rules.push("ECM-OVERPAID");
          return [pays, rules.sort()];
        });
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("gives the same verdicts whatever the order of the columns, with columns of other data among them", () => {
    // Exports put the columns in any order and add their own (Notes, Provider, Claim #); the header
    // text finds each one. Messages name columns by their heading, so they are the same too.
    const extras = ["Notes", "Provider NPI", "Claim #"];
    fc.assert(
      fc.property(
        fc.array(fc.oneof(claimCells, busyCells), { minLength: 1, maxLength: 40 }),
        fc.shuffledSubarray([...HEADER.keys(), -1, -2, -3], { minLength: HEADER.length + 3, maxLength: HEADER.length + 3 }),
        fc.array(fc.string({ maxLength: 8 }), { minLength: 3, maxLength: 3 }),
        (grid, order, extraCells) => {
          const json = (x: unknown): unknown => JSON.parse(JSON.stringify(x));
          const pick = (cells: readonly Cell[], header: boolean) =>
            order.map((k) => (k >= 0 ? cells[k] : header ? extras[-1 - k] : extraCells[-1 - k]));
          const asGiven = validateGrid([HEADER, ...grid], { asOf: AS_OF });
          const reordered = validateGrid([pick(HEADER, true), ...grid.map((cells) => pick(cells, false))], { asOf: AS_OF });
          if (!asGiven.ok || !reordered.ok) throw new Error("the header was not found");
          expect(json(reordered.verdicts)).toEqual(json(asGiven.verdicts));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("totals what its verdicts say: statuses, expected $, findings per rule, lines and $ per code, paid totals", () => {
    const paidMapping = mapHeaders([...HEADER, "Paid Amount"]);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(claimCells, busyCells), fc.constantFrom<Cell>("", 0, 400, 5, "x", "$150.00")), {
          minLength: 1,
          maxLength: 60,
        }),
        (lines) => {
          const rows = toRows(lines.map(([cells, paid]) => [...cells, paid]));
          const { verdicts, summary } = validateRows(rows, paidMapping, { asOf: AS_OF });
          const all = [...verdicts];
          const cents = (n: number) => Math.round(n * 100);
          expect([summary.rows, summary.ok, summary.warn, summary.error]).toEqual([
            all.length,
            ...(["OK", "WARN", "ERROR"] as const).map((status) => all.filter((v) => v.status === status).length),
          ]);
          expect(cents(summary.expectedTotal)).toBe(all.reduce((n, v) => n + cents(v.expected), 0));
          const byRule: Record<string, number> = {};
          for (const v of all) for (const f of v.findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
          expect(summary.byRule).toEqual(byRule);
          // Per code as written, trimmed and upper-cased (the row's HCPCS cell).
          const byRow = new Map(rows.map((r) => [r.row, r.cells]));
          const byCode: Record<string, { lines: number; expected: number }> = {};
          for (const v of all) {
            const code = cellText(byRow.get(v.row)?.[2]).trim().toUpperCase() || "(blank)";
            const entry = (byCode[code] ??= { lines: 0, expected: 0 });
            entry.lines++;
            entry.expected = (cents(entry.expected) + cents(v.expected)) / 100;
          }
          expect(
            Object.fromEntries(Object.entries(summary.byCode).map(([c, t]) => [c, { lines: t.lines, expected: cents(t.expected) / 100 }])),
          ).toEqual(byCode);
          // Paid: the Paid Amount cells that hold an amount, against each line's expected amount.
          let paid = 0;
          let under = 0;
          let over = 0;
          for (const v of all) {
            const cell = byRow.get(v.row)?.[9];
            const amount = typeof cell === "number" ? cell : cell === "$150.00" ? 150 : undefined;
            if (amount === undefined) continue;
            paid += cents(amount);
            under += Math.max(0, cents(v.expected) - cents(amount));
            over += Math.max(0, cents(amount) - cents(v.expected));
          }
          const p = summary.paid ?? { total: 0, underpaid: 0, overpaid: 0 };
          expect([cents(p.total), cents(p.underpaid), cents(p.overpaid)]).toEqual([paid, under, over]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("prices each line by the first row of its plan (else the any-plan rows) in effect on its date, as a direct search does", () => {
    // A table built in code, so periods may overlap and leave gaps; PlanA sometimes has rows of its
    // own, PlanB never (its lines use the any-plan rows). One line per member, each billed above any
    // rate. No row for the line's plan and date, while the service has rows: ECM-RATE-PERIOD.
    const period = fc.tuple(
      fc.constantFrom<string | undefined>(undefined, "PlanA"),
      fc.option(fc.integer({ min: 46070, max: 46100 }), { nil: undefined }),
      fc.option(fc.integer({ min: 46070, max: 46100 }), { nil: undefined }),
      fc.integer({ min: 1, max: 999 }),
    );
    const pepm = DEFAULT_RATES.entries.find((e) => e.code === "G9008" && e.modifiers.join("+") === "U1") as RateTable["entries"][number];
    fc.assert(
      fc.property(
        fc.array(period, { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.integer({ min: 46065, max: 46105 }), fc.constantFrom("PlanA", "planA ", "PlanB", "")), {
          minLength: 1,
          maxLength: 20,
        }),
        (periods, lines) => {
          const rows = periods.map(([plan, a, b, rate]) => {
            const [from, to] = [a, b].map((x) => (x === undefined ? undefined : (parseDay(x) as number)));
            return {
              ...pepm,
              rate,
              ...(plan === undefined ? {} : { plan }),
              ...(from === undefined ? {} : { from }),
              ...(to === undefined ? {} : { to }),
            };
          });
          const rates: RateTable = { id: "random periods", entries: [...DEFAULT_RATES.entries.filter((e) => e !== pepm), ...rows] };
          const claims = toRows(lines.map(([serial, plan], i) => [`M${i}`, serial, "G9008", "U1", 1, 10_000, "T1", "", "", plan]));
          const { verdicts } = validateRows(claims, plannedMapping, { asOf: AS_OF, rates });
          const got = Array.from(verdicts, (v) => [v.expected, v.findings.map((f) => f.rule)]);
          const expected = lines.map(([serial, plan]) => {
            const day = parseDay(serial) as number;
            const own = rows.filter((r) => r.plan !== undefined && plan.trim().toUpperCase() === "PLANA");
            const candidates = own.length > 0 ? own : rows.filter((r) => r.plan === undefined);
            const row = candidates.find((r) => (r.from === undefined || day >= r.from) && (r.to === undefined || day <= r.to));
            return row === undefined ? [0, ["ECM-RATE-PERIOD"]] : [row.rate, []];
          });
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("gives the same statuses, amounts and rules with a members list that agrees with the enrollment cells", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(claimCells, busyCells), { minLength: 1, maxLength: 60 }), (grid) => {
        const rows = toRows(grid);
        // The list a plan would send: every member, with the earliest valid enrollment cell of its lines.
        const byId = new Map<string, MemberRecord>();
        rows.forEach((r) => {
          if (isBlankRow(r.cells)) return;
          const key = cellText(r.cells[0]).toUpperCase();
          if (key === "") return;
          const day = parseDay(r.cells[7]);
          const known = byId.get(key) ?? { row: byId.size + 2 };
          if (day !== undefined && (known.enrollment === undefined || day < known.enrollment)) known.enrollment = day;
          byId.set(key, known);
        });
        const shape = (verdicts: Iterable<Verdict>) =>
          Array.from(verdicts, (v) => [v.row, v.status, v.expected, v.findings.map((f) => f.rule)]);
        const without = validateRows(rows, mapping, { asOf: AS_OF }).verdicts;
        const withList = validateRows(rows, mapping, { asOf: AS_OF, members: { byId } }).verdicts;
        expect(shape(withList)).toEqual(shape(without));
      }),
      { numRuns: 300 },
    );
  });
});
