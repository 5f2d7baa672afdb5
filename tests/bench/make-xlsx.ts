/** Writes generated claims to an .xlsx as a claims export would look (dates as date cells). */
import ExcelJS from "exceljs";
import { dateFromDay, dayFromSerial } from "../../src/engine";
import { generateClaims } from "./generate-claims";

export async function writeClaimsXlsx(file: string, count: number): Promise<void> {
  const { header, rows } = generateClaims(count);
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const ws = writer.addWorksheet("Claims");
  ws.addRow(header).commit();
  for (const cells of rows) {
    const values = cells.map((c, k) => {
      if ((k === 1 || k === 7) && typeof c === "number") {
        const day = dayFromSerial(c);
        return day === undefined ? c : dateFromDay(day);
      }
      return c === "" ? null : c;
    });
    const row = ws.addRow(values as ExcelJS.CellValue[]);
    if (values[1] instanceof Date) row.getCell(2).numFmt = "yyyy-mm-dd";
    if (values[7] instanceof Date) row.getCell(8).numFmt = "yyyy-mm-dd";
    row.commit();
  }
  ws.commit();
  await writer.commit();
}
