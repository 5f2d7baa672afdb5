/**
 * The custom functions evaluated through real formulas in a spreadsheet calculation engine
 * (HyperFormula, GPL-3.0, dev-only): =ECM.RATE(...) on cells and ranges, and =ECM.VALIDATE(A1:J40)
 * on a sheet built from the bundled sample workbook, with dates stored as Excel serial numbers.
 */
import { FakeCustomFunctionError } from "./helpers/custom-functions-global";
import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
  type ConfigParams,
  type ImplementedFunctions,
  type RawCellContent,
} from "hyperformula";
import { rateIn, validateIn } from "../src/functions/functions";
import { SAMPLE_TOTALS, sampleRows } from "./helpers/sample-sheet";

type Ast = Parameters<FunctionPlugin["arraySizeForAst"]>[0];
type State = Parameters<FunctionPlugin["arraySizeForAst"]>[1];
/** A function call node: HyperFormula hands the plugin methods its arguments. */
interface Call {
  args: Ast[];
}

/** HyperFormula range values → what Excel passes to a custom function ("" for empty cells). */
function excelArgument(value: unknown): unknown[][] {
  const rows = value instanceof SimpleRangeValue ? value.rawData() : [[value]];
  return rows.map((row) =>
    row.map((v: unknown) => {
      if (v === EmptyValue || v === undefined || v === null) return "";
      if (v instanceof CellError) return { code: `#${v.type}` };
      if (typeof v === "object" && v !== null && "val" in v) return (v as { val: number }).val;
      return v;
    }),
  );
}

/** A custom function's result → HyperFormula values (CustomFunctions.Error → CellError). */
function toRange(result: unknown[][]): SimpleRangeValue {
  return SimpleRangeValue.onlyValues(
    result.map((row) =>
      row.map((v) => {
        if (v instanceof FakeCustomFunctionError) return new CellError(v.code === "#N/A" ? ErrorType.NA : ErrorType.VALUE, v.message);
        return v as string | number;
      }),
    ),
  );
}

class EcmPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    "ECM.RATE": {
      method: "ecmRate",
      sizeOfResultArrayMethod: "sizeOfFirstArgument",
      // code, [modifiers], [date], [plan], [rates]: every argument a range, as functions.json declares them (matrix).
      parameters: [
        { argumentType: FunctionArgumentType.RANGE },
        ...[1, 2, 3, 4].map(() => ({ argumentType: FunctionArgumentType.RANGE, optionalArg: true })),
      ],
      vectorizationForbidden: true,
    },
    "ECM.VALIDATE": {
      method: "ecmValidate",
      sizeOfResultArrayMethod: "validateSize",
      // claims, [detail], [as_of], [members], [rates], [limits]
      parameters: [
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.BOOLEAN, optionalArg: true },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
        { argumentType: FunctionArgumentType.RANGE, optionalArg: true },
        { argumentType: FunctionArgumentType.RANGE, optionalArg: true },
        { argumentType: FunctionArgumentType.RANGE, optionalArg: true },
      ],
      vectorizationForbidden: true,
    },
  };

  ecmRate(ast: Call, state: State) {
    const optional = (v: unknown) => (v === undefined ? undefined : excelArgument(v));
    return this.runFunction(ast.args, state, this.metadata("ECM.RATE"), (code: unknown, ...rest: unknown[]) => {
      const [modifiers, date, plan, rates] = rest.map(optional);
      return toRange(rateIn(this.dateSystem(), excelArgument(code), modifiers, date, plan, rates));
    });
  }
  ecmValidate(ast: Call, state: State) {
    return this.runFunction(
      ast.args,
      state,
      this.metadata("ECM.VALIDATE"),
      (claims: unknown, detail: boolean | undefined, asOf: unknown, members: unknown, rates: unknown, limits: unknown) => {
        const scalar =
          asOf !== null && typeof asOf === "object" && "val" in asOf
            ? (asOf as { val: number }).val
            : (asOf as number | string | undefined);
        const optional = (v: unknown) => (v === undefined ? undefined : excelArgument(v));
        return toRange(
          validateIn(this.dateSystem(), excelArgument(claims), detail, scalar, optional(members), optional(rates), optional(limits)),
        );
      },
    );
  }
  /**
   * The engine's date system: 1904 when its serial 0 is 1904-01-01 (nullDate), as in an Excel
   * workbook set to the 1904 date system. The functions ask Excel for it (workbook-dates.ts); here
   * the formula engine is asked instead, and its functions are synchronous, so rateIn and validateIn.
   */
  dateSystem(): 1900 | 1904 {
    return this.config.nullDate.year === 1904 ? 1904 : 1900;
  }
  sizeOfFirstArgument(ast: Call, state: State): ArraySize {
    const first = ast.args[0];
    if (first === undefined) return ArraySize.error();
    const size = this.arraySizeForAst(first, state);
    return new ArraySize(size.width, size.height); // a new array of that shape, not a reference
  }
  validateSize(ast: Call, state: State): ArraySize {
    const rows = this.sizeOfFirstArgument(ast, state).height;
    const detail = (ast.args[1] as { procedureName?: string } | undefined)?.procedureName === "TRUE";
    return new ArraySize(detail ? 4 : 1, rows);
  }
}

