/**
 * One timed end-to-end run in its own process (so peak memory is its own):
 *   bare FILE OUT   ExcelJS streaming read of every row + streaming write of the same values
 *   cli  FILE OUT   the ECM CLI: read + validate + table report (discarded) + write the annotated copy
 * Prints one JSON line: {"ms":…, "maxRssMB":…}.
 */
import ExcelJS from "exceljs";
import { runCli } from "../../src/cli/run";
import { dayFromISO } from "../../src/engine";

/** One shared style object (ExcelJS caches style ids by object), as the CLI does. */
const DATE_STYLE: Partial<ExcelJS.Style> = { numFmt: "yyyy-mm-dd" };

async function bare(file: string, out: string): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  const sheets: { name: string; rows: unknown[][] }[] = [];
  for await (const ws of reader) {
    const rows: unknown[][] = [];
    for await (const row of ws) rows.push((row.values as unknown[]).slice(1));
    sheets.push({ name: (ws as unknown as { name: string }).name, rows });
  }
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
  for (const s of sheets) {
    const ws = writer.addWorksheet(s.name);
    for (const values of s.rows) {
      const row = ws.addRow(values as ExcelJS.CellValue[]);
      for (let k = 0; k < values.length; k++) if (values[k] instanceof Date) row.getCell(k + 1).style = DATE_STYLE;
      row.commit();
    }
    ws.commit();
  }
  await writer.commit();
}

async function main(): Promise<void> {
  const [mode, file, out] = process.argv.slice(2) as [string, string, string];
  const t0 = performance.now();
  if (mode === "bare") await bare(file, out);
  else {
    const code = await runCli([file, "--out", out, "--force"], {
      stdout: () => undefined,
      stderr: (t) => process.stderr.write(t),
      cwd: () => process.cwd(),
      today: () => dayFromISO("2027-12-31") as number,
    });
    if (code === 2) throw new Error("cli failed");
  }
  const ms = performance.now() - t0;
  process.stdout.write(`${JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
}

void main();
