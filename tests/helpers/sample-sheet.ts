/** The bundled sample workbook as Excel holds it: rows of values, dates as serial numbers. */
import ExcelJS from "exceljs";
import { dayFromDate, serialFromDay } from "../../src/engine";

export async function sampleRows(rows = 40, cols = 10): Promise<(string | number | null)[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile("assets/sample-claims.xlsx");
  const ws = wb.getWorksheet("Claims");
  if (ws === undefined) throw new Error("sample sheet missing");
  const out: (string | number | null)[][] = [];
  for (let r = 1; r <= rows; r++) {
    const values = ws.getRow(r).values as unknown[];
    out.push(
      Array.from({ length: cols }, (_, c) => {
        const v = values[c + 1];
        if (v instanceof Date) return serialFromDay(dayFromDate(v) as number);
        return typeof v === "string" || typeof v === "number" ? v : null;
      }),
    );
  }
  return out;
}
