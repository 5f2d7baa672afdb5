/**
 * Parts of ExcelJS 4.4's full-model reader and writer (its "xforms") that wrote back something other
 * than what they read, patched once per process for the annotated .xlsx copy (copy-model.ts): data
 * validations, conditional formatting rules, a Table's column formulas, rows written in parts,
 * links on cells without text (copy-links.ts), and texts with `_xHHHH_` escapes (xstring.ts).
 * Each patch keeps what the workbook said and writes it back as it was. The streaming reader, which
 * reads the claims, uses none of these parts.
 */
import { keepLinksOnCellsWithoutText } from "./copy-links";
import { keepEscapesAsWritten } from "./xstring";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- ExcelJS's own address parser, absent from its typings
const colCache = require("exceljs/lib/utils/col-cache") as { decodeEx(ref: string): { dimensions?: string; address?: string } };

/** Applies every patch below; each part is patched once (a patched part is marked and left alone). */
export function keepWhatExcelJsRewrites(): void {
  keepDataValidationRanges();
  keepConditionalFormattingRules();
  keepTableColumnFormulas();
  keepRowsWrittenInParts();
  keepLinksOnCellsWithoutText(); // copy-links.ts
  keepFormulaTextResults();
  keepEscapesAsWritten(); // xstring.ts
}

/** Marks a replacement method as one of these patches, and tells whether a method is one. */
const marked = <F extends object>(method: F): F => Object.assign(method, { patched: true });
const isPatched = (method: unknown): boolean => (method as { patched?: boolean }).patched === true;

interface DataValidationsXform {
  prototype: {
    parseClose(this: DataValidationsParser, name: string): boolean;
  };
}
interface DataValidationsParser {
  model: Record<string, unknown>;
  _address: string;
  _dataValidation: { formulae?: unknown[]; operator?: string };
}

/**
 * A cell range or cell as ExcelJS's writer keys a data validation it writes back unchanged ("C2:C100",
 * "C2"), from one reference of a sqref; undefined for one it cannot key so ("C:C").
 */
function validationKey(ref: string): string | undefined {
  const decoded = colCache.decodeEx(ref);
  const key = decoded.dimensions ?? decoded.address;
  return typeof key === "string" && /^[A-Z]+\d+(?::[A-Z]+\d+)?$/.test(key) ? key : undefined;
}

/**
 * Data validations (a drop-down list of codes on the HCPCS column, whole numbers in Units) keep the
 * ranges they were written with. ExcelJS 4.4's parser expands each range into one entry per cell
 * (a rule on C2:C1048576, "the whole column", made a two-row workbook's copy take 12 s and 650 MB),
 * and its writer merges the cells back in the order of their addresses as text, C10 before C2, so
 * that C2:C100 was written as two overlapping rules, C10:C100 and C2:C100, which Excel does not
 * allow in one sheet. Kept as the written ranges, each is written back as it was (the writer
 * writes a range key as its sqref). A reference it cannot key is left to ExcelJS's own parse.
 */
function keepDataValidationRanges(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an ExcelJS internal, absent from its typings
  const xform = require("exceljs/lib/xlsx/xform/sheet/data-validations-xform") as DataValidationsXform;
  const parseClose = xform.prototype.parseClose;
  if (isPatched(parseClose)) return;
  const patched = function (this: DataValidationsParser, name: string): boolean {
    if (name !== "dataValidation") return parseClose.call(this, name);
    const keys = this._address
      .split(/\s+/)
      .filter((ref) => ref !== "")
      .map(validationKey);
    if (keys.length === 0 || keys.some((k) => k === undefined)) return parseClose.call(this, name);
    const rule = this._dataValidation;
    if (rule.formulae === undefined || rule.formulae.length === 0) {
      delete rule.formulae; // as ExcelJS's own parse does: a rule without formulas has no operator either
      delete rule.operator;
    }
    for (const key of keys) this.model[key as string] = rule;
    return true;
  };
  xform.prototype.parseClose = marked(patched);
}

