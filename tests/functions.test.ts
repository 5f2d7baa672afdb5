/**
 * =ECM.RATE and =ECM.VALIDATE called the way Excel calls them: 2-D arrays with "" for empty
 * cells, serial-number dates, numbers stored as text, error values, blank rows, duplicate headers.
 */
import { FakeCustomFunctionError, customFunctions } from "./helpers/custom-functions-global";
import { rate, validate } from "../src/functions/functions";
import {
  PAYLOAD_LIMIT_BYTES,
  payloadEstimate,
  rateMatrix,
  validateMatrix,
  isCellError,
  toCell,
  type OutCell,
} from "../src/functions/adapter";
import { generateClaims } from "./bench/generate-claims";
import { dayFromISO, serialFromDay, validateGrid, type Cell } from "../src/engine";
import fc from "fast-check";
import { outreach } from "./helpers/claims";

const AS_OF = dayFromISO("2026-06-30") as number;
const serial = (iso: string): number => serialFromDay(dayFromISO(iso) as number);
/** An error value inside a range, as Excel hands it to a custom function. */
const NA_VALUE = { code: "#N/A" };

describe("=ECM.RATE", () => {
  it("gives the rate of one line, modifiers in any order or case", async () => {
    expect(await rate([["G9008"]], [["U1"]])).toEqual([[400]]);
    expect(await rate([["g9008 "]], [["gq u1"]])).toEqual([[400]]);
    expect(await rate([["G9012"]], [["U8GQ"]])).toEqual([[5]]);
    expect(await rate([["G9012"]])).toEqual([[150]]);
    expect(await rate([["G9007"]], [[""]])).toEqual([[0]]);
  });

  it("spills one rate per row for columns, blank rows blank, errors per cell", async () => {
    const out = await rate([["G9008"], ["G9012"], [""], ["G9999"], ["G9008"]], [["U1 GQ"], ["U2"], [""], ["U1"], ["U2"]]);
    expect(out.slice(0, 3)).toEqual([[400], [400], [""]]);
    const unknownCode = out[3]?.[0] as FakeCustomFunctionError;
    expect(unknownCode).toBeInstanceOf(FakeCustomFunctionError);
    expect(unknownCode.code).toBe("#N/A");
    expect(unknownCode.message).toBe('Code "G9999" is not an ECM code: use G9008, G9012, G9007.');
    // The service as the rate table writes it, in one argument: the message says how to split it.
    const oneCell = (await rate([["G9008 U1 GQ"]]))[0]?.[0] as FakeCustomFunctionError;
    expect([oneCell.code, oneCell.message]).toEqual([
      "#N/A",
      'Code "G9008 U1 GQ" holds the code and its modifiers in one cell: put G9008 in Code and U1, GQ in Modifiers.',
    ]);
    const badSet = out[4]?.[0] as FakeCustomFunctionError;
    expect(badSet.code).toBe("#N/A");
    expect(badSet.message).toBe(
      'G9008 with modifiers "U2" is not in the rate table: valid modifier sets for G9008 are U1; U1+GQ; U8; U8+GQ.',
    );
  });

  it("combines Modifier 1..4 columns, and one modifiers row serves every code", async () => {
    expect(
      rateMatrix(
        [["G9008"], ["G9012"]],
        [
          ["U8", "GQ", "", ""],
          ["U2", "", "", ""],
        ],
      ),
    ).toEqual([[5], [400]]);
    expect(rateMatrix([["G9008"], ["G9012"]], [["U8"]])).toEqual([[5], [5]]);
    expect(rateMatrix([["G9008", "G9012"]], [["U1", "U2"]])).toEqual([[400, 400]]);
  });

  it("reports a repeated modifier and an error value inside the range", async () => {
    const [[repeated], [errorCell]] = rateMatrix([["G9008"], [NA_VALUE]], [["U1, U1"], [""]]) as [[OutCell], [OutCell]];
    expect(isCellError(repeated) && repeated.message).toContain("repeats U1");
    expect(isCellError(errorCell) && errorCell.message).toBe('Code "#N/A" is not an ECM code: use G9008, G9012, G9007.');
  });

  it("refuses modifier ranges that do not line up with the codes, in every cell", async () => {
    const out = rateMatrix([["G9008"], ["G9008"], ["G9008"]], [["U1"], ["U1"]]);
    expect(out).toHaveLength(3);
    for (const [cell] of out) expect(isCellError(cell) && cell.error).toBe("#VALUE!");
  });
});