describe("ECM functions in a real formula engine", () => {
  let hf: HyperFormula;
  let sheetId: number;
  /** Last row of the sample sheet (its header is row 1). */
  let last: number;
  const at = (a1: string) => {
    const address = hf.simpleCellAddressFromString(a1, sheetId);
    if (address === undefined) throw new Error(a1);
    return hf.getCellValue(address);
  };

  beforeAll(async () => {
    jest.useFakeTimers({ now: new Date(2026, 5, 30, 12, 0), doNotFake: ["nextTick", "setImmediate"] });
    HyperFormula.registerFunctionPlugin(EcmPlugin, { enGB: { "ECM.RATE": "ECM.RATE", "ECM.VALIDATE": "ECM.VALIDATE" } });
    const data: (string | number | null)[][] = await sampleRows();
    last = data.length;
    const claims = `A1:${String.fromCharCode(64 + (data[0]?.length ?? 0))}${last}`; // the sheet's real size (J40 today)
    data[0]?.push(null, `=ECM.VALIDATE(${claims})`, null, `=ECM.RATE(C2:C${last}, D2:D${last})`, null, `=ECM.VALIDATE(${claims}, TRUE())`);
    data[1]?.push(
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      '=ECM.RATE("G9008", "U1 GQ")',
      "=ECM.RATE(C2, D2)",
      "=ECM.RATE(C36)",
    );
    hf = HyperFormula.buildFromArray(data, { licenseKey: "gpl-v3" });
    sheetId = 0;
  });
  afterAll(() => {
    hf.destroy();
    HyperFormula.unregisterFunctionPlugin(EcmPlugin);
    jest.useRealTimers();
  });

  it("evaluates =ECM.RATE on single cells and literals", () => {
    expect(at("T2")).toBe(400);
    expect(at("U2")).toBe(5);
    const notEcm = at("V2") as { type: string; message: string };
    expect(notEcm.type).toBe("NA");
    expect(notEcm.message).toContain('"99213" is not an ECM code');
  });

  it("spills =ECM.RATE over two columns, one rate per row, #N/A where the table has no such line", () => {
    const rates = Array.from({ length: last - 1 }, (_, i) => at(`N${i + 1}`));
    expect(rates.slice(0, 12)).toEqual([5, 5, 5, 5, 5, 5, 150, 5, 400, 400, 400, 400]);
    expect((rates[35] as { type: string }).type).toBe("NA"); // row 37: G9008 U2
    expect(rates[37]).toBe(""); // row 39 is blank
  });

  it("spills =ECM.VALIDATE(A1:J40) beside the sample: heading, a verdict per claim, blank rows blank", () => {
    const column = Array.from({ length: last }, (_, i) => String(at(`L${i + 1}`)));
    expect(column[0]).toBe("ECM status as of 2026-06-30");
    expect(column[1]).toBe("OK");
    expect(column[6]).toMatch(/^ERROR: ECM-OUTREACH-30D: 6th outreach attempt/);
    expect(column[12]).toMatch(/^WARN: ECM-DUPLICATE: /); // a duplicate pays nothing and is not also the second PEPM line
    expect(column[34]).toMatch(/^ERROR: ECM-FUTURE: Date of service 2026-07-15 is after the as-of date 2026-06-30/);
    expect(column[38]).toBe("");
    const counts = { OK: 0, WARN: 0, ERROR: 0 } as Record<string, number>;
    for (const v of column.slice(1)) if (v !== "") counts[v.split(":")[0] as string]! += 1;
    expect(counts).toEqual({ OK: SAMPLE_TOTALS.ok, WARN: SAMPLE_TOTALS.warn, ERROR: SAMPLE_TOTALS.error }); // the same totals as `npm run demo`
  });

  it("spills four columns with detail", () => {
    expect([at("P1"), at("Q1"), at("R1"), at("S1")]).toEqual(["ECM status as of 2026-06-30", "ECM rules", "ECM message", "ECM expected"]);
    expect([at("P10"), at("Q10"), at("S10")]).toEqual(["OK", "", 400]);
    expect([at("P18"), at("Q18"), at("S18")]).toEqual(["ERROR", "ECM-TAR", 0]);
  });
});

