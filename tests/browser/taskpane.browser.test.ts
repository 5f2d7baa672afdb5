/**
 * The built task pane in headless Chromium, with Office.js replaced by the in-memory Excel
 * stand-in holding the sample claims: click Validate, check the cells written and the summary
 * shown, and that no request left localhost. Screenshots go to test-results/.
 * Needs Chromium (Debian: apt-get install chromium); run with `npm run test:browser`.
 */
import { dayFirstTextNote } from "../../src/shared/report-text";
import { createServer, type Server } from "node:http";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import type { AxeResults } from "axe-core";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import webpack from "webpack";
import { chromium, type Browser, type Page } from "playwright-core";
import { SAMPLE_EXPECTED_TEXT, SAMPLE_TOTALS, sampleRows } from "../helpers/sample-sheet";

/**
 * axe-core's script (https://github.com/dequelabs/axe-core), run in the page to check it. Evaluated
 * through the DevTools protocol: the pane's Content-Security-Policy refuses inline script tags.
 */
const AXE_JS = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "text/xml",
};

function buildStub(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), "ecm-stub-"));
  return new Promise((resolve, reject) => {
    webpack(
      {
        mode: "development",
        devtool: false,
        target: "web",
        entry: "./tests/browser/office-stub.ts",
        output: { path: out, filename: "office-stub.js" },
        resolve: { extensions: [".ts", ".js"] },
        module: { rules: [{ test: /\.ts$/, use: { loader: "ts-loader", options: { transpileOnly: true } } }] },
      },
      (err, stats) =>
        err || stats?.hasErrors()
          ? reject(err ?? new Error(stats?.toString()))
          : resolve(readFileSync(join(out, "office-stub.js"), "utf8")),
    );
  });
}

function serve(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? "/").split("?")[0] ?? "/")).replace(/^(\.\.[/\\])+/, "");
    const file = join(root, path === "/" ? "taskpane.html" : path);
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })),
  );
}