describe("=ECM.VALIDATE", () => {
  const HEADER = [
    "Member ID",
    "DOS",
    "HCPCS",
    "Modifiers",
    "Units",
    "Billed Amount",
    "TAR",
    "ECM Enrollment Date",
    "Outreach Method",
    "Notes",
  ];

  it("answers every row: heading, verdicts, blank rows blank", async () => {
    const claims = [
      HEADER,
      ["900A", serial("2026-03-02"), "G9008", "U1", 1, 400, "T1", "", "", ""],
      ["900A", "46083", "G9008", "U1", "1", "400", "T1", "", "", "same day, numbers as text"],
      ["", "", "", "", "", "", "", "", "", ""],
      ["900B", serial("2026-03-02"), "G9008", "U1", 1, 400, "", "", "", ""],
      ["900C", NA_VALUE, "G9012", "", 1, 150, "T2", "", "", ""],
      ["900D", true, "G9012", "", 1, 150, "T2", "", "", ""],
    ];
    expect(validateMatrix(claims, false, AS_OF)).toEqual([
      ["ECM status as of 2026-06-30"],
      ["OK"],
      [expect.stringMatching(/^WARN: ECM-DUPLICATE: Same member, date, HCPCS G9008 U1 and billed amount \$400.00 as row 2/)],
      [""],
      [expect.stringMatching(/^ERROR: ECM-TAR: G9008 U1 .* requires a TAR and TAR is empty/)],
      [
        "ERROR: ECM-CELL-ERROR: DOS holds Excel's error value #N/A, not data: fix the formula or lookup that produced it, or type the value.",
      ],
      ['ERROR: ECM-DOS: DOS "TRUE" is not a valid date: use YYYY-MM-DD, M/D/YYYY or an Excel date.'],
    ]);
  });

  it("spills status, rules, message and expected with detail", async () => {
    const out = await validate(
      [
        HEADER,
        ["900A", serial("2026-03-02"), "G9008", "U1", 1, 400, "", "", "", ""],
        ["900A", serial("2026-03-03"), "G9008", "U8", 1, 5, "", "", "", ""],
      ],
      true,
    );
    expect(out[0]).toEqual([expect.stringMatching(/^ECM status as of \d{4}-\d{2}-\d{2}$/), "ECM rules", "ECM message", "ECM expected"]);
    expect(out[1]?.slice(0, 2)).toEqual(["ERROR", "ECM-TAR"]);
    expect(out[1]?.[3]).toBe(0);
    expect(out[2]).toEqual(["OK", "", "", 5]);
  });

  it("uses the first of duplicate headers and skips blank rows above the header", async () => {
    const out = validateMatrix(
      [
        ["", "", "", "", ""],
        ["CIN", "Service Date", "Code", "Code", "Auth #"],
        ["X1", serial("2026-03-02"), "G9012", "99213", "T"],
      ],
      false,
      AS_OF,
    );
    expect(out).toEqual([[""], ["ECM status as of 2026-06-30"], ["OK"]]);
  });

  it("gives one #VALUE! naming the required columns and the headers found", async () => {
    const out = await validate([
      ["Name", "Amount"],
      ["Ann", 5],
    ]);
    expect(out).toHaveLength(1);
    const [[error]] = out as [[FakeCustomFunctionError]];
    expect(error).toBeInstanceOf(FakeCustomFunctionError);
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toContain("Missing required columns: Member ID");
    expect(error.message).toContain('Headers seen in row 1: "Name", "Amount"');
  });

  it("handles a 1-row range: just the header, or a single claim line without header", async () => {
    expect(validateMatrix([HEADER], false, AS_OF)).toEqual([["ECM status as of 2026-06-30"]]);
    const single = validateMatrix([["900A", serial("2026-03-02"), "G9008"]], false, AS_OF);
    expect(isCellError(single[0]?.[0]) && (single[0]?.[0] as { error: string }).error).toBe("#VALUE!");
  });

  it("validates a 20,000-row range with cross-row rules across the whole range", async () => {
    const rows: unknown[][] = [HEADER];
    for (let i = 0; i < 20_000; i++) {
      const member = `M${Math.floor(i / 8)}`;
      const day = serial("2025-01-01") + (i % 8) * 3;
      // 8 outreach attempts per member, three days apart: the 6th, 7th and 8th are over the limit.
      const cells = outreach("unused", { member, dos: day }).map((c) => (c === null ? "" : c));
      rows.push([...cells, ""]);
    }
    const out = validateMatrix(rows, false, AS_OF);
    expect(out).toHaveLength(20_001);
    const statuses = out.slice(1).map(([v]) => String(v).split(":")[0]);
    expect(statuses.filter((s) => s === "OK")).toHaveLength(12_500);
    expect(statuses.filter((s) => s === "ERROR")).toHaveLength(7_500);
    expect(out[6]?.[0]).toMatch(/^ERROR: ECM-OUTREACH-30D: 6th outreach attempt within 30 days/);
  });
});

