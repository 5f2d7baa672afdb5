/**
 * What the analyst should know about how a sheet was read, listed with the pane's results (and on
 * the ECM Summary sheet), worded as the CLI words them: merged cells among the claims, rows read as
 * totals or repeated headers, two columns naming one field, other sheets that also hold claims.
 */
import { findHeader, looksLikeMembersList, type Cell, type ColumnMapping, type Summary } from "../engine";
import { dateOrderEvidence } from "../shared/date-order";
import {
  CHECK_ANOTHER_SHEET,
  dayFirstTextNote,
  duplicateNotes,
  headerRowNotes,
  membersSheetNotes,
  mergedNotes,
  naTextNotes,
  otherSheetsNotes,
  totalsNotes,
  USE_MEMBERS_SHEET,
} from "../shared/report-text";
import { columnLetters } from "./a1";
import { readHeads } from "./heads";
import type { ExcelIO, Located } from "./io";

/**
 * The notes of a run on `located`, whose header is sheet row `headerRow` (0-based), whose data
 * columns are `dataCols` and whose claim rows (below the header) are `grid`. `noMembersList`: no
 * members list was used, nor was "(none)" picked (then a sheet that looks like one is named).
 */
export async function runNotes(
  io: ExcelIO,
  located: Located,
  headerRow: number,
  summary: Summary,
  mapping: ColumnMapping,
  dataCols: readonly number[],
  grid: readonly (readonly Cell[])[],
  noMembersList: boolean,
): Promise<string[]> {
  return [
    ...(await mergedCellNotes(io, located, headerRow)),
    ...dayFirstTextNotes(grid, headerRow, dataCols),
    ...naTextNotes(grid, headerRow + 2, mapping, (c) => columnLetters(dataCols[c] as number)),
    ...totalsNotes(summary.totalsRows),
    ...headerRowNotes(summary.headerRows),
    ...duplicateNotes(mapping, (c) => columnLetters(dataCols[c] as number)),
    ...(await otherSheetNotes(io, located, noMembersList)),
  ];
}

/** The note on a text date that can only be day first, when the claims have one (the first). */
function dayFirstTextNotes(grid: readonly (readonly Cell[])[], headerRow: number, dataCols: readonly number[]): string[] {
  const { dayFirst } = dateOrderEvidence(grid, headerRow + 2);
  return dayFirst === undefined ? [] : [dayFirstTextNote(dayFirst.text, dayFirst.row, columnLetters(dataCols[dayFirst.column] as number))];
}

/** Notes on merged ranges among the claims: their value is in the top-left cell only. */
async function mergedCellNotes(io: ExcelIO, { sheetName, region }: Located, headerRow: number): Promise<string[]> {
  const merged = await io.mergedAreas(sheetName, region);
  if (merged === "unsupported") return [];
  if (merged === "too many")
    return [
      "The claims hold more than 512 merged ranges: a merged cell's value belongs to its top-left cell only, so the other rows of each read as empty. Unmerge the cells and fill in every row.",
    ];
  return mergedNotes(merged, headerRow + 1);
}

/**
 * The notes on other visible sheets whose top holds a claims header (a sheet per month): the rules
 * that look across lines saw this sheet only; and, with `noMembersList`, on those whose top holds a
 * members list's header.
 */
async function otherSheetNotes(io: ExcelIO, { sheetName, otherSheets }: Located, noMembersList: boolean): Promise<string[]> {
  const heads = await readHeads(io, otherSheets);
  const claims = otherSheets.filter((_, k) => findHeader(heads[k] ?? []).ok);
  const members = noMembersList ? otherSheets.filter((_, k) => looksLikeMembersList(heads[k] ?? [])) : [];
  return [...otherSheetsNotes(sheetName, claims, CHECK_ANOTHER_SHEET.pane), ...membersSheetNotes(members, USE_MEMBERS_SHEET.pane)];
}