interface CfRuleModel {
  type?: string;
  dxfId?: number;
  priority?: number;
  formulae?: unknown[];
  /** The attributes the rule was read with (keepConditionalFormattingRules). */
  sourceAttributes?: Record<string, string>;
}
interface CfRuleXform {
  prototype: {
    createNewModel(this: unknown, node: { attributes: Record<string, string> }): CfRuleModel;
    render(this: CfRuleWriter, xmlStream: XmlStream, model: CfRuleModel): void;
  };
}
interface XmlStream {
  openNode(name: string, attributes: Record<string, string | number | undefined>): void;
  closeNode(): void;
}
interface CfRuleWriter {
  tag: string;
  formulaXform: { render(xmlStream: XmlStream, formula: unknown): void };
}

/** Rules whose content is more than formulas (ExcelJS writes those itself, from the parts it parsed). */
const CF_RULES_WITH_CONTENT = new Set(["dataBar", "colorScale", "iconSet"]);

/**
 * Conditional formatting rules are written back as they were read. ExcelJS 4.4 writes back only the
 * rule types it models, and those without some of their attributes: a "Highlight Duplicate Values"
 * rule (duplicateValues), and uniqueValues, beginsWith, endsWith and notContainsText rules, were
 * dropped, leaving an empty <conditionalFormatting> element, which the schema does not allow
 * (exceljs#2178); every rule lost "Stop If True"; a text rule lost its text, and a blanks or errors
 * rule got an operator ("containsBlanks") that is not one of the schema's. Each rule whose content is
 * formulas (or nothing) is now written with the attributes it was read with, its formatting's
 * dxfId and its priority as ExcelJS numbers them for the copy, and its formulas. Data bars, colour
 * scales and icon sets are written by ExcelJS as before.
 */
function keepConditionalFormattingRules(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an ExcelJS internal, absent from its typings
  const xform = require("exceljs/lib/xlsx/xform/sheet/cf/cf-rule-xform") as CfRuleXform;
  const { createNewModel, render } = xform.prototype;
  if (isPatched(render)) return;
  xform.prototype.createNewModel = function (node) {
    return { ...createNewModel.call(this, node), sourceAttributes: { ...node.attributes } };
  };
  const patched = function (this: CfRuleWriter, xmlStream: XmlStream, model: CfRuleModel): void {
    const source = model.sourceAttributes;
    if (source === undefined || CF_RULES_WITH_CONTENT.has(source.type ?? "")) {
      render.call(this, xmlStream, model);
      return;
    }
    const { dxfId: _read, priority: _numbered, ...attributes } = source;
    xmlStream.openNode(this.tag, { type: attributes.type, dxfId: model.dxfId, priority: model.priority, ...attributes });
    for (const formula of model.formulae ?? []) this.formulaXform.render(xmlStream, formula);
    xmlStream.closeNode();
  };
  xform.prototype.render = marked(patched);
}

/** A Table column's formulas, children of <tableColumn> (ECMA-376 Part 1, 18.5.1.3), which ExcelJS 4.4 reads past. */
const TABLE_COLUMN_FORMULAS = ["calculatedColumnFormula", "totalsRowFormula"] as const;
type TableColumnModel = Partial<Record<(typeof TABLE_COLUMN_FORMULAS)[number], string>>;
interface TableColumnXform {
  prototype: {
    tag: string;
    parseOpen(this: TableColumnParser, node: { name: string }): boolean;
    parseText(this: TableColumnParser, text: string): void;
    parseClose(this: TableColumnParser, name: string): boolean;
    render(
      this: TableColumnParser,
      xmlStream: XmlStream & { leafNode(name: string, a: unknown, text: string): void },
      model: TableColumnModel,
    ): boolean;
  };
}
interface TableColumnParser {
  tag: string;
  model: TableColumnModel;
  /** The formula element being read, and its text so far. */
  reading?: { name: (typeof TABLE_COLUMN_FORMULAS)[number]; text: string };
  /** How deep inside a child the copy does not keep (xmlColumnPr, extLst) the parser is; 0 or undefined: not inside one. */
  skipping?: number;
}
/**
 * A Table column's other children (ECMA-376 Part 1, 18.5.1.3): an XML map binding (`<xmlColumnPr>`,
 * a Table filled from the Developer tab's XML Source) and extensions. Their end tags, too, ended the
 * list of columns (a 10-column Table copied with 1 column); they are read past, and the copy says it
 * leaves out the XML maps (copy-model.ts).
 */