describe("task pane in headless Chromium", () => {
  let browser: Browser;
  let server: Server;
  let base: string;
  let officeStub: string;
  const external: string[] = [];
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync("dist/taskpane.html")) throw new Error("dist/ is missing: npm run test:browser builds it first");
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
    const sample = await sampleRows();
    officeStub = `window.__ECM_SAMPLE__ = ${JSON.stringify(sample)};\n${await buildStub()}`;
    ({ server, url: base } = await serve(join(process.cwd(), "dist")));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    });
    mkdirSync("test-results", { recursive: true });
  }, 120_000);

  afterEach(() => {
    const errors = [...pageErrors.splice(0), ...consoleErrors.splice(0)];
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  async function open(query = ""): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 380, height: 1400 } });
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    // A script that throws while loading (functions.js without CustomFunctions, …) fails the test.
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.route("**/*", async (route) => {
      const url = route.request().url();
      if (url.startsWith(base)) return route.continue();
      if (url === OFFICE_JS) return route.fulfill({ status: 200, contentType: "text/javascript", body: officeStub });
      external.push(url);
      return route.abort();
    });
    await page.goto(`${base}/taskpane.html${query}`);
    await page.waitForFunction(() => document.getElementById("target")?.textContent?.includes("header in row 1"));
    return page;
  }

  it("finds the columns, validates on click, writes the cells and shows the summary", async () => {
    const page = await open();
    expect(await page.inputValue("#col-member")).toBe("Member ID");
    expect(await page.inputValue("#col-tar")).toBe("TAR Number");
    await page.fill("#as-of", "2026-06-30");
    await page.click("#validate");
    await page.waitForSelector("#results:not([hidden]) .stats");
    const stats = await page.$$eval(".stat", (els) => els.map((e) => e.textContent));
    const t = SAMPLE_TOTALS;
    expect(stats).toEqual([
      `Rows checked${t.rows}`,
      `Errors${t.error}`,
      `Warnings${t.warn}`,
      `OK${t.ok}`,
      `Expected${SAMPLE_EXPECTED_TEXT}`,
    ]);
    expect(await page.textContent("#message")).toContain(`${t.rows} rows checked: ${t.error} errors, ${t.warn} warnings.`);
    // Lines need attention: a yellow warning bar, not the green one an analyst reads as "nothing to fix".
    expect(await page.getAttribute("#message", "class")).toBe("message warn");
    const cells = await page.evaluate(() => {
      const w = window as unknown as { __book: { sheet(n: string): { get(r: number, c: number): unknown } } };
      const s = w.__book.sheet("Claims");
      return [s.get(0, 10), s.get(1, 10), s.get(6, 10), s.get(6, 11), s.get(9, 13)];
    });
    expect(cells).toEqual(["ECM Status", "OK", "ERROR", "ECM-OUTREACH-30D", 400]);

    // Findings grouped by rule (errors first, the most frequent first); clicking one selects its row in the sheet.
    const firstRule = page.locator("details.rule").first();
    expect(await firstRule.locator("summary").textContent()).toContain("ECM-TAR");
    await firstRule.locator("summary").click();
    // Opened, the group first says when the rule fires, then lists its lines.
    expect(await firstRule.locator("p.when").textContent()).toMatch(
      /^When it fires: the rate row requires a TAR and the TAR cell is empty/,
    );
    await firstRule.locator("button.finding").first().click(); // row 18: the PEPM line without a TAR
    await page.waitForFunction(
      () => (window as unknown as { __book: { selection: { block: { row: number } } } }).__book.selection.block.row === 17,
    );
    await page.screenshot({ path: "test-results/taskpane.png", fullPage: true });

    expect(external).toEqual([]);
  }, 60_000);

  it("shows the rate table in use and inserts the default one as an editable Table", async () => {
    const page = await open();
    await page.waitForFunction(() => document.getElementById("rates-status")?.textContent?.startsWith("Built-in rate table"));
    await page.click("#insert-rates");
    await page.waitForFunction(() => document.getElementById("rates-status")?.textContent?.startsWith("Table ECM_Rates in this workbook"));
    expect(await page.isHidden("#insert-rates")).toBe(true);
    expect(await page.textContent("#message")).toContain("Inserted the default rate table as Table ECM_Rates");
    const tables = await page.evaluate(() =>
      (window as unknown as { __book: { tables: { name: string }[] } }).__book.tables.map((t) => t.name),
    );
    expect(tables).toEqual(["ECM_Rates", "ECM_Limits"]);
    await page.fill("#as-of", "2026-06-30");
    await page.click("#validate");
    await page.waitForSelector("#results:not([hidden]) table.months");
    expect(await page.textContent("table.months caption")).toBe("By service month");
    expect(await page.textContent("#rates-status")).toMatch(/^Table ECM_Rates in this workbook/);
    await page.screenshot({ path: "test-results/taskpane-rates.png", fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);

  // Office's default task pane widths: 350 px in Excel on the web, 320 px on Windows, 270 px on Mac
  // (https://learn.microsoft.com/javascript/api/office/office.taskpane, "setWidth": "The default width
  // of the task pane of an add-in varies depending on the platform"). The pane must not scroll sideways
  // at any of them; the month table, the widest thing in it (eight columns with Plan and Paid Amount),
  // scrolls within its own box.
  it.each([350, 320, 270])(
    "fits a %d px wide pane: only the month table scrolls sideways",
    async (width) => {
      const page = await open();
      await page.setViewportSize({ width, height: 1400 });
      type Book = { __book: { sheet(n: string): { get(r: number, c: number): unknown; set(r: number, c: number, v: unknown): void } } };
      await page.evaluate(() => {
        const s = (window as unknown as Book).__book.sheet("Claims");
        s.set(0, 10, "Plan");
        s.set(0, 11, "Paid Amount");
        for (let r = 1; r <= 60; r++) {
          if (s.get(r, 0) === undefined || s.get(r, 0) === "") continue;
          s.set(r, 10, r % 2 === 0 ? "Partnership HealthPlan" : "Health Net");
          s.set(r, 11, 5);
        }
      });
      await page.click("#refresh");
      await page.waitForFunction(() => (document.getElementById("col-paid") as HTMLSelectElement | null)?.value === "Paid Amount");
      await page.fill("#as-of", "2026-06-30");
      await page.click("#validate");
      await page.waitForSelector("#results:not([hidden]) table.months");
      const box = await page.evaluate(() => {
        const doc = document.documentElement;
        const scroller = document.querySelector("table.months")?.parentElement;
        return {
          page: doc.scrollWidth - doc.clientWidth,
          table: (scroller?.scrollWidth ?? 0) - (scroller?.clientWidth ?? 0),
          columns: document.querySelectorAll("table.months tr:first-of-type th").length,
          // How far each heading's right edge is inside the scrolling box's (> 0: in view before any scrolling).
          inView: Array.from(document.querySelectorAll("table.months tr:first-of-type th")).map((th) =>
            Math.round((scroller?.getBoundingClientRect().right ?? 0) - th.getBoundingClientRect().right),
          ),
          headings: Array.from(document.querySelectorAll("table.months tr:first-of-type th")).map((th) => th.textContent),
          shades: ["more-left", "more-right"].filter((c) => scroller?.classList.contains(c) === true),
        };
      });
      expect(box.columns).toBe(8); // Month, Plan, Expected $, Paid $, Lines, Members, PEPM, outreach
      // The money is in view without scrolling sideways (before this, only Month, Plan and Lines were at 320 px).
      expect(box.headings.slice(0, 4)).toEqual(["Month", "Plan", "Expected\u00a0$", "Paid\u00a0$"]);
      expect(box.inView[2]).toBeGreaterThanOrEqual(0);
      if (width >= 320) expect(box.inView[3]).toBeGreaterThanOrEqual(0);
      expect(box.page).toBe(0);
      if (width === 270) expect(box.table).toBeGreaterThan(0); // too wide for Mac's pane: it scrolls in its box
      // A shade marks the side with columns out of view; scrolled to the end, it moves to the left side.
      expect(box.shades).toEqual(box.table > 0 ? ["more-right"] : []);
      // Column pickers stay wide enough to read "A: Member ID" (at 270 px the label goes above its picker).
      expect(await page.$eval("#col-member", (e) => e.getBoundingClientRect().width)).toBeGreaterThan(width < 300 ? 200 : 150);
      if (width < 350) await page.screenshot({ path: `test-results/taskpane-${width}.png`, fullPage: true });
      if (box.table > 0) {
        await page.$eval("table.months", (t) => {
          const scroller = t.parentElement as HTMLElement;
          scroller.scrollLeft = scroller.scrollWidth;
        });
        await page.waitForFunction(() => document.querySelector("table.months")?.parentElement?.className === "scroll-x more-left");
      }
    },
    60_000,
  );

  it("lists every problem of a members list it refuses under the message, and changes nothing", async () => {
    const page = await open();
    type Book = { __book: { addSheet(n: string, rows: unknown[][]): void; sheet(n: string): { get(r: number, c: number): unknown } } };
    await page.evaluate(() => {
      const rows: unknown[][] = [["Member ID", "ECM Enrollment Date"]];
      for (let k = 1; k <= 7; k++) rows.push([`9000000${k}A`, k % 2 === 0 ? "2026-01-05" : "soon"]);
      (window as unknown as Book).__book.addSheet("ECM Members", rows);
    });
    await page.fill("#as-of", "2026-06-30");
    await page.click("#validate");
    await page.waitForSelector("#message.error ul.details");
    expect(await page.textContent("#message span")).toBe('The members list (sheet "ECM Members") has 4 problems; nothing was changed:');
    const items = await page.$$eval("#message ul.details li", (els) => els.map((e) => e.textContent));
    expect(items).toHaveLength(4);
    await page.locator("#message").screenshot({ path: "test-results/taskpane-members-problems.png" });
    expect(items[0]).toBe('row 2: ECM Enrollment Date "soon" is not a date (use YYYY-MM-DD, M/D/YYYY or an Excel date)');
    expect(await page.evaluate(() => (window as unknown as Book).__book.sheet("Claims").get(0, 10))).toBe(""); // no "ECM Status" written
  }, 60_000);

  /**
   * The WCAG 2.1 A and AA rules axe-core checks by itself (Microsoft asks add-ins to meet WCAG 2.1 AA:
   * learn.microsoft.com/office/dev/add-ins/design/accessibility-guidelines). Each violation is
   * listed as rule id, then the first element's selector, so a failure says where to look.
   */
  async function axeViolations(page: Page): Promise<string[]> {
    await page.evaluate(AXE_JS);
    const results = await page.evaluate(() =>
      (window as unknown as { axe: { run(o: unknown): Promise<AxeResults> } }).axe.run({
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      }),
    );
    return results.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(" ")}: ${v.help}`);
  }

  /** WCAG 2.1's contrast ratio of two computed colours ("rgb(r, g, b)"). */
  function contrast(a: string, b: string): number {
    const luminance = (css: string): number => {
      const [r = 0, g = 0, bl = 0] = (css.match(/\d+(\.\d+)?/g) ?? []).map(Number).map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    };
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
    return (x + 0.05) / (y + 0.05);
  }

  // WCAG 2.1 1.4.11 (non-text contrast), which axe-core does not check: what shows where a field is
  // needs 3:1 against the pane. Fluent's inputs draw it as a darker bottom border.
  it.each([
    ["light", ""],
    ["dark", "?dark"],
  ])(
    "outlines its pickers and date field at 3:1 or more against the pane (%s theme)",
    async (_theme, query) => {
      const page = await open(query);
      const colours = await page.evaluate(() => ({
        pane: getComputedStyle(document.body).backgroundColor,
        fields: ["#col-member", "#as-of", "#members"].map(
          (selector) => getComputedStyle(document.querySelector(selector) as Element).borderBottomColor,
        ),
      }));
      const ratios = colours.fields.map((c) => Math.round(contrast(c, colours.pane) * 100) / 100);
      expect(ratios.filter((r) => r < 3)).toEqual([]);
    },
    60_000,
  );

  it("has no WCAG 2.1 A/AA violations axe-core finds: on opening, with results and a rule opened, in the dark theme, with a refusal", async () => {
    const page = await open();
    expect(await axeViolations(page)).toEqual([]);
    await page.fill("#as-of", "2026-06-30");
    await page.click("#validate");
    await page.waitForSelector("#results:not([hidden]) .stats");
    await page.locator("details.rule summary").first().click();
    expect(await axeViolations(page)).toEqual([]);

    const dark = await open("?dark");
    await dark.fill("#as-of", "2026-06-30");
    await dark.click("#validate");
    await dark.waitForSelector("#results:not([hidden]) .stats");
    await dark.locator("details.rule summary").first().click();
    expect(await axeViolations(dark)).toEqual([]);

    const refused = await open();
    await refused.evaluate(() =>
      (window as unknown as { __book: { addSheet(n: string, rows: unknown[][]): void } }).__book.addSheet("ECM Members", [
        ["Member ID", "ECM Enrollment Date"],
        ["90000001A", "soon"],
        ["90000002A", "later"],
      ]),
    );
    await refused.fill("#as-of", "2026-06-30");
    await refused.click("#validate");
    await refused.waitForSelector("#message.error ul.details");
    expect(await axeViolations(refused)).toEqual([]);
  }, 90_000);

  // Windows' contrast themes (high contrast) force system colours: backgrounds become the Canvas
  // colour, so what only a background showed (the status badges, the message bar) would vanish
  // (https://developer.mozilla.org/docs/Web/CSS/@media/forced-colors; Microsoft asks add-ins to work
  // in high contrast: learn.microsoft.com/office/dev/add-ins/design/accessibility-guidelines).
  it("keeps the status badges and the message bar outlined in Windows' contrast themes (forced colors)", async () => {
    const page = await open();
    await page.emulateMedia({ forcedColors: "active" });
    await page.fill("#as-of", "2026-06-30");
    await page.click("#validate");
    await page.waitForSelector("#results:not([hidden]) .stats");
    await page.locator("details.rule summary").first().click();
    const borders = await page.evaluate(() =>
      ["#message", ".badge.error", ".badge.warning", ".badge.info"].map((selector) => {
        const style = getComputedStyle(document.querySelector(selector) as Element);
        return `${selector} ${style.borderTopStyle} ${style.borderTopWidth}`;
      }),
    );
    expect(borders).toEqual(["#message solid 1px", ".badge.error solid 1px", ".badge.warning solid 1px", ".badge.info solid 1px"]);
    await page.screenshot({ path: "test-results/taskpane-forced-colors.png", fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);

  it("is keyboard operable: Tab reaches Validate and Enter runs it", async () => {
    const page = await open();
    await page.fill("#as-of", "2026-06-30");
    await page.focus("#opt-live");
    const order: (string | undefined)[] = [];
    for (let k = 0; k < 3; k++) {
      await page.keyboard.press("Tab");
      order.push(await page.evaluate(() => document.activeElement?.id));
    }
    expect(order).toEqual(["members", "opt-cin", "validate"]);
    await page.keyboard.press("Enter");
    await page.waitForSelector("#results:not([hidden]) .stats");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("validate");
  }, 60_000);

  it("re-validates after an edit when asked to, and explains a refusal with a way out", async () => {
    const page = await open();
    await page.fill("#as-of", "2026-06-30");
    await page.check("#opt-live");
    await page.click("#validate");
    await page.waitForSelector("#results:not([hidden]) .stats");
    type Book = {
      __book: {
        sheet(n: string): { get(r: number, c: number): unknown; set(r: number, c: number, v: unknown): void };
        userEdit(s: string, r: number, c: number, v: unknown[][]): void;
      };
    };
    expect(await page.evaluate(() => (window as unknown as Book).__book.sheet("Claims").get(17, 10))).toBe("ERROR");
    // The analyst types the missing TAR of row 18.
    await page.evaluate(() => (window as unknown as Book).__book.userEdit("Claims", 17, 6, [["TAR-26-0202"]]));
    await page.waitForFunction(() => (window as unknown as Book).__book.sheet("Claims").get(17, 10) === "OK");
    await page.waitForFunction(() => document.getElementById("message")?.textContent?.startsWith("Re-checked after your edit"));
    expect(await page.$$eval(".stat dd", (els) => els.map((e) => e.textContent))).toEqual([
      // row 18 OK now (one error fewer); row 19 becomes April's second PEPM line (pays $0), so the total stays
      String(SAMPLE_TOTALS.rows),
      String(SAMPLE_TOTALS.error - 1),
      String(SAMPLE_TOTALS.warn),
      String(SAMPLE_TOTALS.ok + 1),
      SAMPLE_EXPECTED_TEXT,
    ]);
    // Someone writes a note into the add-in's column: the next run refuses and offers free columns.
    await page.evaluate(() => (window as unknown as Book).__book.sheet("Claims").set(4, 12, "checked"));
    await page.click("#validate");
    await page.waitForSelector("#message.error button");
    expect(await page.textContent("#message")).toContain("Cells in K:N changed since the add-in wrote them");
    expect(await axeViolations(page)).toEqual([]); // the refusal with its button
    await page.click("#message button");
    await page.waitForFunction(() => (window as unknown as Book).__book.sheet("Claims").get(0, 14) === "ECM Status");
    expect(await page.evaluate(() => (window as unknown as Book).__book.sheet("Claims").get(4, 12))).toBe("checked");
    expect(external).toEqual([]);
  }, 60_000);

  it("notes a date of service that is text only day first can read (a day-first CSV opened in Excel)", async () => {
    const page = await open();
    type Book = { __book: { sheet(n: string): { get(r: number, c: number): unknown; set(r: number, c: number, v: unknown): void } } };
    // Row 5's date of service as Excel set to month first keeps 16/03/2026: text, not a date.
    await page.evaluate(() => (window as unknown as Book).__book.sheet("Claims").set(4, 1, "16/03/2026"));
    await page.fill("#as-of", "2026-06-30");
    await page.click("#validate");
    await page.waitForSelector("#results:not([hidden]) ul.notes li");
    const notes = await page.$$eval("ul.notes li", (els) => els.map((e) => e.textContent));
    expect(notes).toEqual([dayFirstTextNote("16/03/2026", 5, "B")]);
    expect(await page.evaluate(() => (window as unknown as Book).__book.sheet("Claims").get(4, 10))).toBe("ERROR"); // ECM-DOS
    await page.locator("ul.notes").scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/taskpane-day-first-note.png", fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);

  it("loads functions.js in the shared runtime page, which registers ECM.RATE and ECM.VALIDATE; one call through it", async () => {
    const page = await open();
    const result = await page.evaluate(async () => {
      type CF = { registered: Map<string, unknown>; invoke(id: string, ...args: unknown[]): unknown };
      const cf = (window as unknown as { CustomFunctions: CF }).CustomFunctions;
      const claims = (window as unknown as { __ECM_SAMPLE__: unknown[][] }).__ECM_SAMPLE__;
      // The functions answer with a promise: they first have the workbook's date system, which
      // functions.js asked the page's Excel (the stand-in) for when it loaded (workbook-dates.ts).
      const out = (await cf.invoke("VALIDATE", claims, false, "2026-06-30")) as unknown[][];
      return {
        ids: [...cf.registered.keys()],
        heading: out[0]?.[0],
        rows: out.length,
        rate: await cf.invoke("RATE", [["G9008"]], [["U1"]]),
      };
    });
    expect(result.ids.sort()).toEqual(["RATE", "VALIDATE"]);
    expect(result.heading).toBe("ECM status as of 2026-06-30");
    expect(result.rows).toBe(SAMPLE_TOTALS.rows + 2); // the header and the sample's blank row
    expect(result.rate).toEqual([[400]]);
  }, 60_000);

  it("uses the dark Fluent tokens under a dark Office theme", async () => {
    const page = await open("?dark");
    await page.fill("#as-of", "2026-06-30");
    await page.click("#validate");
    await page.waitForSelector("#results:not([hidden]) .stats");
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe("rgb(41, 41, 41)");
    await page.screenshot({ path: "test-results/taskpane-dark.png", fullPage: true });
    expect(external).toEqual([]);
  }, 60_000);
});
