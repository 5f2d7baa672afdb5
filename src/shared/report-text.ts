/**
 * Report text the CLI and the task pane share, and the custom functions do not need: the summary
 * by service month, the paid line, and the notes on rows and columns that were not read as claims.
 * It lives outside src/engine so that it stays out of the engine bundle the functions runtime loads
 * (its 83 KB budget, src/dev/bundle-size.ts); it depends on the engine's types and formatting only.
 */
import { FIELD_LABELS, RULES, SEVERITY_RANK, formatMoney, type ColumnMapping, type Summary } from "../engine";

const RULE_BY_ID = new Map<string, (typeof RULES)[number]>(RULES.map((r) => [r.id, r]));

/** When a rule fires, as its declaration says (the README and help.html rule tables show the same line). */
export const ruleWhen = (rule: string): string => RULE_BY_ID.get(rule)?.when ?? "";

/** One rule's line of "Findings by rule": its ID, how many findings, its severity and when it fires. */
export interface RuleCount {
  rule: string;
  count: number;
  severity: string;
  when: string;
}

/**
 * The order of "Findings by rule" on every surface (the task pane, the CLI report, the ECM Summary
 * sheet): errors first, then warnings, then information; the most frequent first; then by ID.
 */
export function ruleOrder(a: Omit<RuleCount, "when">, b: Omit<RuleCount, "when">): number {
  const rank = (severity: string): number => SEVERITY_RANK[severity as keyof typeof SEVERITY_RANK] ?? 3;
  return rank(a.severity) - rank(b.severity) || b.count - a.count || a.rule.localeCompare(b.rule);
}

/** The run's findings per rule, in ruleOrder. */
export function rulesInOrder(summary: Summary): RuleCount[] {
  return Object.entries(summary.byRule)
    .map(([rule, count]) => ({ rule, count, severity: RULE_BY_ID.get(rule)?.severity ?? "", when: ruleWhen(rule) }))
    .sort(ruleOrder);
}

/**
 * The summary by service month (and plan, when any line has one) as a table: header, then one row
 * per month and plan, money as numbers. The CLI report, the task pane and the ECM Summary sheet all show this.
 * The money comes right after the month (and plan): in a task pane 270–320 px wide the table
 * scrolls sideways, and what is in view first should be what the month is expected to pay.
 */
export function monthTable(summary: Summary): { header: string[]; rows: (string | number)[][] } {
  const planned = summary.byMonth.some((m) => m.plan !== "");
  const paid = summary.paid !== undefined;
  const header = [
    "Month",
    ...(planned ? ["Plan"] : []),
    "Expected $",
    ...(paid ? ["Paid $"] : []),
    "Lines",
    "Members",
    "Members with paid PEPM",
    "Paid outreach attempts",
  ];
  const rows = summary.byMonth.map((m) => [
    m.month === "" ? "no date" : m.month,
    ...(planned ? [m.plan === "" ? "(none)" : m.plan] : []),
    m.expected,
    ...(paid ? [m.paid] : []),
    m.lines,
    m.members,
    m.pepmMembers,
    m.outreachPaid,
  ]);
  return { header, rows };
}

/** "Paid $1,200.00 of $1,250.00 expected: $50.00 underpaid, $0.00 overpaid" (undefined without a Paid Amount column). */
export function paidLine(summary: Summary): string | undefined {
  const p = summary.paid;
  if (p === undefined) return undefined;
  return `Paid ${formatMoney(p.total)} of ${formatMoney(summary.expectedTotal)} expected: ${formatMoney(p.underpaid)} underpaid, ${formatMoney(p.overpaid)} overpaid`;
}

/**
 * Notes on merged ranges that cover claim rows: only the top-left cell holds the value, so the
 * other rows of the range read that column as empty (what their findings say). `merges` are A1
 * ranges ("A2:A4"); `headerRow` the sheet row of the header (1-based). Shared by the CLI and the
 * task pane.
 */
export function mergedNotes(merges: readonly string[], headerRow: number): string[] {
  const notes: string[] = [];
  for (const ref of merges) {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
    if (m === null) continue;
    const top = Number(m[2]);
    const bottom = Number(m[4]);
    if (bottom <= top || bottom <= headerRow) continue;
    const first = Math.max(top + 1, headerRow + 1);
    const rows = first === bottom ? `row ${bottom} reads` : `rows ${first}–${bottom} read`;
    notes.push(
      `cells ${ref} are merged: the value is in ${m[1]}${top} only, so ${rows} that column as empty; unmerge the cells and fill in every row.`,
    );
  }
  return notes;
}

/**
 * Notes on fields that more than one column names: which column is read. `letter` gives a grid
 * column's letters in the sheet. A field whose column was picked by hand (the task pane's column
 * drop-downs) is not the first of its duplicates any more and gets no note. Shared by the CLI and the task pane.
 */