describe("=ECM.VALIDATE(claims, [detail], [as_of], [members])", () => {
  const HEADER = ["Member ID", "DOS", "HCPCS", "Modifiers", "Billed Amount", "TAR"];
  const claims = [
    HEADER,
    ["900A", serial("2026-03-02"), "G9008", "U1", 400, "T1"],
    ["900B", serial("2026-04-02"), "G9008", "U1", 400, "T1"],
  ];
  const MEMBERS = [
    ["Member ID", "ECM Enrollment Date", "Disenrollment Date"],
    ["900a", serial("2026-03-01"), serial("2026-03-31")],
  ];

  it("takes the as-of date as a date cell (serial) or text, and refuses one that is not a date", async () => {
    expect(validateMatrix(claims, false, AS_OF, undefined, { asOf: serial("2026-03-15") })[2]?.[0]).toMatch(
      /^ERROR: ECM-FUTURE: Date of service 2026-04-02 is after the as-of date 2026-03-15/,
    );
    expect(validateMatrix(claims, false, AS_OF, undefined, { asOf: "2026-03-15" })[2]?.[0]).toMatch(/^ERROR: ECM-FUTURE/);
    expect(validateMatrix(claims, false, AS_OF, undefined, { asOf: "" })[2]?.[0]).toBe("OK"); // an empty cell: today
    expect(validateMatrix(claims, false, AS_OF, undefined, { asOf: "soon" })).toEqual([
      [{ error: "#VALUE!", message: 'as_of "soon" is not a date: give a date cell or YYYY-MM-DD.' }],
    ]);
  });

  it("checks the claims against a members list range", async () => {
    const out = validateMatrix(claims, false, AS_OF, undefined, { members: MEMBERS });
    expect(out[1]?.[0]).toBe("OK");
    expect(out[2]?.[0]).toMatch(/^WARN: ECM-NOT-IN-MEMBERS: The member is not on the members list/);
    const after = validateMatrix([...claims, ["900A", serial("2026-04-06"), "G9008", "U1", 400, "T1"]], false, AS_OF, undefined, {
      members: MEMBERS,
    });
    expect(after[3]?.[0]).toMatch(/^ERROR: ECM-DISENROLLED: ECM service on 2026-04-06 is after the member's disenrollment date 2026-03-31/);
  });

  it("gives one #VALUE! for a members list it cannot use, and ignores an empty one", async () => {
    const twice = [...MEMBERS, ["900A", serial("2026-03-05"), ""]];
    expect(validateMatrix(claims, false, AS_OF, undefined, { members: twice })).toEqual([
      [
        {
          error: "#VALUE!",
          message:
            "Members list: rows 2 and 3 list the same member with different dates (enrolled 2026-03-01, disenrolled 2026-03-31 vs enrolled 2026-03-05); keep one.",
        },
      ],
    ]);
    expect(validateMatrix(claims, false, AS_OF, undefined, { members: [[""]] })).toEqual(validateMatrix(claims, false, AS_OF));
  });

  it("is what the registered function does with Excel's arguments", async () => {
    expect((await validate(claims, false, "2026-03-15", MEMBERS))[2]?.[0]).toMatch(/^ERROR: ECM-FUTURE, ECM-NOT-IN-MEMBERS/);
  });
});

describe("cell conversion", () => {
  it("turns Excel error values into their text and keeps plain values", async () => {
    expect(toCell({ code: "#DIV/0!" })).toBe("#DIV/0!");
    expect(toCell({ type: "Error", errorType: "Value" })).toBe("#VALUE!");
    expect(toCell({ type: "Error", errorType: "NotAvailable", basicValue: "#N/A" })).toBe("#N/A");
    expect(toCell({ type: "Error", errorType: "NotAvailable" })).toBe("#N/A");
    expect(toCell({ code: "NotAvailable" })).toBe("#N/A");
    expect(toCell("")).toBe("");
    expect(toCell(46083)).toBe(46083);
    expect(toCell(false)).toBe(false);
    expect(toCell(undefined)).toBeNull();
  });
});

describe("what Excel really passes", () => {
  const HEAD = [
    "Member ID",
    "DOS",
    "HCPCS",
    "Modifiers",
    "Units",
    "Billed Amount",
    "TAR",
    "ECM Enrollment Date",
    "Outreach Method",
    "Notes",
  ];
  /** Claims with empty cells marked E, encoded as Excel builds pass them: "", null or 0 (office-js #4702, #5262, #1951). */
  const E = Symbol("empty");
  const CLAIMS: unknown[][] = [
    HEAD,
    ["900A", serial("2026-03-02"), "G9008", "U1", 1, 400, "T1", E, E, E],
    ["900B", serial("2026-03-02"), "G9008", "U1", 1, 400, E, E, E, E], // missing TAR
    ["900C", serial("2026-03-04"), "G9012", "U8", E, 5, E, E, "Phone call", E],
    [E, E, E, E, E, E, E, E, E, E],
    ["900D", serial("2026-03-05"), "G9012", E, 1, E, E, serial("2026-03-01"), E, E],
  ];
  const encoded = (empty: unknown) => CLAIMS.map((r) => r.map((v) => (v === E ? empty : v)));

  it.each([
    ["null", null],
    ["0", 0],
  ])('=ECM.VALIDATE gives the same verdicts when empty cells arrive as %s as when they arrive as ""', async (_name, empty) => {
    for (const detail of [false, true]) {
      const reference = validateMatrix(encoded(""), detail, AS_OF);
      expect(validateMatrix(encoded(empty), detail, AS_OF)).toEqual(reference);
      expect(await validate(encoded(empty), detail, "2026-06-30")).toEqual(await validate(encoded(""), detail, "2026-06-30"));
    }
    expect(String(validateMatrix(encoded(empty), false, AS_OF)[2]?.[0])).toMatch(/^ERROR: ECM-TAR: /); // a missing TAR fails whichever arrives
  });

  it("gives the same verdicts for any claims whichever way their empty cells arrive (property), as the engine does", async () => {
    // Cells as Excel passes them (no real 0: a build that sends 0 for empty cannot tell one apart,
    // the documented limit), some empty; the reference is the engine on the same grid with null.
    const cell = (values: readonly unknown[]) =>
      fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fc.constant(E) });
    const line = fc.tuple(
      cell(["900A", "900B", "  900a ", "unknown"]),
      cell([serial("2026-03-02"), serial("2026-03-20"), "2026-04-01", serial("2026-07-15")]),
      cell(["G9008", "G9012", "g9007", "99213"]),
      cell(["U1", "U8", "U8 GQ", "U2", "GQ U1"]),
      cell([1, 2, "1"]),
      cell([400, 5, 150, "$400.00", -5]),
      cell(["T1", "N/A", "TAR-9"]),
      cell([serial("2026-03-01"), "pending"]),
      cell(["Phone call", "mass mailing", "home visit"]),
      cell(["note"]),
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 25 }), (lines) => {
        const rows: unknown[][] = [HEAD, ...lines];
        const as = (empty: unknown) => rows.map((r) => r.map((v) => (v === E ? empty : v)));
        const reference = validateMatrix(as(""), true, AS_OF);
        expect(validateMatrix(as(null), true, AS_OF)).toEqual(reference);
        expect(validateMatrix(as(0), true, AS_OF)).toEqual(reference);
        // The engine on the grid itself gives the same status and expected amount for every row.
        const result = validateGrid(as(null) as Cell[][], { asOf: AS_OF });
        if (!result.ok) throw new Error(result.message);
        const byRow = new Map(Array.from(result.verdicts, (v) => [v.row, [v.status, v.expected]]));
        reference.slice(1).forEach((out, i) => expect([out[0], out[3]]).toEqual(byRow.get(i + 2) ?? ["", ""]));
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['""', ""],
    ["null", null],
    ["0", 0],
  ])("=ECM.RATE reads an empty modifiers or code cell arriving as %s as empty", async (_name, empty) => {
    expect(await rate([["G9012"]], [[empty]])).toEqual([[150]]);
    expect(await rate([["G9008"], [empty]], [["U1"], [empty]])).toEqual([[400], [""]]);
    expect(rateMatrix([["G9007"]], [[empty, empty]])).toEqual([[0]]);
  });

  it.each([
    ['""', ""],
    ["null", null],
    ["0", 0],
  ])(
    "a Table's Total Row, which Claims[#All] includes, answers blank like a blank row, empty cells arriving as %s",
    async (_name, empty) => {
      // #All is "the entire table, including column headers, data, and totals (if any)" (Microsoft:
      // "Using structured references with Excel tables"); the Total Row has "Total" in the first column.
      const claims = [...encoded(empty), ["Total", empty, empty, empty, 3, 805, empty, empty, empty, empty]];
      const out = await validate(claims, false, "2026-06-30");
      expect(out).toHaveLength(claims.length);
      expect(out.at(-1)).toEqual([""]);
      expect(out.slice(0, -1)).toEqual(await validate(encoded(""), false, "2026-06-30"));
    },
  );

  it("answers blank on a row that repeats the header (two exports pasted one under another in the range)", async () => {
    const claims = encoded("");
    const pasted = [...claims, [...(claims[0] as unknown[])], ...claims.slice(1)];
    const out = await validate(pasted, false, "2026-06-30");
    expect(out[claims.length]).toEqual([""]);
    // Exactly as if that row were blank: no line for it, no member "Member ID" among the others.
    const blankInstead = [...claims, (claims[0] as unknown[]).map(() => ""), ...claims.slice(1)];
    expect(out).toEqual(await validate(blankInstead, false, "2026-06-30"));
  });

  it("gives one finding on the row of an error cell, not an error over the whole spill", async () => {
    const claims = encoded("");
    (claims[1] as unknown[])[6] = { type: "Error", errorType: "NotAvailable", basicValue: "#N/A" }; // a TAR lookup that found nothing
    const out = await validate(claims, false, "2026-06-30");
    expect(out).toHaveLength(CLAIMS.length);
    expect(out[1]).toEqual([
      "ERROR: ECM-CELL-ERROR: TAR holds Excel's error value #N/A, not data: fix the formula or lookup that produced it, or type the value.",
    ]);
    expect(out.slice(2)).toEqual((await validate(encoded(""), false, "2026-06-30")).slice(2));
  });

  it("names the as-of date in the heading, so a result computed on another day shows it", async () => {
    expect(validateMatrix(encoded(""), false, AS_OF, undefined, { asOf: "2026-05-31" })[0]).toEqual(["ECM status as of 2026-05-31"]);
    expect(validateMatrix(encoded(""), true, AS_OF)[0]).toEqual([
      "ECM status as of 2026-06-30",
      "ECM rules",
      "ECM message",
      "ECM expected",
    ]);
  });

  it("drops trailing empty rows of a generous range, and answers one #VALUE! for a range too large for Excel on the web", async () => {
    const generous = [...encoded(""), ...Array.from({ length: 50_000 }, () => Array<unknown>(10).fill(""))];
    expect(validateMatrix(generous, false, AS_OF)).toEqual(validateMatrix(encoded(""), false, AS_OF));
    const rowsAllowed = Math.floor(PAYLOAD_LIMIT_BYTES / payloadEstimate(1, 10, false));
    const big = [HEAD, ...Array.from({ length: rowsAllowed }, () => CLAIMS[1] as unknown[])];
    const [[first]] = validateMatrix(big, false, AS_OF) as [[OutCell]];
    expect(isCellError(first) && first.error).toBe("#VALUE!");
    expect(isCellError(first) && first.message).toMatch(
      /^24,457 rows × 10 columns is more than ECM\.VALIDATE can answer in Excel on the web \(about 5 MB\): use Check ECM claims/,
    );
    expect(validateMatrix(big.slice(0, -1), false, AS_OF)).toHaveLength(rowsAllowed);
  });

  it("=ECM.RATE answers one #VALUE! rather than more than Excel on the web passes (a whole column, or a column of #N/A messages)", () => {
    const column = (n: number, value: string) => Array.from({ length: n }, () => [value]);
    const valid = rateMatrix(column(150_000, "G9008"), column(150_000, "U1 GQ"));
    expect(valid).toHaveLength(150_000);
    expect(valid[149_999]).toEqual([400]);
    const whole = rateMatrix(column(1_048_576, "G9008"), column(1_048_576, "U1 GQ")) as [[OutCell]];
    expect(whole).toHaveLength(1);
    expect(isCellError(whole[0][0]) && whole[0][0].message).toBe(
      "1,048,576 rows of codes and their rates are more than ECM.RATE can answer in Excel on the web (about 5 MB): give it the claims' rows only (C2:C50000, not C:C).",
    );
    // 50,000 unknown codes: a short input, but each answer is an #N/A with its message.
    const unknown = rateMatrix(column(50_000, "G9999"), column(50_000, "U1")) as OutCell[][];
    expect(unknown).toHaveLength(1);
    expect(isCellError(unknown[0]?.[0]) && (unknown[0]?.[0] as { error: string }).error).toBe("#VALUE!");
    expect(rateMatrix(column(4_000, "G9999"), column(4_000, "U1"))).toHaveLength(4_000);
  });

  it("payload: the estimate is above the measured JSON size of the range passed in and the result, and the limit below 5 MB", async () => {
    const generated = generateClaims(15_000);
    const rows = [generated.header, ...generated.rows];
    for (const detail of [false, true]) {
      const measured = JSON.stringify(rows).length + JSON.stringify(validateMatrix(rows, detail, AS_OF)).length;
      expect(payloadEstimate(rows.length, generated.header.length, detail)).toBeGreaterThan(measured);
    }
    expect(PAYLOAD_LIMIT_BYTES).toBeLessThan(5 * 1024 * 1024);
  });
});

