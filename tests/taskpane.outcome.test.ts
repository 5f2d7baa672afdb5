import { runOutcome } from "../src/taskpane/outcome";

const counts = (ok: number, warn: number, error: number) => ({ rows: ok + warn + error, ok, warn, error });

describe("the message after a run", () => {
  it("is green only when every line is OK", () => {
    expect(runOutcome(counts(12, 0, 0))).toEqual({ kind: "ok", text: "12 rows checked: all OK." });
  });
  it("is a warning, not a success, when lines need attention, and says where to look", () => {
    expect(runOutcome(counts(19, 10, 20))).toEqual({
      kind: "warn",
      text: "49 rows checked: 20 errors, 10 warnings. The lines are listed under Findings by rule.",
    });
    expect(runOutcome(counts(5, 3, 0)).kind).toBe("warn");
  });
  it("says so when it is a re-check after an edit", () => {
    expect(runOutcome(counts(40, 0, 9), undefined, "Re-checked after your edit")).toEqual({
      kind: "warn",
      text: "Re-checked after your edit: 9 errors, 0 warnings. The lines are listed under Findings by rule.",
    });
    expect(runOutcome(counts(40, 0, 0), undefined, "Re-checked after your edit").text).toBe("Re-checked after your edit: all OK.");
  });
  it("is not green when there was nothing to check", () => {
    expect(runOutcome(counts(0, 0, 0))).toEqual({ kind: "info", text: "No claim lines to check: the rows below the header are empty." });
  });
  it("counts in English (1 row, 1 error, 1 warning) with thousands separators", () => {
    expect(runOutcome(counts(0, 0, 1)).text).toBe("1 row checked: 1 error, 0 warnings. The lines are listed under Findings by rule.");
    expect(runOutcome(counts(98_000, 1, 1_999)).text).toBe(
      "100,000 rows checked: 1,999 errors, 1 warning. The lines are listed under Findings by rule.",
    );
  });
  it("adds the run's note (merged cells, …) after the counts; all OK with a note is not green", () => {
    expect(runOutcome(counts(2, 0, 0), "Rows 4–5 read a merged range as empty.")).toEqual({
      kind: "info",
      text: "2 rows checked: all OK. Rows 4–5 read a merged range as empty.",
    });
    expect(runOutcome(counts(2, 1, 0), "Rows 4–5 read a merged range as empty.").kind).toBe("warn");
  });
});
