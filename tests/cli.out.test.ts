/**
 * The CLI never loses data: --out is checked as a file (not a path string) before the input is
 * read, written through a temporary file, never over the input or an existing file without
 * --force; the annotated copy never overwrites a column of the user's; workbooks written by
 * openpyxl/pandas are read (tests/fixtures/workbooks/, made by make_openpyxl.py), formulas saved
 * without values are findings rather than lost rows, and relative paths follow the user's folder.
 */
import { hiddenFilterButtons, patchFullModelRelationships, patchTableFilterButtons } from "../src/cli/copy-model";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { cli, cliIn } from "./helpers/cli";
import { writeReplacing } from "../src/cli/out";
import { readParts } from "../src/cli/zip-parts";
import { loadSheet } from "../src/cli/read";
import { writeAnnotated } from "../src/cli/annotate";
import { dayFromISO, validateGrid } from "../src/engine";

const WORKBOOKS = "tests/fixtures/workbooks";
const SAMPLE = "assets/sample-claims.xlsx";
const hash = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

/** Every cell of a workbook's first sheet, by address, as ExcelJS reads it back. */
async function cellsOf(file: string): Promise<Map<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  patchFullModelRelationships(wb.xlsx); // openpyxl's tables: ExcelJS alone cannot load them
  await wb.xlsx.readFile(file);
  const cells = new Map<string, unknown>();
  wb.worksheets[0]?.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => cells.set(cell.address, JSON.stringify(cell.value))),
  );
  return cells;
}

/** The merged ranges of a workbook's first sheet, as ExcelJS reads them back. */
async function mergesOf(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return (wb.worksheets[0]?.model as { merges?: string[] } | undefined)?.merges ?? [];
}

/** An annotated .xlsx copy of a fixture workbook, made by the CLI (which finds problems: exit 1). */
async function copyOf(file: string): Promise<string> {
  const copy = join(mkdtempSync(join(tmpdir(), "ecm-copy-")), "copy.xlsx");
  expect((await cli(join(WORKBOOKS, file), "--out", copy)).code).toBe(1);
  return copy;
}

/**
 * Annotated .xlsx copies of a workbook by both writers: the CLI's (the full model, for a workbook up
 * to 2 MB) and the streaming writer's, as for a large workbook.
 */
async function copiesByBothWriters(input: string): Promise<[full: string, streamed: string]> {
  const dir = mkdtempSync(join(tmpdir(), "ecm-writers-"));
  const full = join(dir, "full.xlsx");
  expect((await cli(input, "--out", full)).code).toBe(1);
  const loaded = await loadSheet(input, { forCopy: true, fullModelMaxBytes: 0 });
  expect(loaded.workbook).toBeUndefined();
  const result = validateGrid(loaded.grid, { asOf: dayFromISO("2026-06-30") as number });
  if (!result.ok) throw new Error(result.message);
  const streamed = join(dir, "streamed.xlsx");
  await writeAnnotated(streamed, loaded, result.headerRow, result.verdicts);
  return [full, streamed];
}

/** The first sheet's XML, entities of quotes and brackets decoded. */
async function sheetXml(xlsx: string): Promise<string> {
  const xml = (await (await readParts(readFileSync(xlsx))).text("xl/worksheets/sheet1.xml")) ?? "";
  return xml.replaceAll("&quot;", '"').replaceAll("&gt;", ">").replaceAll("&lt;", "<").replaceAll("&amp;", "&");
}

