/**
 * A hyperlink on a cell that holds no text (a number, a date, a formula, an error, or nothing: Insert
 * > Link on a Billed Amount, a date of service linked to the plan's portal), kept in the annotated
 * .xlsx copy with the cell as it was. ExcelJS 4.4's full model turns every linked cell into a
 * "hyperlink value" whose text is the cell's value and writes that text as a string: the copy held
 * the text "400" for the number 400, lost a formula (only its result was written, as text), and
 * wrote an error cell as "[object Object]" (libxlsxwriter's test files hyperlink19.xlsx and
 * embed_image10.xlsx, saved by Excel). Such a cell now keeps its own type, and its link is written
 * beside it in the sheet's hyperlinks, as Excel writes it (ECMA-376 Part 1, 18.3.1.47: a hyperlink
 * refers to a cell, whatever the cell holds). Text cells are left to ExcelJS, which keeps them.
 */

/** ExcelJS's value types (exceljs/lib/doc/enums.js) of the cells whose link ExcelJS itself keeps. */
const TEXT_TYPES = new Set([3, 7, 8]); // String, SharedString, RichText

interface CellModel {
  address: string;
  type: number;
  keptHyperlink?: string;
}
interface ReconcileOptions {
  hyperlinkMap: Record<string, string | undefined>;
}
interface PrepareOptions {
  hyperlinks: { address: string; target: string }[];
}
interface CellXform {
  prototype: {
    reconcile(model: CellModel, options: ReconcileOptions): void;
    prepare(model: CellModel, options: PrepareOptions): void;
  };
}

/**
 * Set on the patched prototype. Not a mark on the methods: other patches wrap the same reconcile
 * (excel-dates.ts, copy-xforms.ts), so a mark on it was hidden by theirs, and a second copy in one
 * process patched it again and wrote every link twice.
 */
const APPLIED = Symbol.for("ecm-claims.copy-links");

/** Patches ExcelJS's cell parsing, its Cell's model and its cell writing, once per process. */
export function keepLinksOnCellsWithoutText(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an ExcelJS internal, absent from its typings
  const xform = require("exceljs/lib/xlsx/xform/sheet/cell-xform") as CellXform;
  const prototype = xform.prototype as CellXform["prototype"] & { [APPLIED]?: true };
  if (prototype[APPLIED] === true) return;
  prototype[APPLIED] = true;
  const { reconcile, prepare } = xform.prototype;
  // Read: the cell keeps its type; its link is noted on its model.
  xform.prototype.reconcile = function (this: unknown, model: CellModel, options: ReconcileOptions): void {
    const link = options.hyperlinkMap[model.address];
    if (link === undefined || TEXT_TYPES.has(model.type)) {
      reconcile.call(this, model, options);
      return;
    }
    delete options.hyperlinkMap[model.address];
    try {
      reconcile.call(this, model, options);
    } finally {
      options.hyperlinkMap[model.address] = link;
    }
    model.keptHyperlink = link;
  };
  // Write: the link joins the sheet's hyperlinks, which ExcelJS writes with their relationships.
  xform.prototype.prepare = function (this: unknown, model: CellModel, options: PrepareOptions): void {
    prepare.call(this, model, options);
    if (model.keptHyperlink !== undefined) options.hyperlinks.push({ address: model.address, target: model.keptHyperlink });
  };
  keepLinkThroughCellModel();
}

/** The model a Cell is made from and gives back to be written (exceljs/lib/doc/cell.js) carries the note. */
function keepLinkThroughCellModel(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an ExcelJS internal, absent from its typings
  const Cell = require("exceljs/lib/doc/cell") as { prototype: object };
  const descriptor = Object.getOwnPropertyDescriptor(Cell.prototype, "model");
  if (descriptor?.get === undefined || descriptor.set === undefined) throw new Error("ExcelJS's Cell has no model to patch");
  const { get, set } = descriptor;
  Object.defineProperty(Cell.prototype, "model", {
    ...descriptor,
    get(this: { keptHyperlink?: string }): CellModel {
      const model = get.call(this) as CellModel;
      if (this.keptHyperlink !== undefined) model.keptHyperlink = this.keptHyperlink;
      return model;
    },
    set(this: { keptHyperlink?: string }, value: CellModel): void {
      set.call(this, value);
      if (value.keptHyperlink !== undefined) this.keptHyperlink = value.keptHyperlink;
    },
  });
}
