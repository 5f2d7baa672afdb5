/**
 * A renamed sheet (or Table) keeps what the add-in remembers about it. The workbook's settings
 * keep, per target ("Sheet" or "Sheet/Table"), the record of the results written there and the
 * analyst's column picks. They are keyed by names because nothing else about a sheet lasts:
 * Worksheet.id "remains constant within a single session but will change between sessions"
 * (office-js-docs#297) and differs between Excel versions (office-js#1390). So after a rename (by
 * this analyst or a co-author, with the pane open or not) nothing is found under the new name;
 * here the record under the old name is found again, and moved.
 */
import { readChunked } from "./chunks";
import { headerIndexOf } from "./header";
import type { Block, ExcelIO, Located, StoredSettings } from "./io";
import { headingsAt, ownershipProblem } from "./ownership";
import { resultLayout } from "./target";

/** A key's sheet and Table (Excel sheet names cannot hold "/", so the first "/" splits them). */
function parts(key: string): { sheet: string; table: string | undefined } {
  const slash = key.indexOf("/");
  return slash < 0 ? { sheet: key, table: undefined } : { sheet: key.slice(0, slash), table: key.slice(slash + 1) };
}

/**
 * The key the target's record was kept under before its sheet or Table was renamed: the one record
 * whose sheet the workbook no longer has, of the same Table (or of none, like the target), or whose
 * Table the target's sheet no longer has, and whose four headings still stand at its column in the
 * target's header row. Undefined when the target has a record of its own, when no record fits, or
 * when more than one does (then nothing is assumed). The caller still checks the cells against the
 * record before it trusts it.
 */
export function renamedFrom(
  settings: StoredSettings,
  located: Located,
  key: string,
  region: Block,
  headerCells: readonly unknown[],
): string | undefined {
  if (settings.results[key] !== undefined) return undefined;
  const sheets = new Set(located.sheets);
  const fits = orphans(settings, located).filter((k) => {
    const record = settings.results[k];
    const { sheet, table } = parts(k);
    // The sheet renamed (its Table, if any, the same), or the Table renamed on this sheet.
    const same = sheets.has(sheet) ? sheet === located.sheetName : table === located.tableName;
    return record !== undefined && same && headingsAt(record.col, region, headerCells);
  });
  return fits.length === 1 ? fits[0] : undefined;
}

/**
 * The keys of records whose sheet the workbook no longer has, or (for a Table target) whose Table
 * the target's sheet no longer has: renamed or deleted.
 */
export function orphans(settings: StoredSettings, located: Located): string[] {
  const sheets = new Set(located.sheets);
  const tables = located.tableName === undefined ? undefined : new Set(located.sheetTables ?? [located.tableName]);
  return Object.keys(settings.results).filter((k) => {
    const { sheet, table } = parts(k);
    if (!sheets.has(sheet)) return true;
    return sheet === located.sheetName && table !== undefined && tables !== undefined && !tables.has(table);
  });
}

/**
 * The key of the record the target had under its old name (renamedFrom), when the record also fits
 * the cells read (`raw`: the region and four columns right of it, its header row at `headerIndex`),
 * as its own record would before a write; undefined otherwise.
 */
export function fittingRenamed(
  settings: StoredSettings,
  located: Located,
  key: string,
  raw: unknown[][],
  headerIndex: number,
): string | undefined {
  const from = renamedFrom(settings, located, key, located.region, raw[headerIndex] ?? []);
  const record = from === undefined ? undefined : settings.results[from];
  if (record === undefined) return undefined;
  const layout = resultLayout(located, located.region.row + headerIndex, record.col);
  return ownershipProblem(record, raw, located.region, layout, false) === undefined ? from : undefined;
}

/**
 * fittingRenamed where the target's cells are not read yet (Clear results, the first edit after a
 * restart): reads them only when some record's sheet or Table is gone.
 */
export async function fittingRenamedOnSheet(
  io: ExcelIO,
  settings: StoredSettings,
  located: Located,
  key: string,
): Promise<string | undefined> {
  const { region } = located;
  if (region.rows === 0 || orphans(settings, located).length === 0) return undefined;
  const raw = await readChunked(io, located.sheetName, { ...region, cols: region.cols + 4 }, () => undefined);
  const headerIndex = headerIndexOf(raw, region.cols);
  return headerIndex < 0 ? undefined : fittingRenamed(settings, located, key, raw, headerIndex);
}

/** The settings with the record and column picks kept under `from` moved to `to` (a pick made under `to` since wins). */
export function moveRecord(settings: StoredSettings, from: string, to: string): StoredSettings {
  const { [from]: record, ...results } = settings.results;
  const { [from]: picks, ...mapping } = settings.mapping;
  return {
    ...settings,
    results: record === undefined ? results : { ...results, [to]: record },
    mapping: picks === undefined ? mapping : { ...mapping, [to]: { ...picks, ...mapping[to] } },
  };
}
