/**
 * The task pane's DOM: renders what the controller found and did, and hands clicks back. No
 * Office calls here. User-provided text (headers, messages) is only ever set as textContent.
 */
import { FIELD_LABELS, REQUIRED_FIELDS, formatMoney, type FieldId } from "../engine";
import { listedDetails, monthTable, paidLine } from "../shared/report-text";
import { columnLetters } from "./a1";
import type { BookState, Inspection, Progress, RunResult } from "./controller";
import type { MembersSource } from "./io";

const FIELDS = Object.keys(FIELD_LABELS) as FieldId[];
const MAX_LISTED = 200;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** A box that scrolls `child` sideways when it is wider than the pane; a labelled region the keyboard can reach. */
function scrollsSideways(child: HTMLElement, label: string): HTMLDivElement {
  const box = el("div", { className: "scroll-x", tabIndex: 0 }, child);
  box.setAttribute("role", "region");
  box.setAttribute("aria-label", label);
  // A shade on each side that has more columns out of view (classes more-left / more-right), so
  // that a cut-off column reads as "scroll for more": WebView2 and WKWebView show no scroll bar
  // until the pointer is over the box. Updated as it scrolls and as the pane is resized.
  const mark = (): void => {
    const hidden = box.scrollWidth - box.clientWidth;
    box.classList.toggle("more-left", box.scrollLeft > 1);
    box.classList.toggle("more-right", box.scrollLeft < hidden - 1);
  };
  box.addEventListener("scroll", mark, { passive: true });
  new ResizeObserver(mark).observe(box);
  return box;
}

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`task pane markup lacks #${id}`);
  return node as T;
}

export class PaneView {
  readonly validateButton = byId<HTMLButtonElement>("validate");
  readonly clearButton = byId<HTMLButtonElement>("clear");
  readonly cancelButton = byId<HTMLButtonElement>("cancel");
  readonly refreshButton = byId<HTMLButtonElement>("refresh");
  readonly asOfInput = byId<HTMLInputElement>("as-of");
  readonly summaryInput = byId<HTMLInputElement>("opt-summary");
  readonly liveInput = byId<HTMLInputElement>("opt-live");
  readonly cinInput = byId<HTMLInputElement>("opt-cin");
  readonly membersSelect = byId<HTMLSelectElement>("members");
  readonly insertRatesButton = byId<HTMLButtonElement>("insert-rates");
  private readonly ratesStatus = byId("rates-status");
  private readonly ratesProblems = byId("rates-problems");
  private readonly target = byId("target");
  private readonly columns = byId("columns");
  private readonly progress = byId("progress");
  private readonly bar = byId<HTMLProgressElement>("progress-bar");
  private readonly progressText = byId("progress-text");
  private readonly message = byId("message");
  private readonly results = byId("results");
  private progressTimer: ReturnType<typeof setTimeout> | undefined;

  showTarget(found: Inspection): void {
    const { located } = found;
    const where =
      located.tableName === undefined ? `Sheet "${located.sheetName}"` : `Table "${located.tableName}" on "${located.sheetName}"`;
    const rows = Math.max(0, located.region.rows - 1 - ((found.headerRow ?? located.region.row) - located.region.row));
    this.target.textContent =
      found.headerRow === undefined
        ? `${where}: no claims found.`
        : `${where}: header in row ${found.headerRow + 1}, ${rows.toLocaleString("en-US")} rows below it.`;
  }

  /**
   * The members-list picker: "(none)", then the workbook's sheets and Tables; `chosen` selected.
   * Option values are "sheet:NAME" / "table:NAME" ("" for none); memberSource() reads one back.
   */
  showMemberSources(sources: { sheets: string[]; tables: string[]; chosen: MembersSource | null }): void {
    const value = (s: MembersSource | null): string => (s === null ? "" : "sheet" in s ? `sheet:${s.sheet}` : `table:${s.table}`);
    const chosen = value(sources.chosen);
    this.membersSelect.replaceChildren(
      el("option", { value: "", textContent: "(none)", selected: chosen === "" }),
      ...sources.sheets.map((name) =>
        el("option", { value: `sheet:${name}`, textContent: `Sheet: ${name}`, selected: chosen === `sheet:${name}` }),
      ),
      ...sources.tables.map((name) =>
        el("option", { value: `table:${name}`, textContent: `Table: ${name}`, selected: chosen === `table:${name}` }),
      ),
    );
  }

