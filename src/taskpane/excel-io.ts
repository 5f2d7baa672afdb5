/**
 * The only module that talks to Excel (Office.js), with its building blocks in ./excel-run. Each
 * method is one Excel.run with as few syncs as it can (mostly one); errors Excel reports become
 * ExcelProblem with a message an analyst can act on. Unit-tested against an in-memory stand-in of
 * the Excel object model.
 */
import { RESULT_HEADERS, STATUS_COLOURS } from "../engine";
import { parseAddress } from "./a1";
import { blockOf, deleteOwnRules, rangeOf, run, selectedTable, sheetOrNew, sourceRange, TEXT } from "./excel-run";
import { dateProbe, systemOf } from "../functions/date-probe";
import { ExcelProblem, HEAD_COLS, HEAD_ROWS, type CellChange, type ExcelIO, type Located, type StoredSettings } from "./io";

export const SETTINGS_KEY = "ecm.claims";

export function createExcelIO(): ExcelIO {
  return {
    sources: () =>
      run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load("items/name");
        const tables = context.workbook.tables;
        tables.load("items/name");
        await context.sync();
        return { sheets: sheets.items.map((s) => s.name), tables: tables.items.map((t) => t.name) };
      }),

    sheetHeads: (names) =>
      run(async (context) => {
        const ranges = names.map((name) =>
          context.workbook.worksheets.getItem(name).getRangeByIndexes(0, 0, HEAD_ROWS, HEAD_COLS).load("values"),
        );
        await context.sync();
        return ranges.map((range) => range.values as unknown[][]);
      }),

    readSource: (source) =>
      run(async (context) => {
        const found = await sourceRange(context, source);
        if (found === undefined) return undefined;
        const { range, nullable } = found;
        range.load("values");
        await context.sync();
        return nullable && range.isNullObject ? [] : (range.values as unknown[][]);
      }),

    readTables: (names) =>
      run(async (context) => {
        const tables = names.map((name) => context.workbook.tables.getItemOrNullObject(name));
        await context.sync();
        const ranges = tables.map((t) => (t.isNullObject ? undefined : t.getRange().load("values")));
        if (ranges.some((r) => r !== undefined)) await context.sync();
        return ranges.map((r) => (r === undefined ? undefined : (r.values as unknown[][])));
      }),

    locate: () =>
      run(async (context) => {
        const active = context.workbook.worksheets.getActiveWorksheet();
        active.load("name");
        active.protection.load("protected");
        const used = active.getUsedRangeOrNullObject(true);
        used.load("rowIndex,columnIndex,rowCount,columnCount");
        const probe = dateProbe(context);
        const sheets = context.workbook.worksheets;
        sheets.load("items/name,items/visibility");
        await context.sync();
        const dateSystem = systemOf(probe);
        const visible = sheets.items.filter((s) => s.visibility === "Visible").map((s) => s.name);
        const others = (name: string) => visible.filter((n) => n !== name);
        const all = sheets.items.map((s) => s.name);
        const table = await selectedTable(context);
        if (table !== undefined) {
          // The header row and the data body: a totals row is never claims.
          const range = table.getRange();
          range.load("rowIndex,columnIndex,rowCount,columnCount");
          table.load("name,showTotals");
          const sheet = table.worksheet;
          sheet.load("name");
          sheet.protection.load("protected");
          const onSheet = sheet.tables;
          onSheet.load("items/name");
          await context.sync();
          const region = blockOf(range);
          if (table.showTotals) region.rows -= 1;
          return {
            sheetName: sheet.name,
            tableName: table.name,
            region,
            protected: sheet.protection.protected,
            dateSystem,
            otherSheets: others(sheet.name),
            sheets: all,
            sheetTables: onSheet.items.map((t) => t.name),
          };
        }
        const region = used.isNullObject ? { row: 0, col: 0, rows: 0, cols: 0 } : blockOf(used);
        // eslint-disable-next-line office-addins/load-object-before-read -- active.protection.load("protected") above; the rule does not follow the navigation property
        const isProtected = active.protection.protected;
        return {
          sheetName: active.name,
          region,
          protected: isProtected,
          dateSystem,
          otherSheets: others(active.name),
          sheets: all,
        } satisfies Located;
      }),

    read: (sheet, block) =>
      run(async (context) => {
        const range = rangeOf(context.workbook.worksheets.getItem(sheet), block);
        range.load("values");
        await context.sync();
        return range.values as unknown[][];
      }),

    write: (sheet, blocks) =>
      run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        for (const { row, col, values, textCols = 0 } of blocks) {
          if (values.length === 0) continue;
          if (textCols > 0) rangeOf(ws, { row, col, rows: values.length, cols: textCols }).numberFormat = TEXT as unknown as string[][];
          rangeOf(ws, { row, col, rows: values.length, cols: values[0]?.length ?? 0 }).values = values as (string | number | boolean)[][];
        }
        await context.sync();
      }),

    addTableColumns: (table, headings) =>
      run(async (context) => {
        const columns = context.workbook.tables.getItem(table).columns;
        for (const heading of headings) columns.add(undefined, undefined, heading); // no index: at the right edge
        await context.sync();
      }),

    format: (sheet, layout) =>
      run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        const rows = layout.lastRow - layout.firstRow + 1;
        rangeOf(ws, { row: layout.headerRow, col: layout.col, rows: 1, cols: 4 }).format.font.bold = true;
        rangeOf(ws, { row: layout.headerRow, col: layout.col + 2, rows: 1, cols: 1 }).format.columnWidth = 320;
        if (rows > 0) {
          // A single value applies to every cell of the range (Range.numberFormat accepts one value).
          const expected = rangeOf(ws, { row: layout.firstRow, col: layout.col + 3, rows, cols: 1 });
          expected.numberFormat = "$#,##0.00" as unknown as string[][];
          const status = rangeOf(ws, { row: layout.firstRow, col: layout.col, rows, cols: 1 });
          // Validating again replaces the add-in's three rules instead of piling up more.
          await deleteOwnRules(context, status);
          for (const [text, colours] of Object.entries(STATUS_COLOURS)) {
            const cf = status.conditionalFormats.add(Excel.ConditionalFormatType.containsText);
            cf.textComparison.format.fill.color = colours.fill;
            cf.textComparison.format.font.color = colours.font;
            cf.textComparison.rule = { operator: Excel.ConditionalTextOperator.beginsWith, text };
          }
        }
        await context.sync();
      }),

    clear: (sheet, layout) =>
      run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        const status = rangeOf(ws, {
          row: layout.firstRow,
          col: layout.col,
          rows: Math.max(1, layout.lastRow - layout.firstRow + 1),
          cols: 1,
        });
        await deleteOwnRules(context, status);
        if (layout.table === undefined) {
          // Contents, then the formats the add-in set: clear(All) would also take any conditional
          // format of the analyst's that lies inside these columns (Range.clear removes them).
          const columns = rangeOf(ws, { row: layout.headerRow, col: layout.col, rows: layout.lastRow - layout.headerRow + 1, cols: 4 });
          columns.clear(Excel.ClearApplyTo.contents);
          columns.numberFormat = "General" as unknown as string[][];
          rangeOf(ws, { row: layout.headerRow, col: layout.col, rows: 1, cols: 4 }).format.font.bold = false;
        } else {
          const tableColumns = context.workbook.tables.getItem(layout.table).columns;
          const columns = RESULT_HEADERS.map((heading) => tableColumns.getItemOrNullObject(heading));
          for (const column of columns) column.load("name");
          await context.sync();
          for (const column of columns) if (!column.isNullObject) column.delete();
        }
        await context.sync();
      }),

    loadSettings: () =>
      run(async (context) => {
        const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
        item.load("value");
        await context.sync();
        if (item.isNullObject || typeof item.value !== "string") return undefined;
        const parsed = JSON.parse(item.value) as StoredSettings;
        return parsed.version === 1 ? parsed : undefined;
      }),

    saveSettings: (settings) =>
      run(async (context) => {
        context.workbook.settings.add(SETTINGS_KEY, JSON.stringify(settings));
        await context.sync();
      }),

    select: (sheet, block) =>
      run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        rangeOf(ws, block).select();
        await context.sync();
      }),

    dateSystem: () =>
      run(async (context) => {
        const probe = dateProbe(context);
        await context.sync();
        return systemOf(probe);
      }),

    sheetExists: (name) =>
      run(async (context) => {
        const ws = context.workbook.worksheets.getItemOrNullObject(name);
        await context.sync();
        return !ws.isNullObject;
      }),

    writeSheet: (name, values, fitRows) =>
      run(async (context) => {
        const { ws, added } = await sheetOrNew(context, name);
        if (!added) ws.getRange().clear(Excel.ClearApplyTo.all);
        const width = Math.max(...values.map((r) => r.length));
        const padded = values.map((r) => [...r, ...Array<unknown>(width - r.length).fill("")]);
        const all = rangeOf(ws, { row: 0, col: 0, rows: padded.length, cols: width });
        all.numberFormat = padded.map((r) => r.map((v) => (typeof v === "string" ? TEXT : "General")));
        all.values = padded as (string | number)[][];
        rangeOf(ws, { row: 0, col: 0, rows: 1, cols: width }).format.font.bold = true;
        // Fitted to the rows above any notes: a range's autofit looks at that range's cells only
        // (Microsoft, Range.AutoFit: Range("A1:E1").Columns.AutoFit fits "based only on the contents of cells A1:E1").
        rangeOf(ws, { row: 0, col: 0, rows: Math.min(fitRows ?? padded.length, padded.length), cols: width }).format.autofitColumns();
        await context.sync();
      }),

    mergedAreas: (sheet, block) =>
      run(async (context) => {
        // Range.getMergedAreasOrNullObject is ExcelApi 1.13; the manifest asks for 1.10.
        if (typeof Office === "undefined" || Office.context?.requirements?.isSetSupported?.("ExcelApi", "1.13") !== true)
          return "unsupported";
        const areas = rangeOf(context.workbook.worksheets.getItem(sheet), block).getMergedAreasOrNullObject();
        areas.load("address");
        try {
          await context.sync();
        } catch (error) {
          // Documented: the call fails when the range holds more than 512 merged areas.
          if ((error as { code?: string }).code === "GeneralException") return "too many";
          throw error;
        }
        if (areas.isNullObject) return [];
        // "Claims!A2:A4, 'My sheet'!C5:D5": each area's range after its sheet name.
        return areas.address.split(",").map((a) =>
          a
            .slice(a.lastIndexOf("!") + 1)
            .replace(/\$/g, "")
            .trim(),
        );
      }),

    insertTable: (sheetName, tableName, values) =>
      run(async (context) => {
        const { ws, added } = await sheetOrNew(context, sheetName);
        if (!added) {
          const used = ws.getUsedRangeOrNullObject(true);
          used.load("address");
          await context.sync();
          if (!used.isNullObject)
            throw new ExcelProblem(
              `Sheet "${sheetName}" already holds data: rename or empty it, then insert the rate table again. Nothing was changed.`,
            );
        }
        const width = Math.max(...values.map((r) => r.length));
        const range = rangeOf(ws, { row: 0, col: 0, rows: values.length, cols: width });
        range.values = values.map((r) => [...r, ...Array<string>(width - r.length).fill("")]);
        const table = ws.tables.add(range, true);
        table.name = tableName;
        range.format.autofitColumns();
        await context.sync();
      }),

    onChanged: (sheet, handler) =>
      run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        const changed = ws.onChanged.add(async (event) => {
          // A co-author's edit: their own pane (if any) re-validates; this one must not rewrite for it.
          if (event.source === Excel.EventSource.remote) return;
          const block = parseAddress(event.address);
          if (block === undefined) return;
          const structural = event.changeType !== Excel.DataChangeType.rangeEdited && event.changeType !== Excel.DataChangeType.unknown;
          handler({ block, structural } satisfies CellChange);
        });
        // A sort moves whole rows (Excel raises onRowSorted, not onChanged): re-validate in full.
        const sorted = ws.onRowSorted.add(async (event) => {
          if (event.source === Excel.EventSource.remote) return;
          const block = parseAddress(event.address);
          if (block !== undefined) handler({ block, structural: true });
        });
        await context.sync();
        return async () => {
          // Excel.run on the registration's own context: the handlers are removed where they were added.
          await Excel.run(changed.context, async (ctx) => {
            changed.remove();
            sorted.remove();
            await ctx.sync();
          });
        };
      }),
  };
}
