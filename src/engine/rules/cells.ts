/** ECM-CELL-ERROR: a claim cell holding one of Excel's error values (#N/A, #REF!, …) is never data. */
import type { EngineContext } from "../context";
import type { ClaimStore } from "../store";
import type { FieldId } from "../types";
import { excelError } from "../values";
import { rowRule } from "./rule";

type CellErrorParams = { column: string; error: string; more: number };

/** The claim columns read, by field, in the order messages name them. */
const FIELDS: readonly FieldId[] = ["member", "dos", "hcpcs", "modifiers", "units", "billed", "tar", "enrollment", "method"];

export const cellErrorRule = rowRule({
  id: "ECM-CELL-ERROR",
  severity: "error",
  when: "a claim cell holds an Excel error value (#N/A, #REF!, #VALUE!, #DIV/0!, #NAME?, …): a formula failed or a lookup found nothing",
  applies: {},
  message: (p: CellErrorParams) =>
    `${p.column} holds Excel's error value ${p.error}${p.more > 0 ? ` (and ${p.more} more cell${p.more > 1 ? "s" : ""} of this line)` : ""}, not data: fix the formula or lookup that produced it, or type the value.`,
  check(s, i, ctx) {
    let first: FieldId | undefined;
    let error = "";
    let more = 0;
    for (const [field, column] of columnsOf(ctx)) {
      const found = excelError(s.cell(i, column));
      if (found === undefined) continue;
      if (first === undefined) {
        first = field;
        error = found;
      } else more++;
    }
    return first === undefined ? undefined : { column: ctx.label(first), error, more };
  },
});

/** Whether the cell of this field holds an Excel error value: that field's own rule then stays quiet (ECM-CELL-ERROR reports it). */
export function isErrorCell(s: ClaimStore, i: number, column: number | undefined): boolean {
  return column !== undefined && excelError(s.cell(i, column)) !== undefined;
}

type Columns = readonly (readonly [FieldId, number])[];

/** The mapped claim columns as (field, column) pairs: built once per run. */
function columnsOf(ctx: EngineContext): Columns {
  return ctx.memo("ECM-CELL-ERROR columns", ctx.mapping, mappedColumns);
}
function mappedColumns(m: EngineContext["mapping"]): Columns {
  const out: [FieldId, number][] = [];
  for (const field of FIELDS) {
    if (field === "modifiers") for (const c of m.modifiers) out.push([field, c]);
    else if (m[field] !== undefined) out.push([field, m[field]]);
  }
  return out;
}

export const RULES = [cellErrorRule] as const;