  /** The "Rate table" section: which book is in use, its problems one per line; the insert button only while the workbook has none. */
  showBook(state: BookState): void {
    this.ratesStatus.textContent = state.ok ? state.text : "The workbook's rate table cannot be used:";
    const problems = state.ok ? [] : state.problems;
    this.ratesProblems.replaceChildren(...problems.map((p) => el("li", { textContent: p })));
    this.ratesProblems.hidden = problems.length === 0;
    this.insertRatesButton.hidden = state.source === "workbook";
  }

  /** The members list picked in the drop-down (null: none). */
  memberSource(): MembersSource | null {
    const v = this.membersSelect.value;
    if (v.startsWith("sheet:")) return { sheet: v.slice(6) };
    if (v.startsWith("table:")) return { table: v.slice(6) };
    return null;
  }

  /** One row per field: label (required ones marked) and a drop-down of the sheet's headers. */
  showColumns(found: Inspection, onPick: (field: FieldId, header: string) => void): void {
    this.columns.replaceChildren();
    for (const field of FIELDS) {
      const required = REQUIRED_FIELDS.includes(field);
      const id = `col-${field}`;
      const select = el("select", { id });
      select.append(el("option", { value: "", textContent: required ? "(not found: pick one)" : "(not used)" }));
      for (const h of found.headers) {
        select.append(
          el("option", { value: h.text, textContent: `${columnLetters(h.col)}: ${h.text}`, selected: found.columns[field] === h.col }),
        );
      }
      if (required && found.columns[field] === undefined) select.setAttribute("aria-invalid", "true");
      select.addEventListener("change", () => onPick(field, select.value));
      const label = el("label", { htmlFor: id }, FIELD_LABELS[field]);
      if (required) label.append(el("span", { className: "required", title: "required", textContent: " *" }));
      this.columns.append(el("div", { className: "column-row" }, label, select));
    }
  }

  setBusy(busy: boolean): void {
    this.validateButton.disabled = busy;
    this.clearButton.disabled = busy;
    this.refreshButton.disabled = busy;
    this.cancelButton.hidden = !busy;
    if (busy) {
      // Only runs that take more than a moment show the progress bar.
      this.progressTimer = setTimeout(() => (this.progress.hidden = false), 300);
      this.cancelButton.focus();
    } else {
      clearTimeout(this.progressTimer);
      this.progress.hidden = true;
    }
  }

  showProgress(p: Progress): void {
    this.bar.max = Math.max(1, p.total);
    this.bar.value = p.done;
    this.progressText.textContent = p.text;
  }

  /** A message in the live region; `action` adds a button (e.g. "Write to O:R instead"). */
  say(
    kind: "error" | "info" | "ok" | "warn",
    text: string,
    action?: { label: string; run: () => void },
    details: readonly string[] = [],
  ): void {
    this.message.className = `message ${kind}`;
    this.message.replaceChildren(el("span", { textContent: text }));
    if (action !== undefined) {
      const button = el("button", { type: "button", textContent: action.label });
      button.addEventListener("click", action.run);
      this.message.append(" ", button);
    }
    if (details.length > 0) {
      this.message.append(el("ul", { className: "details" }, ...listedDetails(details).map((d) => el("li", { textContent: d }))));
    }
    this.message.hidden = text === "";
  }