describe("the CustomFunctions stand-in (tests/helpers/custom-functions-global.ts)", () => {
  it("binds functions by id as associate documents, calls them as Excel does, and refuses what Excel would", async () => {
    const cf = customFunctions;
    cf.associate("stand_in_test", (a: unknown, b: unknown) => [[a, b ?? "omitted"]]);
    expect(cf.invoke("STAND_IN_TEST", 1)).toEqual([[1, "omitted"]]);
    expect(() => cf.invoke("NOT_THERE")).toThrow("#NAME?");
    expect(() => cf.associate("BAD", "x" as unknown as () => unknown)).toThrow(TypeError);
    expect(new cf.Error(cf.ErrorCode.notAvailable as string, "why")).toMatchObject({ code: "#N/A", message: "why" });
    cf.registered.delete("STAND_IN_TEST");
  });
});

describe("the rates argument of =ECM.RATE and =ECM.VALIDATE", () => {
  const HEADER = ["Plan", "HCPCS", "Modifiers", "Rate", "Kind", "TAR required", "Effective from", "Effective to"];
  const claims = [
    ["Member ID", "DOS", "HCPCS", "Modifiers", "TAR"],
    ["M1", "2026-03-02", "G9008", "U1", "T1"],
  ];

  it("refuses a book with a bad row: one #VALUE! naming the row, the column and the value", async () => {
    const bad = [HEADER, ["", "G9008", "U1", "four hundred", "pepm", "yes", "", ""]];
    const [[cell]] = (await validate(claims, false, "2026-06-30", undefined, bad)) as unknown[][] as [[FakeCustomFunctionError]];
    expect(cell).toBeInstanceOf(FakeCustomFunctionError);
    expect(cell.message).toContain('row 2 Rate: "four hundred" is not an amount');
    const rates = (await rate([["G9008"]], [["U1"]], undefined, undefined, bad)) as unknown[][];
    expect((rates[0]?.[0] as FakeCustomFunctionError).message).toContain("four hundred");
  });

  it("reads dates and plans per row, and says #VALUE! for a date that is not one", async () => {
    const book = [
      HEADER,
      ["PlanA", "G9008", "U1", 400, "pepm", "yes", "", "2026-06-30"],
      ["PlanA", "G9008", "U1", 425, "pepm", "yes", "2026-07-01", ""],
    ];
    const june30 = serialFromDay(dayFromISO("2026-06-30") as number);
    const out = (await rate(
      [["G9008"], ["G9008"], ["G9008"]],
      [["U1"]],
      [[june30], ["2026-07-01"], ["soon"]],
      [["PlanA"]],
      book,
    )) as unknown[][];
    expect(out[0]).toEqual([400]);
    expect(out[1]).toEqual([425]);
    expect((out[2]?.[0] as FakeCustomFunctionError).message).toContain('date "soon" is not a date');
    const noPlan = (await rate([["G9008"]], [["U1"]], [["2026-07-01"]], undefined, book)) as unknown[][];
    expect((noPlan[0]?.[0] as FakeCustomFunctionError).message).toBe(
      "G9008 U1 has no rate without a plan (give ECM.RATE the plan): the rate table has it for PlanA until 2026-06-30; PlanA from 2026-07-01.",
    );
  });

  it("treats an empty rates cell as omitted (the built-in table)", async () => {
    expect(await rate([["G9008"]], [["U1"]], undefined, undefined, [[""]])).toEqual([[400]]);
    expect(await rate([["G9008"]], [["U1"]], undefined, undefined, [[0]])).toEqual([[400]]);
  });
});