describe("--out never loses data", () => {
  const dir = mkdtempSync(join(tmpdir(), "ecm-out-"));
  const input = join(dir, "claims.xlsx");
  copyFileSync(SAMPLE, input);
  const before = hash(input);

  it.each([
    ["the same path", (p: string) => p],
    ["the same file by another spelling", () => join(dir, ".", "..", basename(dir), "claims.xlsx")],
    ["a symbolic link to it", (p: string) => (symlinkSync(p, join(dir, "link.xlsx")), join(dir, "link.xlsx"))],
    ["a hard link to it", (p: string) => (linkSync(p, join(dir, "hard.xlsx")), join(dir, "hard.xlsx"))],
  ])("refuses %s as --out, even with --force: exit 2, one line, input unchanged", async (_what, target) => {
    const out = target(input);
    const r = await cli(input, "--out", out, "--force");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^ecm: --out .* is the input file .*: the original is never overwritten; write the copy elsewhere\n$/);
    expect(hash(input)).toBe(before);
  });

  it("refuses an existing file unless --force, then replaces it", async () => {
    const out = join(dir, "existing.xlsx");
    writeFileSync(out, "keep me");
    const refused = await cli(input, "--out", out);
    expect([refused.code, refused.err]).toEqual([
      2,
      `ecm: --out ${out} already exists: choose another name, or add --force to replace it\n`,
    ]);
    expect(readFileSync(out, "utf8")).toBe("keep me");
    const forced = await cli(input, "--out", out, "--force", "--format", "json");
    expect(forced.code).toBe(1);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");
  });

  it("checks --out before reading the input (a folder that does not exist, a folder, a wrong extension)", async () => {
    const missingInput = join(dir, "not-read-yet.xlsx"); // never opened: the --out problem comes first
    for (const [out, message] of [
      [join(dir, "no-such-folder", "copy.xlsx"), `ecm: --out: the folder ${join(dir, "no-such-folder")} does not exist\n`],
      [dir, `ecm: --out must end in .xlsx or .csv, not "(none)": ${dir}\n`],
      [join(dir, "copy.txt"), `ecm: --out must end in .xlsx or .csv, not ".txt": ${join(dir, "copy.txt")}\n`],
    ] as const) {
      const r = await cli(missingInput, "--out", out);
      expect([r.code, r.err]).toEqual([2, message]);
    }
    mkdirSync(join(dir, "a-folder.xlsx"));
    const folder = await cli(missingInput, "--out", join(dir, "a-folder.xlsx"), "--force");
    expect(folder.err).toBe(`ecm: --out: ${join(dir, "a-folder.xlsx")} is a folder; give a file name ending in .xlsx or .csv\n`);
  });

  it("writes through a temporary file: a failed write leaves the target as it was and no temporary file behind", async () => {
    const out = join(dir, "target.csv");
    writeFileSync(out, "old,contents\n");
    await expect(
      writeReplacing(out, async (temp) => {
        writeFileSync(temp, "half a fi");
        throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    expect(readFileSync(out, "utf8")).toBe("old,contents\n");
    expect(readdirSync(dir).filter((f) => f.includes(".tmp"))).toEqual([]);
    await writeReplacing(out, async (temp) => writeFileSync(temp, "new\n"));
    expect(readFileSync(out, "utf8")).toBe("new\n");
  });

  it("resolves relative paths against the folder the user ran the command from (INIT_CWD under npm run)", async () => {
    const r = await cliIn(dir, "claims.xlsx", "--out", "from-init-cwd.xlsx", "--format", "json");
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, "from-init-cwd.xlsx"))).toBe(true);
  });
});

