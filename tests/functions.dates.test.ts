/**
 * The custom functions read date cells in the workbook's date system (src/functions/workbook-dates.ts):
 * asked of Excel once, through the in-memory Excel stand-in here (tests/helpers/fake-excel.ts,
 * whose Workbook.functions.date answers in the book's date system as Excel does), never waited for
 * longer than the timeout.
 */
import "./helpers/custom-functions-global";
import { FakeWorkbook, installFakeExcel } from "./helpers/fake-excel";
import { workbookDates, type ExcelRun } from "../src/functions/workbook-dates";

/** The serial of an ISO date in a date system (1900: 1970-01-01 is 25,569; 1904: 1,462 less). */
const serial = (iso: string, system: 1900 | 1904) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25_569 - (system === 1904 ? 1_462 : 0);

function bookOf(system: 1900 | 1904): FakeWorkbook {
  const book = new FakeWorkbook();
  book.dateSystem = system;
  return book;
}

describe("workbookDates: the date system the functions read dates in", () => {
  it.each([1900, 1904] as const)(
    "asks Excel's DATE once, however many calls, and answers as the workbook's system (%s)",
    async (system) => {
      const book = bookOf(system);
      const api = book.api() as { run: ExcelRun };
      let runs = 0;
      const dates = workbookDates((batch) => (runs++, api.run(batch)));
      expect(await Promise.all([dates.system(), dates.system(), dates.system()])).toEqual([system, system, system]);
      expect(await dates.system()).toBe(system);
      expect(runs).toBe(1);
      expect(book.touched.has("Workbook.functions.date")).toBe(true);
    },
  );

  it("answers 1900 without Excel (Node, HyperFormula) and when Excel refuses", async () => {
    expect(await workbookDates(undefined).system()).toBe(1900);
    expect(await workbookDates(() => Promise.reject(new Error("GeneralException"))).system()).toBe(1900);
  });

  it("waits at most the timeout for an answer (then 1900, as before), and uses the answer once it has come", async () => {
    let answer: (system: 1900 | 1904) => void = () => undefined;
    const pending = new Promise<1900 | 1904>((resolve) => (answer = resolve));
    // A run whose sync has not come back (office-js#1395: Excel.run can hang in a shared runtime).
    const dates = workbookDates(() => pending as never, 20);
    const started = Date.now();
    expect(await dates.system()).toBe(1900);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    answer(1904);
    await pending;
    await Promise.resolve();
    expect(await dates.system()).toBe(1904);
  });
});

describe("=ECM.RATE and =ECM.VALIDATE in a workbook set to the 1904 date system (through functions.ts)", () => {
  const load = (system: 1900 | 1904) => {
    installFakeExcel(bookOf(system));
    let functions: typeof import("../src/functions/functions") | undefined;
    jest.isolateModules(() => {
      functions = jest.requireActual<typeof import("../src/functions/functions")>("../src/functions/functions");
    });
    return functions as typeof import("../src/functions/functions");
  };
  afterEach(() => {
    delete (globalThis as { Excel?: unknown }).Excel;
    delete (globalThis as { Office?: unknown }).Office;
  });

  const BOOK = [
    ["Plan", "HCPCS", "Modifiers", "Rate", "Kind", "TAR required", "Effective from", "Effective to"],
    ["PlanA", "G9008", "U1", 400, "pepm", "yes", "", "2026-06-30"],
    ["PlanA", "G9008", "U1", 425, "pepm", "yes", "2026-07-01", ""],
  ];

  it.each([1900, 1904] as const)("reads a date cell's serial in the workbook's system (%s)", async (system) => {
    const { rate, validate } = load(system);
    expect(await rate([["G9008"]], [["U1"]], [[serial("2026-07-01", system)]], [["PlanA"]], BOOK)).toEqual([[425]]);
    expect(await rate([["G9008"]], [["U1"]], [[serial("2026-06-30", system)]], [["PlanA"]], BOOK)).toEqual([[400]]);
    const claims = [
      ["Member ID", "DOS", "HCPCS", "Modifiers", "TAR", "Plan"],
      ["M1", serial("2026-07-01", system), "G9008", "U1", "T1", "PlanA"],
      ["M2", serial("2026-12-01", system), "G9008", "U1", "T1", "PlanA"],
    ];
    const out = (await validate(claims, true, serial("2026-11-30", system), undefined, BOOK)) as unknown[][];
    expect(out[0]?.[0]).toBe("ECM status as of 2026-11-30");
    expect(out.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual([
      ["OK", "", 425],
      ["ERROR", "ECM-FUTURE", 0],
    ]);
  });
});
