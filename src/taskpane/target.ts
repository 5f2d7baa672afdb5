/**
 * What the pane validates, as data: its key in the workbook's settings, where its four result
 * columns are, and its columns as found from the header row with the analyst's picks applied.
 */
import { FIELD_LABELS, mapHeaders, normaliseHeader, type ColumnMapping, type FieldId } from "../engine";
import { toCell } from "../functions/adapter";
import type { Located, ResultLayout } from "./io";

/** The settings' key of a target: "Sheet", or "Sheet/Table" for claims in an Excel Table. */
export function targetKey(located: Located): string {
  return located.tableName === undefined ? located.sheetName : `${located.sheetName}/${located.tableName}`;
}

/** Where the four result columns are when they start at sheet column `col` below the header row. */
export function resultLayout(located: Located, headerRow: number, col: number): ResultLayout {
  const { region, tableName } = located;
  return {
    headerRow,
    firstRow: headerRow + 1,
    lastRow: region.row + region.rows - 1,
    col,
    ...(tableName === undefined ? {} : { table: tableName }),
  };
}

/** The columns found from the header cells, with the analyst's picks (field → header text) applied where that header is present. */
export function mappingWithPicks(headerCells: readonly unknown[], picks: Readonly<Record<string, string>>): ColumnMapping {
  const mapping = mapHeaders(headerCells.map(toCell));
  const texts = (mapping.headers ?? []).map(normaliseHeader);
  const result: { -readonly [K in keyof ColumnMapping]: ColumnMapping[K] } = { ...mapping };
  for (const [field, header] of Object.entries(picks) as [FieldId, string][]) {
    const index = texts.indexOf(normaliseHeader(header));
    if (index < 0) continue;
    if (field === "modifiers") result.modifiers = [index];
    else result[field] = index;
  }
  return result;
}

/** The sheet column of each mapped field (the data columns are `dataCols`, in mapping order). */
export function sheetColumns(mapping: ColumnMapping, dataCols: readonly number[]): Partial<Record<FieldId, number>> {
  const out: Partial<Record<FieldId, number>> = {};
  for (const field of Object.keys(FIELD_LABELS) as FieldId[]) {
    const index = field === "modifiers" ? mapping.modifiers[0] : mapping[field];
    if (index !== undefined) out[field] = dataCols[index];
  }
  return out;
}
