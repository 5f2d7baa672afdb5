import { findHeader, mapHeaders } from "./columns";
import type { FieldId } from "./types";

/** Header spellings of practice-management and clearinghouse exports (837 terms included), by the field they name. */
const SPELLINGS: [FieldId, string[]][] = [
  ["member", ["Member ID", "CIN", "Medi-Cal ID", "Subscriber ID", "Medi-Cal Number", "Medi-Cal No", "CIN Number"]],
  ["dos", ["DOS", "Date of Service", "Svc Date", "Date of Svc", "Service Dt", "Svc From Date", "DOS From"]],
  ["hcpcs", ["HCPCS", "Procedure Code", "CPT", "CPT Code", "CPT/HCPCS", "HCPCS/CPT", "Procedure", "Proc Code"]],
  ["units", ["Units", "Units of Service", "Svc Units", "Qty"]],
  ["billed", ["Billed Amount", "Billed Amt", "Charge Amt", "Charged Amount", "Amount Charged", "Total Billed", "Charges"]],
  [
    "tar",
    [
      "TAR",
      "TAR #",
      "Prior Auth",
      "Prior Authorization",
      "Prior Auth #",
      "PA Number",
      "Auth ID",
      "Authorization No",
      "TAR Control Number",
      "TAR Control #",
    ],
  ],
  ["member", ["Mbr ID", "Member #", "Medi-Cal CIN"]],
  ["dos", ["Date(s) of Service", "Service Date From", "Service From", "Line DOS", "First DOS"]],
  ["units", ["Units Billed", "Billed Units"]],
  ["billed", ["Submitted Charges", "Submitted Amount", "Line Charge", "Line Charges", "Billed Amount ($)"]],
  ["enrollment", ["ECM Start Date", "ECM Enrollment", "ECM Enroll Date"]],
  ["method", ["Outreach Type", "Outreach Mode", "Contact Type", "Contact Mode", "Mode of Contact", "Outreach Modality"]],
  ["paid", ["Paid Amt", "Net Paid", "Net Paid Amount", "Total Paid", "Paid Amount ($)"]],
];

describe("header spellings", () => {
  it.each(SPELLINGS.flatMap(([field, names]) => names.map((name) => [name, field] as const)))("%p names %s", (name, field) => {
    expect((mapHeaders([name]) as unknown as Record<string, unknown>)[field]).toBe(0);
  });
  it.each([
    [
      ["Procedure Modifier 1", "Procedure Modifier 2"],
      [0, 1],
    ],
    [
      ["Proc Mod 1", "Proc Mod 2", "Proc Mod 3"],
      [0, 1, 2],
    ],
    [
      ["Mod 1", "Mod 2"],
      [0, 1],
    ],
    // Exports that repeat one heading over the four modifier columns (the 837's SV101-3..6).
    [
      ["HCPCS", "Mod", "Mod", "Mod", "Mod"],
      [1, 2, 3, 4],
    ],
    [
      ["Modifier", "Modifier", "Units"],
      [0, 1],
    ],
    [
      ["Procedure Modifier", "Procedure Modifier"],
      [0, 1],
    ],
    [
      ["Modifier", "Modifier 2"],
      [0, 1],
    ],
  ])("%p are the numbered modifier columns", (names, columns) => {
    expect(mapHeaders(names).modifiers).toEqual(columns);
  });
  it("reads one Modifiers column (all the line's modifiers) over Modifier 1..4 columns, and lists the others as duplicates", () => {
    const both = mapHeaders(["Modifiers", "Modifier 1", "Modifier 2"]);
    expect(both.modifiers).toEqual([0]);
    expect(both.duplicates).toEqual([{ field: "modifiers", columns: [0, 1, 2] }]);
    const twice = mapHeaders(["Modifiers", "Notes", "Modifiers"]);
    expect([twice.modifiers, twice.duplicates]).toEqual([[0], [{ field: "modifiers", columns: [0, 2] }]]);
  });
  it("does not take ambiguous words for claim columns", () => {
    // Allowed Amount is what the plan allows, not what it paid; TCN/CCN number the claim, not the TAR.
    for (const name of [
      "Client ID",
      "Patient ID",
      "Medi-Cal #",
      "Date",
      "Amount",
      "ID",
      "PA",
      "Status",
      "Allowed Amount",
      "TCN",
      "CCN",
      "Date Paid",
    ]) {
      const { headers: _headers, modifiers, ...fields } = mapHeaders([name]);
      expect([name, modifiers, Object.values(fields).filter((v) => v !== undefined)]).toEqual([name, [], []]);
    }
  });
});

describe("the closest header row when none names the claims columns", () => {
  it("names a table's own header row rather than a one-cell title above it, and the first of rows as close", () => {
    const titled = [["Lots of people"], [], ["Name", "Profession", "Age", "Date of birth"], ["David Bowie", "musician", 69, 17540]];
    const found = findHeader(titled);
    expect(found.ok).toBe(false);
    expect(found.ok ? "" : found.message).toMatch(/Headers seen in row 3: "Name", "Profession", "Age", "Date of birth"\.$/);
    // A row nearer to the claims header wins however few its cells; between equals, the first.
    expect(findHeader([["Claims for June"], ["Member ID", "Notes"], ["Name", "Profession", "Age"]]).headerIndex).toBe(1);
    expect(findHeader([["Report A"], ["Report B"]]).headerIndex).toBe(0);
  });

  it("quotes at most 20 header cells of at most 40 characters: the message stays one readable line (a 1 MB cell made it 3 MB)", () => {
    const long = "f".repeat(1_048_576);
    const found = findHeader([[long, long, long]]);
    expect(found.ok ? "" : found.message).toMatch(/Headers seen in row 1: "f{39}…", "f{39}…", "f{39}…"\.$/);
    const many = Array.from({ length: 25 }, (_, k) => `Column ${String.fromCharCode(65 + k)}`.replace(/ /, "_"));
    const message = (r: ReturnType<typeof findHeader>) => (r.ok ? "" : r.message);
    expect(message(findHeader([many]))).toMatch(/"Column_T" and 5 more\.$/);
    expect(message(findHeader([many.slice(0, 20)]))).toMatch(/"Column_S", "Column_T"\.$/);
  });
});
