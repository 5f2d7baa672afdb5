/**
 * Builds the bundled sample workbook (assets/sample-claims.xlsx with its "ECM Members" sheet, the
 * same claims as .csv, and the members as assets/sample-members.csv) from one table of fictional
 * claim lines that exercises every rule (validate it with --as-of 2026-06-30 --members
 * assets/sample-claims.xlsx --cin, as npm run demo does).
 * Run: npm run sample
 */
import { writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { stringify } from "csv-stringify/sync";
import { dateFromDay, dayFromText } from "../engine";

const HEADERS = [
  "Member ID",
  "Date of Service",
  "HCPCS",
  "Modifiers",
  "Units",
  "Billed Amount",
  "TAR Number",
  "ECM Enrollment Date",
  "Outreach Method",
  "Notes",
];

// Member, DOS, HCPCS, Modifiers, Units, Billed, TAR, Enrollment, Method, Notes. Fictional members.
type Line = [string, string, string, string, string, string, string, string, string, string];
const LINES: (Line | null)[] = [
  ["90000001A", "1/5/2026", "G9008", "U8, GQ", "1", "5", "", "", "Phone call", "1st outreach attempt"],
  ["90000001A", "1/8/2026", "G9012", "U8", "1", "5", "", "", "Home visit", ""],
  ["90000001A", "1/12/2026", "G9012", "U8 GQ", "1", "5", "", "", "Text message", ""],
  ["90000001A", "1/20/2026", "G9008", "U8", "1", "5", "", "", "Clinic visit", ""],
  ["90000001A", "1/27/2026", "G9012", "U8GQ", "1", "5", "", "", "Secure email", "5th attempt"],
  ["90000001A", "2/3/2026", "G9008", "GQ;U8", "1", "5", "", "", "Phone call", "6th attempt in 30 days"],
  ["90000001A", "2/16/2026", "G9012", "", "1", "150", "TAR-26-0101", "", "", "Successful engagement"],
  ["90000001A", "2/16/2026", "G9012", "U8/GQ", "1", "5", "", "", "Phone call", "Outreach on enrollment day"],
  ["90000001A", "2/20/2026", "G9008", "U1", "1", "400", "TAR-26-0101", "", "", ""],
  ["90000001A", "2/25/2026", "G9008", "U1 GQ", "1", "400", "TAR-26-0101", "", "", "Second February PEPM"],
  ["90000001A", "3/10/2026", "G9012", "U2", "1", "400", "TAR-26-0101", "", "", ""],
  ["90000001A", "3/10/2026", "G9012", "u2", "1", "400.00", "TAR-26-0101", "", "", "Keyed twice"],
  ["90000002B", "2/28/2026", "G9008", "U8", "1", "5", "", "3/1/2026", "Phone call", "Day before enrollment"],
  ["90000002B", "3/1/2026", "G9008", "U8 GQ", "1", "5", "", "3/1/2026", "Text message", "On enrollment date"],
  ["90000002B", "2/15/2026", "G9008", "U1", "1", "400", "TAR-26-0202", "", "", "Before enrollment"],
  ["90000002B", "3/2/2026", "G9008", "U1", "1", "400", "TAR-26-0202", "", "", ""],
  ["90000002B", "4/6/2026", "G9008", "U1", "1", "400", "", "", "", "TAR missing"],
  ["90000002B", "4/7/2026", "G9008", "U1", "2", "400", "TAR-26-0202", "", "", "Two units"],
  ["90000002B", "3/2/2026", "G9012", "", "1", "150", "TAR-26-0202", "", "", "Successful engagement"],
  ["90000002B", "3/20/2026", "G9012", "", "1", "150", "TAR-26-0202", "", "", "Engagement billed again"],
  ["90000003C", "1/2/2026", "G9008", "U8 GQ", "1", "5", "", "", "Phone call", ""],
  ["90000003C", "1/20/2026", "G9012", "U8", "1", "5", "", "", "Home visit", ""],
  ["90000003C", "2/10/2026", "G9008", "U8 GQ", "1", "5", "", "", "Text message", ""],
  ["90000003C", "3/1/2026", "G9012", "U8 GQ", "1", "5", "", "", "Phone call", ""],
  ["90000003C", "3/20/2026", "G9008", "U8", "1", "5", "", "", "Street outreach", "5th attempt"],
  ["90000003C", "4/25/2026", "G9008", "U8 GQ", "1", "5", "", "", "Phone call", "6th attempt, outside any 30-day window"],
  ["90000004D", "4/2/2026", "G9012", "U8 GQ", "1", "5", "", "", "Mass text blast", ""],
  ["90000004D", "4/3/2026", "G9008", "U8 GQ", "1", "$2.50", "", "", "Phone call", "Billed below rate"],
  ["90000004D", "5/4/2026", "G9007", "", "1", "", "", "", "", "MDT conference, no charge"],
  ["90000004D", "5/5/2026", "G9007", "", "1", "75", "", "", "", "MDT conference"],
  ["90000004D", "5/6/2026", "G9008", "U1 GQ", "1", "", "TAR-26-0404", "", "", "Charge left empty"],
  ["", "5/10/2026", "G9008", "U1", "1", "400", "TAR-26-0505", "", "", "Member ID missing"],
  ["90000005E", "2026-02-30", "G9008", "U1", "1", "400", "TAR-26-0505", "", "", "Impossible date"],
  ["90000005E", "7/15/2026", "G9008", "U1", "1", "400", "TAR-26-0505", "", "", "Future date"],
  ["90000005E", "5/12/2026", "99213", "", "1", "120", "", "", "", "Not an ECM code"],
  ["90000005E", "5/12/2026", "G9008", "U2", "1", "400", "TAR-26-0505", "", "", "U2 is for G9012"],
  ["90000005E", "5/13/2026", "G9012", "U2, U2", "1", "400", "TAR-26-0505", "", "", "Modifier repeated"],
  null,
  ["90000006F", "6/1/2026", "G9012", "U2 GQ", "1", "400", "TAR-26-0606", "5/15/2026", "", "After disenrollment (members list)"],
  ["90000007G", "3/16/2026", "G9008", "U1", "1", "400", "TAR-26-0707", "3/15/2026", "", ""],
  ["90000007G", "4/1/2026", "G9008", "U1", "1", "400", "TAR-26-0707", "pending", "", "Enrollment date not a date"],
  ["90000007G", "5/1/2026", "G9008", "U1", "1", "400", "TAR-26-0707", "4/1/2026", "", "Enrollment date differs"],
  ["90000008H", "4/10/2026", "G9012", "", "1", "150", "", "", "", "Engagement, TAR missing"],
  ["90000008H", "4/14/2026", "G9008", "U8 GQ", "1", "5", "", "", "Phone call", "Outreach after engagement"],
  ["90000009J", "5/1/2026", "G9008", "U1", "1", "400", "N/A", "5/1/2026", "", "TAR placeholder"],
  ["Unknown", "5/2/2026", "G9008", "U1", "1", "400", "TAR-26-0909", "", "", "Member ID placeholder"],
  ["90000010K", "4/20/2026", "G9012", "U8 GQ", "1", "5", "", "", "Group text to all assigned members", ""],
  ["90000010K", "4/27/2026", "G9012", "U8", "1", "5", "", "", "Spoke with member after Sunday Mass", "Individual attempt"],
  ["90000010K", "4/28/2026", "G9012", "U8 GQ", "1", "5", "", "", "Home visit", "In person, billed as telephonic"],
  ["M-0042", "5/3/2026", "G9012", "U2", "1", "400", "TAR-26-1010", "5/1/2026", "", "Not a CIN; not on the members list"],
];

/**
 * The plan's member file, on the sheet "ECM Members": enrollment dates that agree with the claims,
 * 90000006F disenrolled before its June line, 90000005E and M-0042 missing.
 */
const MEMBERS: [string, string, string][] = [
  ["90000001A", "2/16/2026", ""],
  ["90000002B", "3/1/2026", ""],
  ["90000003C", "", ""],
  ["90000004D", "", ""],
  ["90000006F", "5/15/2026", "5/31/2026"],
  ["90000007G", "3/15/2026", ""],
  ["90000008H", "", ""],
  ["90000009J", "5/1/2026", ""],
  ["90000010K", "", ""],
];

const DATE_COLUMNS = new Set([1, 7]);
const MONEY_COLUMN = 5;

async function main(): Promise<void> {
  const csvRows = [HEADERS, ...LINES.map((l) => l ?? HEADERS.map(() => ""))];
  writeFileSync("assets/sample-claims.csv", stringify(csvRows));
  writeFileSync("assets/sample-members.csv", stringify([["Member ID", "ECM Enrollment Date", "Disenrollment Date"], ...MEMBERS]));

  const wb = new ExcelJS.Workbook();
  wb.creator = "ECM claims add-in sample (fictional members)";
  wb.created = new Date(Date.UTC(2026, 5, 30));
  wb.modified = wb.created;
  const ws = wb.addWorksheet("Claims");
  ws.addRow(HEADERS).font = { bold: true };
  for (const line of LINES) {
    if (line === null) {
      ws.addRow([]);
      continue;
    }
    ws.addRow(
      line.map((text, i) => {
        if (text === "") return null;
        if (DATE_COLUMNS.has(i)) {
          const day = dayFromText(text);
          return day === undefined ? text : dateFromDay(day); // impossible dates stay text, as typed
        }
        if (i === 4) return Number(text);
        if (i === MONEY_COLUMN && /^[\d.]+$/.test(text)) return Number(text);
        return text;
      }),
    );
  }
  ws.getColumn(2).numFmt = "m/d/yyyy";
  ws.getColumn(8).numFmt = "m/d/yyyy";
  ws.getColumn(6).numFmt = '"$"#,##0.00';
  [12, 15, 8, 10, 7, 14, 14, 20, 18, 36].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.views = [{ state: "frozen", ySplit: 1 }];
  const members = wb.addWorksheet("ECM Members");
  members.addRow(["Member ID", "ECM Enrollment Date", "Disenrollment Date"]).font = { bold: true };
  for (const [id, from, to] of MEMBERS) {
    members.addRow([id, ...[from, to].map((d) => (d === "" ? null : dateFromDay(dayFromText(d) as number)))]);
  }
  [12, 20, 20].forEach((w, i) => (members.getColumn(i + 1).width = w));
  members.getColumn(2).numFmt = "m/d/yyyy";
  members.getColumn(3).numFmt = "m/d/yyyy";
  await wb.xlsx.writeFile("assets/sample-claims.xlsx");
  process.stdout.write(
    `wrote assets/sample-claims.xlsx (sheets Claims, ECM Members), assets/sample-claims.csv (${LINES.length} lines + header) and assets/sample-members.csv\n`,
  );
}

void main();
