/** ECM-CELL-ERROR: a claim cell holding one of Excel's error values (#N/A, #REF!, …), or a formula saved without its value, is never data. */
import type { ClaimStore } from "../store";
import type { Cell, FieldId } from "../types";
import { excelError, isFormulaText } from "../values";
import { rowRule, shown } from "./rule";

type CellErrorParams = { column: string; error: string; more: number };

export const cellErrorRule = rowRule({
  id: "ECM-CELL-ERROR",
  severity: "error",
  when: "a claim cell holds an Excel error value (#N/A, #REF!, #VALUE!, #DIV/0!, #NAME?, …) or a formula saved without its value",
  applies: {},
  message: (p: CellErrorParams) => {
    const more = p.more > 0 ? ` (and ${p.more} more cell${p.more > 1 ? "s" : ""} of this line)` : "";
    return isFormulaText(p.error)
      ? `${p.column} holds a formula without a calculated value (${shown(p.error)})${more}: open the workbook in Excel and save it, then validate.`
      : `${p.column} holds Excel's error value ${p.error}${more}, not data: fix the formula or lookup that produced it, or type the value.`;
  },
  check(s, i, ctx) {
    const { columns, codes } = ctx.claimColumns;
    let cells: readonly Cell[] | undefined;
    for (let k = 0; k < columns.length; k++) {
      const looked = lookAt(s, i, codes[k] as number);
      if (looked === NO) continue;
      cells ??= s.cells(i);
      const cell = cells[columns[k] as number];
      if (looked === IF_TEXT && typeof cell !== "string") continue;
      const error = excelError(cell);
      if (error !== undefined) return report(cells, k, error, ctx.claimColumns, ctx.label);
    }
    return undefined;
  },
});

const NO = 0,
  YES = 1,
  IF_TEXT = 2;

/**
 * Whether to look at a line's cell of a field (by its index in FIELD_ORDER) for an Excel error
 * value, from what the loader already read: an error value never reads as a member, a date, a
 * rate-table code or modifier set, a TAR or an enrollment date, so lines that read well skip those
 * cells (reading every cell's text again for a million lines costs a memory access each). Units,
 * billed amount and the outreach method are not read while loading: looked at when they hold text.
 */
function lookAt(s: ClaimStore, i: number, field: number): number {
  switch (field) {
    case 0: // member
      return s.memberOf(i) === -1 ? YES : NO;
    case 1: // dos
      return s.dosOf(i) === undefined ? YES : NO;
    case 2: // hcpcs
    case 3: // modifiers
      return s.kindCode(i) === 0 ? YES : NO;
    case 6: // tar
      return s.filled(i, "tar") ? NO : YES;
    case 7: // enrollment
      return s.filled(i, "enrollment") ? YES : NO;
    default: // units, billed, method
      return IF_TEXT;
  }
}

/** The finding's params: the first error cell's column and value, and how many more the line has. */
function report(
  cells: readonly unknown[],
  k: number,
  error: string,
  claim: { readonly columns: Int32Array; readonly fields: readonly FieldId[] },
  label: (field: FieldId) => string,
): CellErrorParams {
  let more = 0;
  for (let j = k + 1; j < claim.columns.length; j++) if (excelError(cells[claim.columns[j] as number] as string) !== undefined) more++;
  return { column: label(claim.fields[k] as FieldId), error, more };
}

/** Whether the cell of this field holds an Excel error value: that field's own rule then stays quiet (ECM-CELL-ERROR reports it). */
export function isErrorCell(s: ClaimStore, i: number, column: number | undefined): boolean {
  return column !== undefined && excelError(s.cell(i, column)) !== undefined;
}

export const RULES = [cellErrorRule] as const;