export function duplicateNotes(mapping: ColumnMapping, letter: (column: number) => string): string[] {
  return (mapping.duplicates ?? []).flatMap(({ field, columns }) => {
    const first = columns[0] as number;
    const read = field === "modifiers" ? mapping.modifiers[0] : mapping[field];
    if (read !== first) return [];
    const named = columns.map((c) => `${letter(c)} ("${mapping.headers?.[c] ?? ""}")`).join(" and ");
    return [`columns ${named} ${columns.length === 2 ? "both" : "all"} name ${FIELD_LABELS[field]}: the first, ${letter(first)}, is read.`];
  });
}

/**
 * The task pane's note on text dates that can only be day first (engine dateOrderEvidence, the
 * cell's sheet row and column letters). Excel turns a typed or imported date into a date cell in
 * its own regional order; when a CSV written day first is opened in Excel set to month first, the
 * dates it cannot read that way (16/03/2026) stay text, and the others (02/03/2026) become dates
 * with day and month swapped. The text ones get ECM-DOS; this note says what the rest may hide.
 */
export function dayFirstTextNote(text: string, row: number, letters: string): string {
  return `row ${row}, column ${letters}: "${text}" is a day-first date that Excel kept as text. The file it came from writes dates day first, so Excel may have swapped the day and month of its other dates (02/03/2026 read as February 3). Import that file again with Data > From Text/CSV, setting the date columns' locale (Transform Data > Change Type > Using Locale), then validate again.`;
}

/**
 * The note on cells holding NA where a value is neither NA nor a placeholder for one
 * (Modifiers, dates, amounts): R's write.csv and readr write NA for a missing value, and Excel,
 * opening such a CSV, keeps it as the text NA, which is then checked as typed (a Modifiers NA is
 * ECM-MODIFIER). The CLI reading R's CSV itself knows an unquoted NA from a text one (cli/csv.ts);
 * in a sheet the quotes are gone, so the task pane, and the CLI reading a workbook, check what the
 * cells hold and say how to clear them.
 */
export function naTextNote(count: number, row: number, letters: string): string {
  const cells = count === 1 ? "a cell holds" : `${count.toLocaleString("en-US")} cells hold`;
  return `${cells} NA (the first: row ${row}, column ${letters}), which R writes where a value is missing. A spreadsheet that opens R's file keeps it as text, so it was checked as typed (a Modifiers NA is not in the rate table, an enrollment date NA is not a date). If the claims came from R, clear those cells (Home > Find & Select > Replace: find NA, replace with nothing, with "Match entire cell contents"), then validate again.`;
}

/**
 * The naTextNote of the claim rows of `rows` from index `start` (rows[start] is sheet row
 * `firstRow`; `letters` gives a grid column's sheet letters): none unless a cell holding exactly NA
 * is in a column other than the member ID and the TAR, where NA is a placeholder and ECM-MEMBER or
 * ECM-TAR says so.
 */
export function naTextNotes(
  rows: readonly (readonly unknown[])[],
  firstRow: number,
  mapping: ColumnMapping,
  letters: (column: number) => string,
  start = 0,
): string[] {
  let count = 0;
  let first: { row: number; column: number } | undefined;
  let elsewhere = false;
  for (let r = start; r < rows.length; r++) {
    const cells = rows[r] as readonly unknown[];
    for (let c = 0; c < cells.length; c++) {
      if (cells[c] !== "NA") continue;
      count++;
      first ??= { row: r, column: c };
      if (c !== mapping.member && c !== mapping.tar) elsewhere = true;
    }
  }
  return first === undefined || !elsewhere ? [] : [naTextNote(count, firstRow + first.row - start, letters(first.column))];
}

/** How many rows or sheets a note names before "and N more". */
const ROWS_NAMED = 10;

/**
 * "a", "a and b", "a, b and c", or the first ROWS_NAMED and "N more" (a workbook of a sheet per
 * month for years, a long export, would make a note a page long); never "1 more" for a name.
 */
