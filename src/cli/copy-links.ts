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

/** Marks a replacement method as this module's, and tells whether a method is one. */
const marked = <F extends object>(method: F): F => Object.assign(method, { keepsLinks: true });
const isPatched = (method: unknown): boolean => (method as { keepsLinks?: boolean }).keepsLinks === true;

/** Patches ExcelJS's cell parsing, its Cell's model and its cell writing, once per process. */
export function keepLinksOnCellsWithoutText(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an ExcelJS internal, absent from its typings
  const xform = require("exceljs/lib/xlsx/xform/sheet/cell-xform") as CellXform;
  const { reconcile, prepare } = xform.prototype;
  if (isPatched(reconcile)) return;
  // Read: the cell keeps its type; its link is noted on its model.
  xform.prototype.reconcile = marked(function (this: unknown, model: CellModel, options: ReconcileOptions): void {
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
  });
  // Write: the link joins the sheet's hyperlinks, which ExcelJS writes with their relationships.
  xform.prototype.prepare = marked(function (this: unknown, model: CellModel, options: PrepareOptions): void {
    prepare.call(this, model, options);
    if (model.keptHyperlink !== undefined) options.hyperlinks.push({ address: model.address, target: model.keptHyperlink });
  });
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