describe("the annotated copy never overwrites a column of the user's", () => {
  it("puts the results after the user's own 'ECM Status', Notes and Reviewer columns and changes none of their cells", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ecm-own-"));
    const input = join(WORKBOOKS, "openpyxl-user-status-column.xlsx");
    const out = join(dir, "copy.xlsx");
    const r = await cli(input, "--out", out, "--format", "json");
    expect(r.code).toBe(1);
    const original = await cellsOf(input);
    const copy = await cellsOf(out);
    for (const [address, value] of original) expect([address, copy.get(address)]).toEqual([address, value]);
    // A..I claims, J "ECM Status" (the user's), K Notes, L Reviewer; the results in M..P.
    expect([copy.get("J1"), copy.get("J2"), copy.get("K2"), copy.get("L3")]).toEqual([
      '"ECM Status"',
      '"to check"',
      '"called plan 3/4"',
      '"Ana"',
    ]);
    expect(["M1", "N1", "O1", "P1"].map((a) => copy.get(a))).toEqual(['"ECM Status"', '"ECM Rules"', '"ECM Message"', '"ECM Expected"']);
    expect(["M2", "M3", "M4"].map((a) => copy.get(a))).toEqual(['"OK"', '"ERROR"', '"WARN"']);
    const csv = join(dir, "copy.csv");
    await cli(input, "--out", csv);
    const lines = readFileSync(csv, "utf8").trim().split("\n");
    expect(lines[0]).toBe(
      "Member ID,Date of Service,HCPCS,Modifiers,Units,Billed Amount,TAR Number,ECM Enrollment Date,Outreach Method,ECM Status,Notes,Reviewer,ECM Status,ECM Rules,ECM Message,ECM Expected",
    );
    expect(lines[1]?.split(",").slice(9, 13)).toEqual(["to check", "called plan 3/4", "Maria", "OK"]);
  });

  it("puts the results right of merged ranges they would fall in, on both copy writers, changing none of the user's cells", async () => {
    // I4:K4 holds row 4's Outreach Method, A6:M6 a footer; the data ends at column I. Results in J..M
    // replaced both: a value written into a merged range's cell is the range's value.
    const input = join(WORKBOOKS, "openpyxl-merged-beside-claims.xlsx");
    const original = await cellsOf(input);
    expect([original.get("I4"), original.get("A6")]).toEqual(['"Phone call"', '"Prepared by the billing team"']);
    const [full, streamed] = await copiesByBothWriters(input);
    for (const out of [full, streamed]) {
      const copy = await cellsOf(out);
      for (const [address, value] of original) expect([out, address, copy.get(address)]).toEqual([out, address, value]);
      expect(["N1", "N2", "N3", "N4", "Q4"].map((a) => copy.get(a))).toEqual(['"ECM Status"', '"OK"', '"ERROR"', '"WARN"', "5"]);
      expect(["J1", "J4", "M6"].map((a) => copy.get(a))).toEqual([undefined, '"Phone call"', '"Prepared by the billing team"']);
      expect(await mergesOf(out)).toEqual(["I4:K4", "A6:M6"]);
    }
  });

  it("keeps control characters, a carriage return, DEL and a typed _x0030_ as Excel writes them, on both copy writers (ExcelJS dropped or changed them)", async () => {
    // XlsxWriter writes them as Excel does (ECMA-376 22.9.2.19): _x0007_, _x000D_, DEL as itself, _x005F_x0030_; so must the copy.
    const input = join(WORKBOOKS, "xlsxwriter-control-characters.xlsx");
    const [full, streamed] = await copiesByBothWriters(input);
    const notes = (await loadSheet(input, { sheet: "Notes" })).grid.map((r) => r[0]);
    expect(notes).toEqual(["called twice\r\nno answer", "bell\u0007 and escape\u001b", "DEL\u007f", "typed _x0030_ as is", "tab\tthere"]);
    for (const out of [full, streamed]) {
      expect([out, (await loadSheet(out, { sheet: "Notes" })).grid.map((r) => r[0])]).toEqual([out, notes]);
      expect([out, (await loadSheet(out, { sheet: "Claims" })).grid[2]?.[0]]).toEqual([out, "90000001A\r"]);
      const parts = await readParts(readFileSync(out));
      const xml = [
        await parts.text("xl/sharedStrings.xml"),
        await parts.text("xl/worksheets/sheet1.xml"),
        await parts.text("xl/worksheets/sheet2.xml"),
      ].join("");
      for (const written of ["_x000D_", "_x0007_", "_x001B_", "DEL\u007f", "typed _x005F_x0030_ as is"])
        expect([out, xml]).toEqual([out, expect.stringContaining(written)]);
    }
  });

  it('keeps number formats as written, backslashes and all (0\\ \\" became an unclosed quote, an escaped s a date code)', async () => {
    const input = join(WORKBOOKS, "openpyxl-escaped-number-formats.xlsx");
    const copy = await copyOf("openpyxl-escaped-number-formats.xlsx");
    const codes = async (file: string) => {
      const styles = (await (await readParts(readFileSync(file))).text("xl/styles.xml")) ?? "";
      return [...styles.matchAll(/formatCode="([^"]*)"/g)].map((m) => m[1]);
    };
    const written = await codes(input);
    expect(written).toEqual(expect.arrayContaining(["0\\ \\v\\i\\s\\i\\t\\(\\s\\)", "#,##0.00\\ \\u\\s\\d", "0\\ \\&quot;"]));
    expect(await codes(copy)).toEqual(expect.arrayContaining(written.filter((c) => c !== "yyyy-mm-dd")));
    const back = (await loadSheet(copy)).grid;
    expect([back[1]?.[4], back[1]?.[5]]).toEqual([1, 400]);
  });

  it("writes a CSV's control characters, DEL and a typed _x0030_ into its .xlsx copy as Excel would (a CSV's copy never loads a workbook model)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ecm-csv-xstring-"));
    const input = join(dir, "claims.csv");
    const method = ["bell\u0007 call", "DEL\u007f", "typed _x0030_"];
    writeFileSync(
      input,
      [
        "Member ID,Date of Service,HCPCS,Modifiers,Units,Billed Amount,TAR Number,Outreach Method",
        ...method.map((m, k) => `9000000${k}A,2026-03-0${k + 2},G9008,U8,1,5,,${m}`),
      ].join("\n"),
    );
    const copy = join(dir, "copy.xlsx");
    expect((await cli(input, "--out", copy)).code).toBeLessThan(2);
    expect((await loadSheet(copy)).grid.slice(1).map((r) => r[7])).toEqual(method);
  });

  it('keeps a link on a cell that holds a date or a number, and the cell\'s type (the number 400 was written as the text "400")', async () => {
    const input = join(WORKBOOKS, "openpyxl-linked-cells.xlsx");
    const out = join(mkdtempSync(join(tmpdir(), "ecm-links-")), "copy.xlsx");
    expect((await cli(input, "--out", out)).code).toBe(1);
    const original = await cellsOf(input);
    const copy = await cellsOf(out);
    for (const [address, value] of original) expect([address, copy.get(address)]).toEqual([address, value]);
    // The copy's XML: each cell as it was (a date serial, a number, a string) and its link.
    const parts = await readParts(readFileSync(out));
    const sheet = (await parts.text("xl/worksheets/sheet1.xml")) as string;
    const rels = (await parts.text("xl/worksheets/_rels/sheet1.xml.rels")) as string;
    expect(
      ["B2", "F3", "A4"].map((a) => /<c r="([A-Z]+\d+)"(?: s="\d+")?( t="\w+")?>/.exec(sheet.slice(sheet.indexOf(`<c r="${a}"`)))?.[2]),
    ).toEqual([
      undefined, // a number (the date's serial, with its date format)
      undefined,
      ' t="s"',
    ]);
    const targets = [...sheet.matchAll(/<hyperlink ref="(\w+)" r:id="(\w+)"/g)].map(([, ref, id]) => [
      ref,
      new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1],
    ]);
    expect(targets.sort()).toEqual([
      ["A4", "https://portal.example/members/90000002B"],
      ["B2", "https://portal.example/claims/2"],
      ["F3", "https://portal.example/receipts/3"],
    ]);
  });

  it("re-uses the columns of its own earlier run instead of adding more", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ecm-again-"));
    const first = join(dir, "first.xlsx");
    const second = join(dir, "second.xlsx");
    await cli(join(WORKBOOKS, "openpyxl-user-status-column.xlsx"), "--out", first);
    await cli(first, "--out", second);
    const copy = await cellsOf(second);
    expect(["M1", "Q1"].map((a) => copy.get(a))).toEqual(['"ECM Status"', undefined]);
  });
});