interface RatesWorkbook {
  value(a1: string, sheet: string): unknown;
  close(): void;
}

/**
 * A HyperFormula workbook of `sheets` with the ECM functions, its rate book as the named range
 * Rates (HyperFormula has no Tables), and the clock at 2026-11-30 noon.
 */
function ratesWorkbook(
  sheets: Record<string, RawCellContent[][]>,
  rates: string,
  config: Partial<ConfigParams> = {},
  names: Record<string, string> = {},
): RatesWorkbook {
  jest.useFakeTimers({ now: new Date(2026, 10, 30, 12, 0), doNotFake: ["nextTick", "setImmediate"] });
  HyperFormula.registerFunctionPlugin(EcmPlugin, { enGB: { "ECM.RATE": "ECM.RATE", "ECM.VALIDATE": "ECM.VALIDATE" } });
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: "gpl-v3", ...config });
  hf.addNamedExpression("Rates", rates);
  for (const [name, expression] of Object.entries(names)) hf.addNamedExpression(name, expression);
  return {
    value(a1, sheet) {
      const address = hf.simpleCellAddressFromString(a1, hf.getSheetId(sheet) as number);
      if (address === undefined) throw new Error(a1);
      return hf.getCellValue(address);
    },
    close() {
      hf.destroy();
      HyperFormula.unregisterFunctionPlugin(EcmPlugin);
      jest.useRealTimers();
    },
  };
}

