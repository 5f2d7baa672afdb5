/** Where the task pane takes the members list from: the sheet or Table the analyst picked, else the sheet "ECM Members". */
import { looksLikeMembersList, readMembers, type DateSystem, type MembersList } from "../engine";
import { toCell } from "../functions/adapter";
import type { ExcelIO, MembersSource, StoredSettings } from "./io";
import { PaneProblem } from "./problems";
import { sheetsLookLike } from "../shared/report-text";
import { readHeads } from "./heads";

/** The members list used when the analyst has not picked one, if the workbook has it. */
export const DEFAULT_MEMBERS_SHEET = "ECM Members";

/** "sheet "ECM Members"", "table "Members"". */
export const describeSource = (source: MembersSource): string =>
  "sheet" in source ? `sheet "${source.sheet}"` : `table "${source.table}"`;

/** The source in use given the analyst's pick (null: none; absent: "ECM Members" if the workbook has that sheet). */
export function chosenSource(picked: StoredSettings["members"], sheets: readonly string[]): MembersSource | null {
  if (picked !== undefined) return picked;
  return sheets.includes(DEFAULT_MEMBERS_SHEET) ? { sheet: DEFAULT_MEMBERS_SHEET } : null;
}

/**
 * The members list in use: the one picked, else the sheet "ECM Members" if there is one. A list
 * that is gone or cannot be trusted stops the run before anything is written.
 */
export async function loadMembers(
  io: ExcelIO,
  picked: StoredSettings["members"],
  dateSystem: DateSystem,
): Promise<MembersList | undefined> {
  if (picked === null) return undefined;
  const source = picked ?? { sheet: DEFAULT_MEMBERS_SHEET };
  const values = await io.readSource(source);
  if (values === undefined) {
    if (picked === undefined) return undefined; // no "ECM Members" sheet: no list
    const { sheets } = await io.sources();
    const heads = await readHeads(io, sheets);
    const alike = sheets.filter((_, k) => looksLikeMembersList(heads[k] ?? []));
    const hint = alike.length === 0 ? "" : ` (${sheetsLookLike(alike, "one", "members lists")})`;
    throw new PaneProblem(
      `The members list (${describeSource(source)}) is not in the workbook any more (renamed or deleted?): pick it again under Options${hint}, or pick "(none)". Nothing was changed.`,
    );
  }
  const read = readMembers(
    values.map((r) => r.map(toCell)),
    1,
    dateSystem,
  );
  if (!read.ok) {
    if (read.problems.length <= 1) throw new PaneProblem(`${read.message} (${describeSource(source)}) Nothing was changed.`);
    // Every problem, a line each, so the list is mended in one go (the message alone names five).
    throw new PaneProblem(
      `The members list (${describeSource(source)}) has ${read.problems.length} problems; nothing was changed:`,
      undefined,
      read.problems,
    );
  }
  return read.list;
}