describe("the annotated copy of a workbook with an Excel Table", () => {
  it.each([
    // The Total Row's SUBTOTAL formulas were never calculated (openpyxl): the row says so (ERROR, ECM-CELL-ERROR).
    [
      "openpyxl-table-total-row.xlsx",
      "relationship targets from the package root (/xl/tables/table1.xml), which ExcelJS's loader could not follow",
      '"ERROR"',
    ],
    // Recalculated by LibreOffice: the Total Row is no claim line and gets no verdict.
    ["libreoffice-table-total-row.xlsx", "a Table without <tableStyleInfo>, which ExcelJS's writer could not write", undefined],
  ])("%s (%s): written, every cell kept", async (file, _why, totalRowStatus) => {
    const dir = mkdtempSync(join(tmpdir(), "ecm-table-"));
    const input = join(WORKBOOKS, file);
    const out = join(dir, "copy.xlsx");
    const r = await cli(input, "--out", out, "--format", "json");
    expect(r.err).toBe("");
    expect(r.code).toBe(1);
    const original = await cellsOf(input);
    const copy = await cellsOf(out);
    for (const [address, value] of original) expect([address, copy.get(address)]).toEqual([address, value]);
    expect(["J1", "J2", "J3", "J4", "J5"].map((a) => copy.get(a))).toEqual(['"ECM Status"', '"OK"', '"ERROR"', '"WARN"', totalRowStatus]);
    // The Table keeps its filter buttons (ExcelJS alone hid all nine).
    expect(await filterButtons(out)).toEqual(Array.from({ length: 9 }, () => true));
  });

  it("keeps hidden filter buttons hidden (exceljs-claims.xlsx was written with every button hidden)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ecm-table-"));
    const out = join(dir, "copy.xlsx");
    await cli(join(WORKBOOKS, "exceljs-claims.xlsx"), "--out", out);
    expect(await filterButtons(out)).toEqual(Array.from({ length: 9 }, () => false));
  });

  it("reads which filter buttons a table part hides, by column", () => {
    const xml =
      '<table><autoFilter ref="A1:D9"><filterColumn colId="1" hiddenButton="1"/><filterColumn colId="3"><filters><filter val="x"/></filters></filterColumn>' +
      '<filterColumn colId="2" hiddenButton="0"/></autoFilter></table>';
    expect([...hiddenFilterButtons(xml)]).toEqual([1]);
    expect([...hiddenFilterButtons('<autoFilter ref="A1:I5"/>')]).toEqual([]);
  });
});