  showResults(result: RunResult, onFinding: (row: number) => void): void {
    const { summary } = result;
    const stat = (label: string, value: string, cls = "") =>
      el("div", { className: `stat ${cls}` }, el("dt", { textContent: label }), el("dd", { textContent: value }));
    const stats = el(
      "dl",
      { className: "stats" },
      stat("Rows checked", summary.rows.toLocaleString("en-US")),
      stat("Errors", summary.error.toLocaleString("en-US"), "error"),
      stat("Warnings", summary.warn.toLocaleString("en-US"), "warn"),
      stat("OK", summary.ok.toLocaleString("en-US"), "ok"),
      stat("Expected", formatMoney(summary.expectedTotal), "money"),
    );
    const codes = el("table", { className: "codes" });
    codes.append(el("caption", { textContent: "Expected reimbursement by code" }));
    codes.append(
      el(
        "tr",
        {},
        el("th", { scope: "col", textContent: "HCPCS" }),
        el("th", { scope: "col", textContent: "Lines" }),
        el("th", { scope: "col", textContent: "Expected" }),
      ),
    );
    for (const [code, t] of Object.entries(summary.byCode)) {
      codes.append(
        el(
          "tr",
          {},
          el("td", { textContent: code }),
          el("td", { textContent: t.lines.toLocaleString("en-US") }),
          el("td", { textContent: formatMoney(t.expected) }),
        ),
      );
    }
    const findings = el("div", { className: "findings" });
    for (const group of result.byRule) {
      const list = el("ul");
      for (const f of group.findings.slice(0, MAX_LISTED)) {
        const button = el(
          "button",
          { type: "button", className: "finding", title: `Select row ${f.row}` },
          el("span", { className: "row", textContent: `Row ${f.row}` }),
          ` ${f.message}`,
        );
        button.addEventListener("click", () => onFinding(f.row));
        list.append(el("li", {}, button));
      }
      if (group.findings.length > MAX_LISTED)
        list.append(
          el("li", { className: "more", textContent: `… and ${group.findings.length - MAX_LISTED} more (see the ECM Rules column).` }),
        );
      const summaryLine = el(
        "summary",
        {},
        el("span", { className: `badge ${group.severity}`, textContent: group.severity }),
        ` ${group.rule} `,
        el("span", { className: "count", textContent: `${group.findings.length}` }),
      );
      const when = el("p", { className: "when", textContent: `When it fires: ${group.when}.` });
      findings.append(el("details", { className: "rule" }, summaryLine, when, list));
    }
    const months = monthTable(summary);
    const byMonth = el("table", { className: "codes months" });
    byMonth.append(el("caption", { textContent: "By service month" }));
    // Text columns (month, plan) read left to right; counts and amounts align on the right.
    const align = (k: number): string => (typeof months.rows[0]?.[k] === "string" ? "text" : "");
    // "Expected $" on one line: a narrow column would wrap the "$" under it.
    const heading = (h: string): string => h.replace(/ \$$/, "\u00a0$");
    byMonth.append(el("tr", {}, ...months.header.map((h, k) => el("th", { scope: "col", className: align(k), textContent: heading(h) }))));
    for (const row of months.rows) {
      byMonth.append(
        el(
          "tr",
          {},
          ...row.map((c, k) =>
            el("td", { className: align(k), textContent: months.header[k]?.endsWith("$") === true ? formatMoney(c as number) : String(c) }),
          ),
        ),
      );
    }
    const paid = paidLine(summary);
    const notes = result.notes.map((n) => el("li", { textContent: n }));
    const where = `Results in ${columnLetters(result.layout.col)}:${columnLetters(result.layout.col + 3)} of "${result.sheetName}".`;
    this.results.replaceChildren(
      el("h2", { id: "results-heading", textContent: "Results" }),
      el("p", { className: "where", textContent: where }),
      stats,
      ...(notes.length === 0 ? [] : [el("ul", { className: "notes" }, ...notes)]),
      ...(paid === undefined ? [] : [el("p", { className: "paid", textContent: `${paid}.` })]),
      codes,
      // Eight columns with Plan and Paid Amount do not fit Office's default pane widths (320 px on
      // Windows, 270 on Mac): the table scrolls sideways in its own box, which the keyboard can reach.
      scrollsSideways(byMonth, "By service month"),
      el("h3", { textContent: result.byRule.length === 0 ? "No findings" : "Findings by rule" }),
      findings,
    );
    this.results.hidden = false;
  }

  clearResults(): void {
    this.results.replaceChildren();
    this.results.hidden = true;
  }
}