const TABLE_COLUMN_SKIPPED = ["xmlColumnPr", "extLst"];

/**
 * A Table column keeps its calculated-column formula (the formula Excel fills into each new row of
 * the Table) and its custom total formula. ExcelJS 4.4 reads and writes a column's attributes only,
 * so a copy's Table stopped filling new rows; worse, the formula's end tag ended its list of
 * columns, so every column after it was lost (a 10-column range with 7 columns, which Excel must
 * repair). The formula's text is read with the column and written back after its attributes.
 */
function keepTableColumnFormulas(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an ExcelJS internal, absent from its typings
  const xform = require("exceljs/lib/xlsx/xform/table/table-column-xform") as TableColumnXform;
  const { parseOpen, parseText, parseClose, render } = xform.prototype;
  if (isPatched(render)) return;
  const formulaNamed = (name: string) => TABLE_COLUMN_FORMULAS.find((f) => f === name);
  xform.prototype.parseOpen = function (node) {
    if ((this.skipping ?? 0) > 0 || TABLE_COLUMN_SKIPPED.includes(node.name)) {
      this.skipping = (this.skipping ?? 0) + 1;
      return true;
    }
    const formula = formulaNamed(node.name);
    if (formula === undefined) return parseOpen.call(this, node);
    this.reading = { name: formula, text: "" };
    return true;
  };
  xform.prototype.parseText = function (text) {
    if ((this.skipping ?? 0) > 0) return;
    if (this.reading !== undefined) this.reading.text += text;
    else parseText.call(this, text);
  };
  xform.prototype.parseClose = function (name) {
    if ((this.skipping ?? 0) > 0) {
      this.skipping = (this.skipping ?? 0) - 1;
      return true; // the column's own end tag is still to come
    }
    if (this.reading === undefined || name !== this.reading.name) return parseClose.call(this, name);
    this.model[this.reading.name] = this.reading.text;
    this.reading = undefined;
    return true; // the column's own end tag is still to come
  };
  const patched = function (this: TableColumnParser, xmlStream: Parameters<typeof render>[0], model: TableColumnModel): boolean {
    const formulas = TABLE_COLUMN_FORMULAS.filter((f) => model[f] !== undefined);
    if (formulas.length === 0) return render.call(this, xmlStream, model);
    // The attributes as ExcelJS writes them, then the formulas, inside one element.
    const column = model as TableColumnModel & {
      id: number;
      name: string;
      totalsRowLabel?: string;
      totalsRowFunction?: string;
      dxfId?: string;
    };
    xmlStream.openNode(this.tag, {
      id: column.id.toString(),
      name: column.name,
      totalsRowLabel: column.totalsRowLabel,
      totalsRowFunction: column.totalsRowFunction,
      dxfId: column.dxfId,
    });
    for (const f of formulas) xmlStream.leafNode(f, undefined, model[f] as string);
    xmlStream.closeNode();
    return true;
  };
  xform.prototype.render = marked(patched);
}

interface WorksheetXform {
  prototype: { reconcile(this: unknown, model: { rows?: (RowModel | undefined)[] }, options: unknown): void };
}
interface RowModel {
  number: number;
  cells?: unknown[];
}

/**
 * A row written as several <row> elements of the same number (grid-rows.ts: an export in
 * ExcelDataReader's test data writes each cell in a row element of its own) is one row. ExcelJS's
 * loader kept the last element's cells only, so the annotated copy lost the others: the member ID,
 * HCPCS and modifiers of such a claim were gone. The elements' cells are put in the first one.
 */