/** The filter buttons of the first Table of a workbook's first sheet, as its table part says (read with the CLI's patches). */
async function filterButtons(file: string): Promise<(boolean | undefined)[]> {
  const wb = new ExcelJS.Workbook();
  patchFullModelRelationships(wb.xlsx);
  patchTableFilterButtons(wb.xlsx);
  await wb.xlsx.readFile(file);
  const tables = (wb.worksheets[0] as unknown as { tables: Record<string, { table: { columns: { filterButton?: boolean }[] } }> }).tables;
  return (Object.values(tables)[0]?.table.columns ?? []).map((c) => c.filterButton);
}

describe("workbooks written by openpyxl/pandas (tests/fixtures/workbooks/make_openpyxl.py)", () => {
  it("reads them, with and without --out, to the same verdicts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ecm-pd-"));
    const input = join(WORKBOOKS, "openpyxl-claims.xlsx");
    const plain = await cli(input, "--format", "json");
    const copied = await cli(input, "--format", "json", "--out", join(dir, "copy.xlsx"));
    expect(plain.err).toBe("");
    expect(plain.code).toBe(1);
    expect(JSON.parse(plain.out).summary).toMatchObject({ rows: 3, ok: 1, warn: 1, error: 1 });
    expect(copied.out).toBe(plain.out);
  });

  it("counts rows of formulas saved without values and says to open and save the workbook in Excel, on both paths", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ecm-f-"));
    const input = join(WORKBOOKS, "openpyxl-formulas-without-values.xlsx");
    const plain = await cli(input, "--format", "json");
    const copied = await cli(input, "--format", "json", "--out", join(dir, "copy.xlsx"));
    const report = JSON.parse(plain.out) as {
      summary: { rows: number; error: number };
      rows: { row: number; findings: { rule: string; message: string }[] }[];
    };
    expect(report.summary).toMatchObject({ rows: 3, error: 2 });
    const row4 = report.rows.find((r) => r.row === 4);
    expect(row4?.findings).toEqual([
      expect.objectContaining({
        rule: "ECM-CELL-ERROR",
        message:
          'Member ID holds a formula without a calculated value ("=A2") (and 6 more cells of this line): open the workbook in Excel and save it, then validate.',
      }),
    ]);
    expect(copied.out).toBe(plain.out);
  });

  it.each(["openpyxl-data-validation.xlsx", "libreoffice-data-validation.xlsx"])(
    "keeps %s's data validations as written: each range once, none overlapping",
    async (file) => {
      const copy = await copyOf(file);
      /** Each rule's ranges, type and first formula, one line per range, sorted. */
      const rules = async (xlsx: string): Promise<string[]> =>
        [...(await sheetXml(xlsx)).matchAll(/<dataValidation\b([^>]*)>\s*<formula1>([^<]*)<\/formula1>/g)]
          .flatMap(([, attributes, formula]) => {
            const sqref = /\ssqref="([^"]*)"/.exec(attributes as string)?.[1] ?? "";
            const type = /\stype="([^"]*)"/.exec(attributes as string)?.[1];
            return sqref.split(" ").map((range) => `${range} ${type} ${formula as string}`);
          })
          .sort();
      const source = await rules(join(WORKBOOKS, file));
      expect(source).toHaveLength(4); // C2:C100, E2:E…, G2:G5, G8:G9
      expect(await rules(copy)).toEqual(source);
    },
  );

  it.each(["openpyxl-conditional-formatting.xlsx", "libreoffice-conditional-formatting.xlsx"])(
    "keeps %s's conditional formatting rules with their attributes and formulas",
    async (file) => {
      const copy = await copyOf(file);
      /** Each rule as "range: attributes | formulas", in order; dxfId and priority are the copy's own numbering. */
      const rules = async (xlsx: string): Promise<string[]> => {
        const xml = await sheetXml(xlsx);
        return [...xml.matchAll(/<conditionalFormatting sqref="([^"]*)">([\s\S]*?)<\/conditionalFormatting>/g)].flatMap(([, sqref, body]) =>
          [...(body as string).matchAll(/<cfRule\b([^>]*?)(?:\/>|>([\s\S]*?)<\/cfRule>)/g)].map(([, attributes, content]) => {
            const attrs = [...(attributes as string).matchAll(/(\w+)="([^"]*)"/g)].filter(
              ([, name]) => name !== "dxfId" && name !== "priority",
            );
            const type = attrs.find(([, name]) => name === "type")?.[2] ?? "";
            // Data bars, colour scales and icon sets are ExcelJS's to write: their type is compared.
            if (["dataBar", "colorScale", "iconSet"].includes(type)) return `${sqref as string}: ${type}`;
            const formulas = [...(content ?? "").matchAll(/<formula>([^<]*)<\/formula>/g)].map(([, f]) => f as string);
            const listed = attrs.map(([, name, value]) => `${name}=${value as string}`).sort();
            return `${sqref as string}: ${listed.join(" ")} | ${formulas.join(" ; ")}`;
          }),
        );
      };
      const source = await rules(join(WORKBOOKS, file));
      expect(source).toHaveLength(9);
      expect(source.filter((r) => /type=(duplicateValues|uniqueValues)/.test(r))).toHaveLength(2);
      expect(await rules(copy)).toEqual(source);
    },
  );

  it("keeps an Excel Table's calculated-column formula, and every column after it", async () => {
    const file = "openpyxl-table-calculated-column.xlsx";
    const copy = await copyOf(file);
    const columns = async (xlsx: string): Promise<string[]> => {
      const xml = (await (await readParts(readFileSync(xlsx))).text("xl/tables/table1.xml")) ?? "";
      return [...xml.matchAll(/<tableColumn\b[^>]*\bname="([^"]*)"[^>]*?(?:\/>|>([\s\S]*?)<\/tableColumn>)/g)].map(
        ([, name, content]) => `${name as string}${content === undefined ? "" : ` ${content}`}`,
      );
    };
    const source = await columns(join(WORKBOOKS, file));
    expect(source).toHaveLength(10);
    expect(source[6]).toBe(
      "Line Total <calculatedColumnFormula>Claims[[#This Row],[Billed Amount]]*Claims[[#This Row],[Units]]</calculatedColumnFormula>",
    );
    expect(await columns(copy)).toEqual(source);
  });

  it("keeps the formulas of a recalculated workbook in the copy, dates and zero results among them, and reads their values", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ecm-f-"));
    const input = join(WORKBOOKS, "libreoffice-formula-results.xlsx");
    const copy = join(dir, "copy.xlsx");
    const r = await cli(input, "--format", "json", "--out", copy);
    const rows = (JSON.parse(r.out) as { rows: { row: number; status: string; findings: { message: string }[] }[] }).rows;
    // Row 3's Paid Amount is IFERROR(VLOOKUP(…),0), found nothing: $0 paid, not a formula without a value.
    expect(rows.find((x) => x.row === 3)?.findings.map((f) => f.message)).toEqual([
      "Paid Amount $0.00 is $5.00 short of the expected $5.00: follow up with the plan for the shortfall.",
    ]);
    const cells = await cellsOf(copy);
    expect(JSON.parse(cells.get("B2") as string)).toMatchObject({ formula: "DATE(2026,3,2)" });
    expect(JSON.parse(cells.get("B5") as string)).toMatchObject({ formula: "B2+18" });
    expect(JSON.parse(cells.get("J4") as string)).toMatchObject({ formula: "400-400" });
    expect(JSON.parse(cells.get("G3") as string)).toMatchObject({ formula: 'IFERROR(VLOOKUP(A3,Lookup!$A$2:$C$3,2,FALSE()),"")' });
    // The copy keeps each formula's saved value, "" among them: validated again, it gives the same verdicts.
    const again = await cli(copy, "--format", "json");
    const statuses = (out: string) =>
      (JSON.parse(out) as { rows: { row: number; status: string }[] }).rows.map((x) => `${x.row} ${x.status}`);
    expect(statuses(again.out)).toEqual(statuses(r.out));
    expect(statuses(r.out)).toEqual(["2 OK", "3 WARN", "4 WARN", "5 WARN"]);
  });
});

