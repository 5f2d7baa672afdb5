/** ECM-CELL-ERROR: a claim cell holding one of Excel's error values (#N/A, #REF!, …), or a formula saved without its value, is never data. */
import type { ClaimStore } from "../store";
import type { ClaimColumns } from "../context";
import { FIELD_ORDER } from "../columns";
import type { FieldId } from "../types";
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
    const claim = ctx.claimColumns;
    const look = lookAt(s, i);
    const list = claim.toLook[look] ?? (claim.toLook[look] = columnsToLook(claim, look));
    if (list.length === 0) return undefined;
    const cells = s.cells(i);
    for (let j = 0; j < list.length; j++) {
      const k = list[j] as number;
      const error = excelError(cells[claim.columns[k] as number]);
      if (error !== undefined) return report(cells, k, error, claim, ctx.label);
    }
    return undefined;
  },
});

/**
 * The indexes (into claim.columns, in order) of the columns to look at for lines with this
 * lookAt mask: the cells the loader did not read, and those of the fields the mask names.
 */
function columnsToLook(claim: ClaimColumns, look: number): Int32Array {
  const ks: number[] = [];
  for (let k = 0; k < claim.columns.length; k++) {
    const field = 1 << (claim.codes[k] as number);
    if ((field & (UNLOADED | look)) !== 0) ks.push(k);
  }
  return Int32Array.from(ks);
}

/** The bit of a field's cells in the masks below: its index in FIELD_ORDER, as in claimColumns.codes. */
const bit = (field: FieldId): number => 1 << FIELD_ORDER.indexOf(field);

/**
 * The fields whose cells the loader does not read (their rules read them when they need them): a
 * line that loaded well can only hold an Excel error value in one of these.
 */
const UNLOADED_FIELDS: readonly FieldId[] = ["units", "billed", "method", "plan", "paid"];

/** The cells the loader does not read (units, billed amount, method, plan, paid amount): always looked at. */
const UNLOADED = UNLOADED_FIELDS.reduce((bits, field) => bits | bit(field), 0);
const MEMBER = bit("member"),
  DOS = bit("dos"),
  SERVICE = bit("hcpcs") | bit("modifiers"),
  TAR = bit("tar"),
  ENROLLMENT = bit("enrollment");

/**
 * Which of a line's cells to look at for an Excel error value (bit k: the field with index k in
 * FIELD_ORDER), from what the loader already read: an error value never reads as a member, a
 * date, a rate-table code or modifier set, a TAR or an enrollment date, so lines that read well
 * skip those cells (reading every cell's text again for a million lines costs a memory access
 * each). One call per line, not one per column.
 */
function lookAt(s: ClaimStore, i: number): number {
  return (
    (s.memberOf(i) === -1 ? MEMBER : 0) |
    (s.dosOf(i) === undefined ? DOS : 0) |
    (s.kindCode(i) === 0 ? SERVICE : 0) |
    (s.filled(i, "tar") ? 0 : TAR) |
    (s.filled(i, "enrollment") ? ENROLLMENT : 0)
  );
}

/** The finding's params: the first error cell's column and value, and how many more the line has. */
function report(
  cells: readonly unknown[],
  k: number,
  error: string,
  claim: ClaimColumns,
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