function namedList(items: readonly string[]): string {
  if (items.length > ROWS_NAMED + 1) return `${items.slice(0, ROWS_NAMED).join(", ")} and ${items.length - ROWS_NAMED} more`;
  return items.length === 1 ? (items[0] as string) : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * The note on rows that are not claim lines and got no verdict: none, or one naming them ("3",
 * "3 and 5", "3, 5, … and 4 more") with what they are, as the verb reads for one row and for several.
 */
function skippedRowsNote(rows: readonly number[], one: string, several: string): string[] {
  if (rows.length === 0) return [];
  if (rows.length === 1) return [`row ${rows[0]} ${one}: it is not a claim line, so it was not checked.`];
  return [`rows ${namedList(rows.map(String))} ${several}: they are not claim lines, so they were not checked.`];
}

/**
 * The note on rows read as totals rows (Summary.totalsRows). The label is not quoted: Data >
 * Subtotal writes the member ID into it ("91234567A Total").
 */
export function totalsNotes(rows: readonly number[]): string[] {
  const why = "(a Total label and sums, no date of service or HCPCS)";
  return skippedRowsNote(rows, `reads as a totals row ${why}`, `read as totals rows ${why}`);
}

/** The note on rows that repeat the header row (Summary.headerRows), as exports pasted one under another bring them. */
export function headerRowNotes(rows: readonly number[]): string[] {
  const why = "(exports pasted one under another?)";
  return skippedRowsNote(rows, `repeats the header row ${why}`, `repeat the header row ${why}`);
}

/** How to check another sheet, where the note on other sheets is read (otherSheetsNotes' `how`). */
export const CHECK_ANOTHER_SHEET = {
  cli: "Check another sheet with --sheet NAME",
  pane: "Select a cell on another sheet and validate again to check it",
} as const;

/**
 * The note on other sheets of the workbook that hold claims (one sheet per month; the CLI and the
 * task pane check one sheet): they were not read, and the rules that look across lines saw sheet
 * `read` only. `how`: how to check another sheet where the note is read.
 */
export function otherSheetsNotes(read: string, others: readonly string[], how: string): string[] {
  if (others.length === 0) return [];
  const names = namedList(others.map((n) => `"${n}"`));
  const list = others.length === 1 ? `sheet ${names} also holds` : `sheets ${names} also hold`;
  return [
    `${list} claims and ${others.length === 1 ? "was" : "were"} not checked: the rules that look across lines (outreach limits, PEPM once a month, duplicates) saw sheet "${read}" only. ${how}, or put the claims on one sheet to check them together.`,
  ];
}

/**
 * The note on other sheets that look like a plan's members list (a header naming member and
 * enrollment-date columns) when no members list was used: enrollment dates then came from the
 * claims only. `how(sheet)`: how to use that sheet where the note is read.
 */
export function membersSheetNotes(sheets: readonly string[], how: (sheet: string) => string): string[] {
  const first = sheets[0];
  if (first === undefined) return [];
  return [
    `${sheetsLookLike(sheets, "a members list", "members lists")} (member ID and enrollment date columns) but no members list was used, so enrollment dates came from the claims alone and ECM-NOT-IN-MEMBERS and ECM-DISENROLLED could not fire. ${how(first)}.`,
  ];
}

/** 'sheet "A" looks like a members list', or 'sheets "A" and "B" look like members lists'. */
export function sheetsLookLike(sheets: readonly string[], one: string, many: string): string {
  const names = namedList(sheets.map((n) => `"${n}"`));
  return sheets.length === 1 ? `sheet ${names} looks like ${one}` : `sheets ${names} look like ${many}`;
}

/** How to use a sheet as the members list, where membersSheetNotes' note is read. */
export const USE_MEMBERS_SHEET = {
  cli: (sheet: string) => `To use it, add --members-sheet ${quoteArg(sheet)}`,
  pane: () => "To use it, pick it under Options > Members list",
} as const;

/**
 * The CLI's note on sheets of the claims workbook that hold a rate table (the task pane's "ECM
 * Rates", which it uses by itself) when no --rates was given: the built-in table was used.
 * `file`: the claims workbook as the user named it; `--rates` reads its "ECM Rates" sheet.
 */
export function rateBookSheetNotes(sheets: readonly string[], file: string, ratesSheet: string): string[] {
  if (sheets.length === 0) return [];
  const ours = sheets.find((n) => n.toLowerCase() === ratesSheet.toLowerCase());
  const how =
    ours !== undefined
      ? `To use it, as the task pane does, add --rates ${quoteArg(file)}`
      : `To use it, save it as CSV and add --rates FILE.csv, or name it "${ratesSheet}" and add --rates ${quoteArg(file)}`;
  return [
    `${sheetsLookLike(sheets, "a rate table", "rate tables")} (HCPCS, Rate, Kind and TAR required columns) but the built-in rate table was used. ${how}.`,
  ];
}

/** A command-line argument as a user would type it: quoted when it holds spaces or quotes. */
function quoteArg(text: string): string {
  return /^[\w./:@+-]+$/.test(text) ? text : `"${text.replace(/(["\\$`])/g, "\\$1")}"`;
}

/** At most this many of a problem's details (a refused book's or members list's bad rows) are listed, one each. */
export const MAX_DETAILS = 100;

/** The details to list: the first MAX_DETAILS, then "and N more" when there are more. */
export function listedDetails(details: readonly string[]): string[] {
  const shown = details.slice(0, MAX_DETAILS);
  return details.length > MAX_DETAILS ? [...shown, `and ${details.length - MAX_DETAILS} more`] : shown;
}