describe("ECM functions with a rate book in the workbook (a named range: HyperFormula has no Tables)", () => {
  const BOOK = [
    ["Plan", "HCPCS", "Modifiers", "Rate", "Kind", "TAR required", "Effective from", "Effective to", "Source"],
    ["PlanA", "G9008", "U1", 400, "pepm", "yes", null, "2026-06-30", "PlanA contract"],
    ["PlanA", "G9008", "U1", 425, "pepm", "yes", "2026-07-01", null, "PlanA amendment 1"],
    [null, "G9008", "U1", 390, "pepm", "yes", null, null, "Any other plan"],
    [null, "G9008", "U8", 5, "outreach", "no", null, null, "seed"],
  ];
  const CLAIMS = [
    ["Member ID", "DOS", "HCPCS", "Modifiers", "TAR", "Plan", "Billed Amount", "Paid Amount"],
    ["M1", "2026-06-30", "G9008", "U1", "T1", "PlanA", 425, 400],
    ["M1", "2026-07-01", "G9008", "U1", "T1", "PlanA", 425, 400],
    ["M2", "2026-07-01", "G9008", "U1", "T1", "PlanB", 425, 390],
  ];
  let book: RatesWorkbook;
  const value = (a1: string, sheet: string): unknown => book.value(a1, sheet);
  beforeAll(() => {
    book = ratesWorkbook(
      {
        Book: BOOK,
        Claims: CLAIMS,
        Formulas: [
          [
            '=ECM.RATE("G9008","U1",DATE(2026,7,1),"PlanA",Rates)',
            '=ECM.RATE("G9008","U1",DATE(2026,6,30),"PlanA",Rates)',
            '=ECM.RATE("G9008","U1",DATE(2026,7,1),"PlanB",Rates)',
            '=ECM.RATE("G9008","U1 GQ",DATE(2026,7,1),"PlanA",Rates)',
            '=ECM.RATE("G9008","U1")',
          ],
          ["=ECM.VALIDATE(Claims!A1:H4, TRUE(), DATE(2026,11,30), , Rates)"],
        ],
      },
      "=Book!$A$1:$I$5",
    );
  });
  afterAll(() => book.close());

  it("=ECM.RATE picks the row for the plan in effect on the date, the any-plan row for another plan", () => {
    expect(value("A1", "Formulas")).toBe(425);
    expect(value("B1", "Formulas")).toBe(400);
    expect(value("C1", "Formulas")).toBe(390);
  });

  it("=ECM.RATE says what the book lacks, and uses the built-in table without a book", () => {
    const missing = value("D1", "Formulas") as { type: string; message: string };
    expect(missing.type).toBe("NA");
    expect(missing.message).toContain("valid modifier sets for G9008 are U1; U8");
    expect(value("E1", "Formulas")).toBe(400);
  });

  it("=ECM.VALIDATE with the book: old and new rate either side of the 1st, paid compared with expected", () => {
    const rows = [3, 4, 5].map((r) => [value(`A${r}`, "Formulas"), value(`B${r}`, "Formulas"), value(`D${r}`, "Formulas")]);
    expect(rows).toEqual([
      ["OK", "", 400],
      ["WARN", "ECM-UNDERPAID", 425],
      ["OK", "", 390],
    ]);
  });
});

describe("=ECM.VALIDATE with the workbook's limits table (a named range Limits, as ECM_Limits[#All] in Excel)", () => {
  // Four outreach attempts a week apart for a PlanB member and for a PlanA member: PlanB's own
  // limits (3 before engagement) make the fourth an error; PlanA has the any-plan row's (5).
  let book: RatesWorkbook;
  const value = (a1: string, sheet: string): unknown => book.value(a1, sheet);
  beforeAll(() => {
    const weeks = ["2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23"];
    book = ratesWorkbook(
      {
        Book: [
          ["Plan", "HCPCS", "Modifiers", "Rate", "Kind", "TAR required"],
          [null, "G9008", "U8", 5, "outreach", "no"],
        ],
        Limits: [
          ["Plan", "Outreach per window", "Window days", "Outreach max", "Lesser of billed", "CIN format"],
          [null, 5, 30, 5, "yes", "no"],
          ["PlanB", null, null, 3, null, null],
        ],
        Claims: [
          ["Member ID", "DOS", "HCPCS", "Modifiers", "Billed Amount", "Plan"],
          ...weeks.map((dos): RawCellContent[] => ["M1", dos, "G9008", "U8", 5, "PlanB"]),
          ...weeks.map((dos): RawCellContent[] => ["M2", dos, "G9008", "U8", 5, "PlanA"]),
        ],
        Formulas: [
          ["=ECM.VALIDATE(Claims!A1:F9, TRUE(), DATE(2026,11,30), , Rates, Limits)"],
          ...Array.from({ length: 8 }, (): RawCellContent[] => [null]),
          ["=ECM.VALIDATE(Claims!A1:F9, TRUE(), DATE(2026,11,30), , Rates)"],
        ],
      },
      "=Book!$A$1:$F$2",
      {},
      { Limits: "=Limits!$A$1:$F$3" },
    );
  });
  afterAll(() => book.close());

  it("holds each line to its plan's limits", () => {
    const statuses = (first: number) => Array.from({ length: 8 }, (_, k) => value(`A${first + k}`, "Formulas"));
    expect(statuses(2)).toEqual(["OK", "OK", "OK", "ERROR", "OK", "OK", "OK", "OK"]);
    expect(value("B5", "Formulas")).toBe("ECM-OUTREACH-MAX");
    // Without the limits argument: the default limits, as before.
    expect(statuses(11)).toEqual(["OK", "OK", "OK", "OK", "OK", "OK", "OK", "OK"]);
  });
});