describe("a CSV copy of any claims file (property)", () => {
  it("keeps every cell of the input as written, and puts beside each line the verdict the report gives", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ecm-copy-prop-"));
    const header = ["Member ID", "Date of Service", "HCPCS", "Modifiers", "Billed Amount", "TAR Number", "Outreach Method", "Notes"];
    const line = fc.tuple(
      fc.constantFrom("90000001A", "90000002B", " 90000001a", "TBD", ""),
      fc.constantFrom("2026-03-02", "3/20/2026", "02.03.2026", "15-ago-26", "", "2026-02-30"),
      fc.constantFrom("G9008", "G9012", "G9007", "x"),
      fc.constantFrom("U1", "U8", "U8, GQ", "", "GQ U1"),
      fc.constantFrom("400", "5", "150", "$400.00", "-5", "", "4,50", "NA"),
      fc.constantFrom("TAR-1", "N/A", "", '="00123"'),
      fc.constantFrom("Phone call", "mass mailing; flyer", "", "=HYPERLINK(1)"),
      fc.string({ maxLength: 12 }),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 15 }), fc.constantFrom(",", ";"), async (lines, delimiter) => {
        run++;
        const input = join(dir, `in-${run}.csv`);
        const copy = join(dir, `copy-${run}.csv`);
        const written = stringify([header, ...lines], { delimiter, quoted_match: /[\r\n]/ });
        writeFileSync(input, written);
        const report = await cli(input, "--format", "json", "--out", copy, "--as-of", "2026-06-30");
        expect(report.code).not.toBe(2);
        expect(readFileSync(input, "utf8")).toBe(written); // the input is never written
        const original = parse(written, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
        const back = parse(readFileSync(copy, "utf8"), { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
        expect(back.map((cells) => cells.slice(0, header.length))).toEqual(original);
        const statuses = new Map(
          (JSON.parse(report.out) as { rows: { row: number; status: string }[] }).rows.map((r) => [r.row, r.status]),
        );
        back.slice(1).forEach((cells, i) => expect(cells[header.length] ?? "").toBe(statuses.get(i + 2) ?? ""));
      }),
      { numRuns: 60 },
    );
  });
});