function keepRowsWrittenInParts(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an ExcelJS internal, absent from its typings
  const xform = require("exceljs/lib/xlsx/xform/sheet/worksheet-xform") as WorksheetXform;
  const { reconcile } = xform.prototype;
  if (isPatched(reconcile)) return;
  xform.prototype.reconcile = marked(function (this: unknown, model: { rows?: (RowModel | undefined)[] }, options: unknown): void {
    const first = new Map<number, RowModel>();
    model.rows = model.rows?.filter((row): row is RowModel => {
      if (row === undefined || row === null) return false;
      const earlier = first.get(row.number);
      if (earlier === undefined) first.set(row.number, row);
      else earlier.cells = [...(earlier.cells ?? []), ...(row.cells ?? [])];
      return earlier === undefined;
    });
    reconcile.call(this, model, options);
  });
}

interface CellModel {
  formula?: string;
  shareType?: string;
  value?: unknown;
  result?: unknown;
  /** A formula's text result saved as a shared string's index (noted here). */
  sharedResult?: boolean;
}
interface CellParser {
  parser?: unknown;
  t?: string;
  model: CellModel;
  /** Whether the cell being read has a <v> element: set here. */
  sawValue?: boolean;
}
interface CellXform {
  prototype: {
    parseOpen(this: CellParser, node: { name: string }): boolean;
    parseClose(this: CellParser, name: string): boolean;
    reconcile(this: unknown, model: CellModel, options: { sharedStrings: { getString(index: number): unknown } }): void;
  };
}

/**
 * A formula's saved text result is kept as that text, whichever way it is written. ExcelJS 4.4's
 * parser keeps a saved value only when its text is not empty, and reads it as a number unless the
 * cell says t="str", so the copy changed two results:
 * - "" (`<c t="str"><f>IFERROR(…,"")</f><v></v></c>`: Excel's empty text, as IF(…,"fizz","") or
 *   IFERROR(…,"") give) was dropped: the copy held a formula without a value, which reads, validated
 *   again, as a formula never calculated, on the claims sheet (a TAR of IFERROR(…,"")) and on a
 *   members list or rate table in the same workbook (SheetJS's pivot_table_named_range.xlsx and the
 *   Open XML SDK's missingcalcchainpart.xlsx, saved by Excel);
 * - a text saved as a shared string (`<c t="s"><f>VLOOKUP(…)</f><v>4</v></c>`, as Gnumeric writes
 *   it: gnumeric-formula-results.xlsx) became the number 4, the string's index, in place of "TAR-1".
 */
function keepFormulaTextResults(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an ExcelJS internal, absent from its typings
  const xform = require("exceljs/lib/xlsx/xform/sheet/cell-xform") as CellXform;
  const { parseOpen, parseClose, reconcile } = xform.prototype;
  if (isPatched(parseClose)) return;
  xform.prototype.parseOpen = marked(function (this: CellParser, node: { name: string }): boolean {
    if (this.parser === undefined && (node.name === "c" || node.name === "v")) this.sawValue = node.name === "v";
    return parseOpen.call(this, node);
  });
  xform.prototype.parseClose = marked(function (this: CellParser, name: string): boolean {
    const { model } = this;
    const cell = name === "c" && this.parser === undefined && this.sawValue === true;
    const emptyText = cell && this.t === "str" && model.value === undefined;
    const sharedText = cell && this.t === "s" && model.value !== undefined;
    const open = parseClose.call(this, name);
    if (model.formula !== undefined || model.shareType !== undefined) {
      if (emptyText) model.result = "";
      if (sharedText && typeof model.result === "number") model.sharedResult = true;
    }
    return open;
  });
  xform.prototype.reconcile = marked(function (this: unknown, model: CellModel, options): void {
    if (model.sharedResult === true) {
      model.result = options.sharedStrings.getString(model.result as number);
      delete model.sharedResult;
    }
    reconcile.call(this, model, options);
  });
}