describe("ECM functions in a workbook set to the 1904 date system (HyperFormula's nullDate 1904-01-01)", () => {
  // The same serial is a day 4 years and a day later in such a workbook (DATE(2026,7,1) is 44,742
  // there, 46,204 in the 1900 system): read in the 1900 system, as the functions did before, date
  // cells fall in 2022 while a date typed as text does not, so the wrong period (or none) is found.
  let book: RatesWorkbook;
  const value = (a1: string, sheet: string): unknown => book.value(a1, sheet);
  beforeAll(() => {
    book = ratesWorkbook(
      {
        Book: [
          ["Plan", "HCPCS", "Modifiers", "Rate", "Kind", "TAR required", "Effective from", "Effective to", "Source"],
          ["PlanA", "G9008", "U1", 400, "pepm", "yes", null, "=DATE(2026,6,30)", "PlanA contract"],
          ["PlanA", "G9008", "U1", 425, "pepm", "yes", "2026-07-01", null, "PlanA amendment 1 (typed as text)"],
        ],
        Claims: [
          ["Member ID", "DOS", "HCPCS", "Modifiers", "TAR", "Plan", "Billed Amount"],
          ["M1", "=DATE(2026,6,30)", "G9008", "U1", "T1", "PlanA", 425],
          ["M1", "=DATE(2026,7,1)", "G9008", "U1", "T1", "PlanA", 425],
          ["M2", "=DATE(2026,12,1)", "G9008", "U1", "T1", "PlanA", 425],
        ],
        Formulas: [
          [
            '=ECM.RATE("G9008","U1",DATE(2026,7,1),"PlanA",Rates)',
            '=ECM.RATE("G9008","U1",DATE(2026,6,30),"PlanA",Rates)',
            "=DATE(2026,7,1)",
          ],
          ["=ECM.VALIDATE(Claims!A1:G4, TRUE(), DATE(2026,11,30), , Rates)"],
        ],
      },
      "=Book!$A$1:$I$3",
      { nullDate: { year: 1904, month: 1, day: 1 }, leapYear1900: false },
    );
  });
  afterAll(() => book.close());

  it("is a 1904 workbook: DATE(2026,7,1) is 44,742", () => {
    expect(value("C1", "Formulas")).toBe(44_742);
  });

  it("=ECM.RATE reads the date and the book's periods in the workbook's date system", () => {
    expect([value("A1", "Formulas"), value("B1", "Formulas")]).toEqual([425, 400]);
  });

  it("=ECM.VALIDATE reads the claims' dates and the as-of date in it: the 1 December line is after the as-of date", () => {
    const rows = [3, 4, 5].map((r) => [value(`A${r}`, "Formulas"), value(`B${r}`, "Formulas"), value(`D${r}`, "Formulas")]);
    expect(value("A2", "Formulas")).toBe("ECM status as of 2026-11-30");
    expect(rows).toEqual([
      ["OK", "", 400],
      ["OK", "", 425],
      ["ERROR", "ECM-FUTURE", 0],
    ]);
    expect(String(value("C5", "Formulas"))).toContain("2026-12-01");
  });
});