describe("the limits argument of =ECM.VALIDATE (ECM_Limits[#All], as the task pane and the CLI read it)", () => {
  const LIMITS_HEADER = ["Plan", "Outreach per window", "Window days", "Outreach max", "Lesser of billed", "CIN format"];
  // Four outreach attempts of one member in PlanB, a week apart: within the default limits (5 per
  // 30 days, 5 in total), over PlanB's own (3 in total).
  const claims = [
    ["Member ID", "DOS", "HCPCS", "Modifiers", "Billed Amount", "Plan"],
    ...["2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23"].map((dos) => ["M1", dos, "G9008", "U8", 5, "PlanB"]),
  ];
  const statuses = (out: unknown[][]) => out.slice(1).map((r) => String(r[0]).split(":")[0]);

  it("holds each line to its plan's limits, as the task pane does with the same Table", async () => {
    const limits = [LIMITS_HEADER, ["", 5, 30, 5, "yes", "no"], ["PlanB", "", "", 3, "", ""]];
    expect(statuses((await validate(claims, false, "2026-06-30")) as unknown[][])).toEqual(["OK", "OK", "OK", "OK"]);
    const out = (await validate(claims, true, "2026-06-30", undefined, undefined, limits)) as unknown[][];
    expect(out.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ["OK", ""],
      ["OK", ""],
      ["OK", ""],
      ["ERROR", "ECM-OUTREACH-MAX"],
    ]);
    expect(String(out[4]?.[2])).toContain("at most 3 outreach attempts are paid before successful engagement");
  });

  it("applies with a rate book too, and an empty cell is an omitted argument", async () => {
    const book = [
      ["Plan", "HCPCS", "Modifiers", "Rate", "Kind", "TAR required"],
      ["", "G9008", "U8", 5, "outreach", "no"],
    ];
    const limits = [LIMITS_HEADER, ["PlanB", 2, 30, "", "", ""]];
    expect(statuses((await validate(claims, false, "2026-06-30", undefined, book, limits)) as unknown[][])).toEqual([
      "OK",
      "OK",
      "ERROR",
      "ERROR",
    ]);
    expect(statuses((await validate(claims, false, "2026-06-30", undefined, undefined, [[""]])) as unknown[][])).toEqual([
      "OK",
      "OK",
      "OK",
      "OK",
    ]);
  });

  it("refuses a limits table with a bad row: one #VALUE! naming the row", async () => {
    const bad = [LIMITS_HEADER, ["PlanB", 3, 30, 5, "", ""], ["plan b", 4, 30, 5, "", ""]];
    const [[cell]] = (await validate(claims, false, "2026-06-30", undefined, undefined, bad)) as unknown[][] as [[FakeCustomFunctionError]];
    expect(cell).toBeInstanceOf(FakeCustomFunctionError);
    expect(cell.message).toContain("row 3");
    expect(cell.message).toContain("listed again (first on row 2)");
  });
});
