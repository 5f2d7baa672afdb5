/**
 * The 1904 date system: a workbook set to it hands the task pane its date cells as 1904 serials
 * (1,462 less than the 1900 system's for the same day). With `dateSystem: 1904` they read as the
 * same days: claims, members list and rate book alike.
 */
import { dayFromParts, dayFromSerial, dayFromSerial1904, formatDay } from "./days";
import { readMembers } from "./members";
import { readRateBook } from "./book";
import { validateGrid } from "./validate";
import type { Cell } from "./types";

const SHIFT = 1_462;
const serial1900 = (iso: string): number => {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return (dayFromParts(y, m, d) as number) + 25_569;
};

describe("1904 serials", () => {
  it("are 1,462 less than 1900 serials for the same day; serial 0 (1904-01-01, a lookup on a blank) is no date", () => {
    expect(formatDay(dayFromSerial1904(1) as number)).toBe("1904-01-02");
    for (const iso of ["1904-03-01", "2026-02-28", "2026-03-01", "2028-02-29", "9999-12-31"]) {
      const s = serial1900(iso);
      expect(formatDay(dayFromSerial1904(s - SHIFT) as number)).toBe(iso);
      expect(dayFromSerial(s)).toBe(dayFromSerial1904(s - SHIFT));
    }
    expect(dayFromSerial1904(0)).toBeUndefined();
    expect(dayFromSerial1904(2_958_465)).toBeUndefined();
  });
});

describe("validating a workbook in the 1904 date system", () => {
  const HEADER = ["Member ID", "DOS", "HCPCS", "Modifiers", "Billed Amount", "TAR", "ECM Enrollment Date"];
  // PEPM on the last of February and the first of March (two months), outreach, a future line.
  const lines: [string, string, string, string, number, string, string | null][] = [
    ["M1", "2026-02-28", "G9008", "U1", 400, "T1", "2026-02-01"],
    ["M1", "2026-03-01", "G9008", "U1", 400, "T2", "2026-02-01"],
    ["M2", "2026-03-02", "G9012", "U8", 5, "", null],
    ["M3", "2026-07-01", "G9008", "U1", 400, "T3", "2026-02-01"],
  ];
  const grid = (shift: number): Cell[][] => [
    HEADER,
    ...lines.map(([m, dos, code, mods, billed, tar, enrolled]) => [
      m,
      serial1900(dos) - shift,
      code,
      mods,
      billed,
      tar,
      enrolled === null ? null : serial1900(enrolled) - shift,
    ]),
  ];
  const asOf = dayFromParts(2026, 6, 30) as number;
  const verdicts = (shift: number, dateSystem?: 1900 | 1904) => {
    const r = validateGrid(grid(shift), { asOf, ...(dateSystem === undefined ? {} : { dateSystem }) });
    if (!r.ok) throw new Error(r.message);
    return [...r.verdicts].map((v) => [v.row, v.status, v.expected, v.findings.map((f) => f.message)]);
  };

  it("reads 1904 serials as the days the 1900 serials are", () => {
    const expected = verdicts(0);
    expect(expected.map((v) => v[1])).toEqual(["OK", "OK", "OK", "ERROR"]); // the July line is after the as-of date
    expect(verdicts(SHIFT, 1904)).toEqual(expected);
  });

  it("without it reads them four years and a day early (what the option prevents)", () => {
    expect(verdicts(SHIFT)).not.toEqual(verdicts(0));
  });

  it("reads the members list's and the rate book's date cells in the same system", () => {
    const members = readMembers(
      [
        ["Member ID", "ECM Enrollment Date", "Disenrollment Date"],
        ["M1", serial1900("2026-02-01") - SHIFT, serial1900("2026-05-31") - SHIFT],
      ],
      1,
      1904,
    );
    expect(members.ok && members.list.byId.get("M1")).toEqual({
      row: 2,
      enrollment: dayFromParts(2026, 2, 1),
      disenrollment: dayFromParts(2026, 5, 31),
    });
    const book = readRateBook(
      [
        ["HCPCS", "Modifiers", "Rate", "Kind", "TAR required", "Effective from", "Effective to"],
        ["G9008", "U1", 400, "pepm", "yes", serial1900("2026-01-01") - SHIFT, serial1900("2026-06-30") - SHIFT],
      ],
      "rates",
      1,
      1904,
    );
    expect(book.ok && [book.table.entries[0]?.from, book.table.entries[0]?.to]).toEqual([
      dayFromParts(2026, 1, 1),
      dayFromParts(2026, 6, 30),
    ]);
  });
});