describe("an .xlsx copy of any claims workbook (property)", () => {
  it("keeps every cell of the input's sheet, and puts beside each line the status the report gives", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ecm-xlsx-prop-"));
    const header = ["Member ID", "Date of Service", "HCPCS", "Modifiers", "Billed Amount", "TAR Number", "Notes"];
    const line = fc.tuple(
      fc.constantFrom("90000001A", "90000002B", "TBD", null),
      fc.constantFrom(new Date(Date.UTC(2026, 2, 2)), new Date(Date.UTC(2026, 6, 15)), "2026-03-20", null),
      fc.constantFrom("G9008", "G9012", "G9007"),
      fc.constantFrom("U1", "U8", "U8 GQ", null),
      fc.constantFrom(400, 5, 150, "$400.00", -5, null),
      fc.constantFrom("TAR-1", "N/A", null, 12345),
      fc.oneof(fc.constant(null), fc.string({ maxLength: 10 }), fc.integer(), fc.boolean()),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 12 }), async (lines) => {
        run++;
        const input = join(dir, `in-${run}.xlsx`);
        const copy = join(dir, `copy-${run}.xlsx`);
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet("Claims");
        [header, ...lines].forEach((cells, r) => cells.forEach((v, c) => v !== null && v !== "" && (ws.getCell(r + 1, c + 1).value = v)));
        await wb.xlsx.writeFile(input);
        const before = readFileSync(input);
        const report = await cli(input, "--format", "json", "--out", copy, "--as-of", "2026-06-30");
        expect(report.code).not.toBe(2);
        expect(readFileSync(input).equals(before)).toBe(true);
        const read = async (file: string) => {
          const book = new ExcelJS.Workbook();
          await book.xlsx.readFile(file);
          const sheet = book.getWorksheet("Claims") as ExcelJS.Worksheet;
          return Array.from({ length: lines.length + 1 }, (_, r) =>
            Array.from({ length: header.length + 1 }, (_, c) => {
              const v = sheet.getCell(r + 1, c + 1).value;
              return v instanceof Date ? v.toISOString() : (v ?? null);
            }),
          );
        };
        const [original, back] = [await read(input), await read(copy)];
        expect(back.map((cells) => cells.slice(0, header.length))).toEqual(original.map((cells) => cells.slice(0, header.length)));
        const statuses = new Map(
          (JSON.parse(report.out) as { rows: { row: number; status: string }[] }).rows.map((r) => [r.row, r.status]),
        );
        back.slice(1).forEach((cells, i) => expect(cells[header.length]).toBe(statuses.get(i + 2) ?? null));
      }),
      { numRuns: 25 },
    );
  }, 30_000);
});
