import fc from "fast-check";
import { readMembers } from "./members";
import { dayFromISO } from "./days";
import type { Cell } from "./types";

const day = (iso: string) => dayFromISO(iso) as number;

describe("the members list's header row", () => {
  it("may have a title and notes rows above it, as a plan's member file does (as for claims: within the first 20 non-blank rows)", () => {
    const grid: Cell[][] = [
      ["ECM members assigned to Example Health Plan"],
      ["As of 06/01/2026"],
      [],
      ["Member ID", "ECM Enrollment Date", "Disenrollment Date"],
      ["91234567A", "2026-03-01", ""],
    ];
    const read = readMembers(grid);
    if (!read.ok) throw new Error(read.message);
    expect(read.list.byId.get("91234567A")).toEqual({ row: 5, enrollment: day("2026-03-01") });
  });

  it("reads a plan file's Start Date / End Date columns as enrollment and disenrollment", () => {
    const read = readMembers([
      ["CIN", "ECM Start Date", "ECM End Date"],
      ["91234567A", "2026-03-01", "2026-05-31"],
    ]);
    if (!read.ok) throw new Error(read.message);
    expect(read.list.byId.get("91234567A")).toEqual({ row: 2, enrollment: day("2026-03-01"), disenrollment: day("2026-05-31") });
    const plain = readMembers([
      ["Subscriber ID", "Effective Date", "Term Date"],
      ["91234567A", "2026-03-01", "2026-05-31"],
    ]);
    expect(plain.ok && plain.list.byId.get("91234567A")?.disenrollment).toBe(day("2026-05-31"));
  });

  it("without a header row among the first 20 non-blank rows: names the closest row and never quotes member data", () => {
    const none = readMembers([
      ["91234567A", "2026-03-01"],
      ["91234567B", "2026-03-02"],
    ]);
    expect(none).toMatchObject({ ok: false, problems: [] });
    expect(!none.ok && none.message).toBe(
      'Members list: row 1 has no "Member ID" (or "CIN") and no "ECM Enrollment Date" (or "Enrollment Date") column; the list needs a header row with both (and optionally "Disenrollment Date").',
    );
    expect(!none.ok && none.message).not.toContain("91234567A");
    const closest = readMembers([["Members"], ["Member ID", "Notes"], ["91234567A", ""]]);
    expect(!closest.ok && closest.message).toMatch(/^Members list: row 2 has no "ECM Enrollment Date"/);
  });
});

describe("the members list's dates", () => {
  it("says a date cell holds a formula never calculated or an Excel error value, rather than that it is not a date", () => {
    const read = readMembers([
      ["Member ID", "ECM Enrollment Date", "Disenrollment Date"],
      ["91234567A", "=DATE(2026,3,1)", ""],
      ["91234567B", "2026-03-01", "#N/A"],
      ["91234567C", "soon", ""],
    ]);
    expect(!read.ok && read.problems).toEqual([
      'row 2: ECM Enrollment Date "=DATE(2026,3,1)" is a formula without a calculated value: open the workbook in Excel and save it, then use it again',
      'row 3: Disenrollment Date "#N/A" is an Excel error value, not data: fix the formula or lookup that produced it, or type the value',
      'row 4: ECM Enrollment Date "soon" is not a date (use YYYY-MM-DD, M/D/YYYY or an Excel date)',
    ]);
  });
});

describe("the members list's IDs", () => {
  it("refuses an ID Excel shortened to scientific notation, naming the row but not the digits left", () => {
    const read = readMembers([
      ["Member ID", "ECM Enrollment Date"],
      ["123456789012", "2026-03-01"],
      ["9.87654E+11", "2026-03-01"],
    ]);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toMatch(/^row 3: Member ID is a number Excel shortened to scientific notation/);
    expect(read.problems[0]).not.toContain("9.87654");
  });
});

describe("any members list (property)", () => {
  it("is refused exactly when a row has no usable ID, a cell that is not a date, dates out of order, or a member listed twice with other dates", () => {
    const id = fc.constantFrom("91234567A", "91234567a ", "91234567B", "N/A", "", "1.23457E+11");
    const date = fc.constantFrom("", "2026-03-01", "2026-04-15", "3/1/2026", "pending", "2026-02-30");
    fc.assert(
      fc.property(fc.array(fc.tuple(id, date, date), { minLength: 1, maxLength: 8 }), (rows) => {
        const read = readMembers([["Member ID", "ECM Enrollment Date", "Disenrollment Date"], ...rows]);
        // The slow way: each row's verdict, then the first record of each member against the others.
        const parsed = (t: string): number | null | undefined =>
          t === "" ? undefined : t === "pending" || t === "2026-02-30" ? null : day(t === "3/1/2026" ? "2026-03-01" : t);
        let problems = 0;
        const first = new Map<string, { enrollment?: number; disenrollment?: number; row: number }>();
        rows.forEach(([member, enrolled, ended], k) => {
          if (member.trim() === "" && enrolled === "" && ended === "") return; // a blank row is no row
          const key = member.trim().toUpperCase();
          if (key === "" || key === "N/A" || key === "1.23457E+11") return void problems++;
          const [e, d] = [parsed(enrolled), parsed(ended)];
          if (e === null || d === null) return void (problems += Number(e === null) + Number(d === null));
          if (e !== undefined && d !== undefined && d < e) return void problems++;
          const record = { row: k + 2, ...(e === undefined ? {} : { enrollment: e }), ...(d === undefined ? {} : { disenrollment: d }) };
          const earlier = first.get(key);
          if (earlier === undefined) first.set(key, record);
          else if (earlier.enrollment !== record.enrollment || earlier.disenrollment !== record.disenrollment) problems++;
        });
        if (problems > 0) {
          expect(read.ok ? 0 : read.problems.length).toBe(problems);
          return;
        }
        if (!read.ok) throw new Error(read.message);
        expect(new Map(read.list.byId)).toEqual(first);
      }),
      { numRuns: 1000 },
    );
  });
});
