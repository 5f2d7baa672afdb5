/**
 * Every case of the hostile-input catalogue (tests/fixtures/hostile/catalogue.ts) through the
 * CLI: the exit code, exactly one stderr line without a stack trace for exit 2, the verdicts for
 * exit 0/1, and the input file byte-for-byte unchanged afterwards. Plus a fuzz test of the CSV
 * and .xlsx readers over random, truncated and mutated files.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";
import { CASES, type HostileCase } from "./fixtures/hostile/catalogue";

const root = mkdtempSync(join(tmpdir(), "ecm-hostile-"));
const hashOf = (file: string): string | undefined =>
  existsSync(file) && lstatSync(file).isFile() ? createHash("sha256").update(readFileSync(file)).digest("hex") : undefined;

function prepare(c: HostileCase): { dir: string; file: string } {
  const dir = join(root, c.name);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, c.file);
  if (c.fixture !== undefined) copyFileSync(join("tests/fixtures/workbooks", c.fixture), file);
  else if (c.content !== undefined) writeFileSync(file, typeof c.content === "function" ? c.content() : c.content);
  if (c.setup === "symlink-out") symlinkSync(file, join(dir, "link.csv"));
  if (c.setup === "hardlink-out") linkSync(file, join(dir, "hard.csv"));
  if (c.setup === "existing-out") writeFileSync(join(dir, "existing.csv"), "someone's file\n");
  if (c.setup === "folder-out") mkdirSync(join(dir, "folder.xlsx"));
  if (c.setup === "folder-input") mkdirSync(file);
  if (c.setup === "fifo-input") execFileSync("mkfifo", [file]);
  return { dir, file };
}

describe("hostile inputs (tests/fixtures/hostile/catalogue.ts)", () => {
  it("has at least 60 cases with unique names, in every class", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
    expect(new Set(CASES.map((c) => c.class)).size).toBe(6);
  });

  it.each(CASES.map((c) => [`${c.class}: ${c.name}`, c] as const))(
    "%s",
    async (_title, c) => {
      const { dir, file } = prepare(c);
      const before = hashOf(file);
      const args = (c.args ?? []).map((a) => a.replace("{dir}", dir).replace("{file}", file));
      const r = await cli(file, "--format", "json", ...args);
      // On a wrong exit code the stderr line shows in the failure.
      expect({ code: r.code, err: r.code === c.exit && c.exit === 2 ? "" : r.err }).toEqual({ code: c.exit, err: "" });
      if (c.exit === 2) {
        expect(r.err.split("\n")).toHaveLength(2); // one line
        expect(r.err).toMatch(/^ecm: /);
        expect(r.err).not.toMatch(/\n\s+at /);
        if (c.error !== undefined) expect(r.err).toMatch(c.error);
      } else {
        const report = JSON.parse(r.out) as {
          rows: { row: number; status: string; findings: { rule: string }[] }[];
          summary: { rows: number };
        };
        const lines = report.rows.map((x) => `${x.row} ${x.status} ${x.findings.map((f) => f.rule).join(",")}`.trim());
        for (const expected of c.rows ?? []) expect(lines).toContain(expected);
        if (c.count !== undefined) expect(report.summary.rows).toBe(c.count);
      }
      expect(hashOf(file)).toBe(before); // the input is never changed
    },
    30_000,
  );
});

describe("fuzzing the readers", () => {
  /** A small deterministic generator (mulberry32), so a failure can be replayed. */
  function random(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const sources = [
    "assets/sample-claims.xlsx",
    "tests/fixtures/workbooks/openpyxl-claims.xlsx",
    "assets/sample-claims.csv",
    "tests/fixtures/workbooks/debian/excel-online-color-tabs.xlsx", // sheets before shared strings in the zip
    "tests/fixtures/workbooks/debian/google-sheets-export-five-sheets.xlsx", // no docProps, drawings
  ];

  it("answers every random, truncated or mutated file with exit 2 and one line, or a report — never a stack trace, a hang or a silent exit 0", () => {
    // The compiled CLI in its own process: a reader left waiting on a damaged zip must end in exit 2, not hang or exit 0.
    const next = random(20261201);
    const dir = join(root, "fuzz");
    mkdirSync(dir, { recursive: true });
    let reports = 0;
    for (let k = 0; k < 60; k++) {
      const source = readFileSync(sources[k % sources.length] as string);
      let bytes: Buffer;
      const kind = k % 4;
      if (kind === 0) bytes = Buffer.from(Array.from({ length: 1 + Math.floor(next() * 5000) }, () => Math.floor(next() * 256)));
      else if (kind === 1) bytes = source.subarray(0, Math.floor(next() * source.length));
      else {
        bytes = Buffer.from(source);
        for (let m = 0; m < 1 + kind * 8; m++) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
      }
      const ext = (sources[k % sources.length] as string).endsWith(".csv") ? ".csv" : ".xlsx";
      const file = join(dir, `case-${k}${ext}`);
      writeFileSync(file, bytes);
      const before = hashOf(file);
      const r = spawnSync(process.execPath, ["bin/ecm-claims.js", file, "--format", "json", "--as-of", "2026-06-30"], {
        encoding: "utf8",
        timeout: 20_000,
      });
      expect({ k, signal: r.signal, status: [0, 1, 2].includes(r.status as number) }).toEqual({ k, signal: null, status: true });
      if (r.status === 2) {
        expect(r.stderr.split("\n")).toHaveLength(2);
        expect(r.stderr).not.toMatch(/\n\s+at /);
      } else {
        reports++;
        expect(r.stderr).toBe("");
        expect(() => JSON.parse(r.stdout)).not.toThrow();
      }
      expect(hashOf(file)).toBe(before);
    }
    expect(reports).toBeGreaterThan(0); // some mutated files still read: the readers were exercised, not just refused
  }, 300_000);
});
