/**
 * Golden cases for the rule catalogue: each rule fires on a case and stays quiet on its
 * near miss (5th vs 6th attempt, day 29 vs day 30, the day before vs on the enrollment date, …).
 */
import { AS_OF, HEADER, line, message, outreach, rules, run, verdict } from "./helpers/claims";
import { dayFromISO, formatDay, validateGrid } from "../src/engine";

describe("ECM-MEMBER", () => {
  const v = run([line({ member: "" }), line({ member: "   " }), line({ member: 12345 })]);
  it("fires when the member ID is empty", () => {
    expect(rules(v, 2)).toEqual(["ECM-MEMBER"]);
    expect(rules(v, 3)).toEqual(["ECM-MEMBER"]);
    expect(message(v, 2, "ECM-MEMBER")).toContain("Member ID is empty");
    expect(verdict(v, 2)).toMatchObject({ status: "ERROR", expected: 0 });
  });
  it("accepts any non-empty ID, even a number", () => expect(verdict(v, 4)).toMatchObject({ status: "OK", expected: 400 }));
  it("fires on a placeholder, which groups no lines into one member", () => {
    const p = run([
      line({ member: "Unknown", dos: "2026-03-02" }),
      line({ member: " n/a ", dos: "2026-03-03" }),
      line({ member: 0, dos: "2026-03-04" }),
      line({ member: "000000000", dos: "2026-03-05" }),
      line({ member: "TBD", dos: "2026-03-06" }),
    ]);
    for (const row of [2, 3, 4, 5, 6]) expect(rules(p, row)).toEqual(["ECM-MEMBER"]); // no ECM-PEPM-DUP: not one member
    expect(message(p, 2, "ECM-MEMBER")).toBe(
      'Member ID "Unknown" is a placeholder, not a member ID: enter the member\'s Medi-Cal ID (CIN).',
    );
  });
});

describe("ECM-DOS", () => {
  const bad = ["", "2026-02-30", "2026-13-45", 60, 0, "13/1/2026", true, "next Tuesday"];
  const good = [46083, "46083", "2026-03-02", "3/2/2026", new Date(Date.UTC(2026, 2, 2)), 46083.75];
  const v = run([...bad.map((dos) => line({ dos })), ...good.map((dos, i) => line({ dos, member: `G${i}` }))]);
  it.each(bad.map((dos, i) => [dos, i + 2] as const))("fires on %p", (_dos, row) => {
    expect(rules(v, row)).toEqual(["ECM-DOS"]);
  });
  it("says the date is empty, or shows the value and the formats that work", () => {
    expect(message(v, 2, "ECM-DOS")).toBe("DOS is empty: enter the date of service (YYYY-MM-DD, M/D/YYYY or an Excel date).");
    expect(message(v, 3, "ECM-DOS")).toBe('DOS "2026-02-30" is not a valid date: use YYYY-MM-DD, M/D/YYYY or an Excel date.');
  });
  it.each(good.map((dos, i) => [dos, bad.length + i + 2] as const))("accepts %p", (_dos, row) => {
    expect(verdict(v, row).status).toBe("OK");
  });
});

describe("ECM-FUTURE", () => {
  const v = run([line({ dos: formatDay(AS_OF + 1) }), line({ dos: formatDay(AS_OF), member: "M2" })]);
  it("fires the day after as-of, not on it", () => {
    expect(rules(v, 2)).toEqual(["ECM-FUTURE"]);
    expect(message(v, 2, "ECM-FUTURE")).toContain("2026-07-01 is after the as-of date 2026-06-30");
    expect(verdict(v, 3).status).toBe("OK");
  });
});

describe("ECM-CODE and ECM-MODIFIER", () => {
  const v = run([
    line({ code: "99213" }),
    line({ code: "" }),
    line({ code: " g9008 ", member: "A" }),
    line({ mods: "U2" }),
    line({ mods: "" }),
    line({ mods: "U1, u1" }),
    line({ code: "G9012", mods: "", billed: 150, member: "B" }),
    line({ mods: "gq u1", member: "C" }),
    line({ mods: "U1GQ", member: "D" }),
  ]);
  it("fires ECM-CODE on a non-ECM or empty code, and skips modifier, TAR and charge checks", () => {
    expect(rules(v, 2)).toEqual(["ECM-CODE"]);
    expect(message(v, 2, "ECM-CODE")).toBe('HCPCS "99213" is not an ECM code: use G9008, G9012, G9007.');
    expect(rules(v, 3)).toEqual(["ECM-CODE"]);
  });
  it("trims and upper-cases codes", () => expect(verdict(v, 4).status).toBe("OK"));
  it("says where the modifiers go when the code cell holds them too, by the sheet's modifier columns", () => {
    const withColumns = (headers: string[], cells: string[]) => {
      const result = validateGrid(
        [
          ["Member ID", "DOS", "HCPCS", ...headers, "TAR"],
          ["M1", "2026-03-02", "G9008-U1", ...cells, "T1"],
        ],
        {
          asOf: dayFromISO("2026-06-30") as number,
        },
      );
      if (!result.ok) throw new Error(result.message);
      return result.verdicts.at(0)?.findings.map((f) => f.message);
    };
    expect(withColumns(["Modifier 1", "Modifier 2"], ["", ""])).toEqual([
      'HCPCS "G9008-U1" holds the code and its modifiers in one cell: put G9008 in HCPCS and U1 in the Modifier columns.',
    ]);
    expect(withColumns([], [])).toEqual([
      'HCPCS "G9008-U1" holds the code and its modifiers in one cell: put G9008 in HCPCS and U1 in a Modifiers column.',
    ]);
  });
  it("fires ECM-MODIFIER listing the valid sets", () => {
    expect(rules(v, 5)).toEqual(["ECM-MODIFIER"]);
    expect(message(v, 5, "ECM-MODIFIER")).toBe(
      'G9008 with modifiers "U2" is not in the rate table: valid modifier sets for G9008 are U1; U1+GQ; U8; U8+GQ.',
    );
    expect(message(v, 6, "ECM-MODIFIER")).toContain("G9008 with no modifier is not in the rate table");
  });
  it("fires ECM-MODIFIER on a repeated modifier", () => {
    expect(rules(v, 7)).toEqual(["ECM-MODIFIER"]);
    expect(message(v, 7, "ECM-MODIFIER")).toContain("repeats U1");
  });
  it("accepts G9012 without modifier and any spelling of a valid set", () => {
    expect(verdict(v, 8)).toMatchObject({ status: "OK", expected: 150 });
    expect(verdict(v, 9).status).toBe("OK");
    expect(verdict(v, 10).status).toBe("OK");
  });
  it("combines Modifier 1..4 columns", () => {
    const header = ["CIN", "Service Date", "Procedure Code", "Modifier 1", "Mod2", "Auth #"];
    const w = run(
      [
        ["X", "2026-03-02", "G9008", "U1", "GQ", "T"],
        ["Y", "2026-03-02", "G9008", "U1", "U2", "T"],
      ],
      {},
      header,
    );
    expect(verdict(w, 2)).toMatchObject({ status: "OK", expected: 400 });
    expect(rules(w, 3)).toEqual(["ECM-MODIFIER"]);
  });
});

describe("ECM-TAR", () => {
  const v = run([
    line({ tar: "" }),
    line({ tar: "T-1", member: "B" }),
    outreach("2026-03-02"),
    line({ code: "G9012", mods: "", billed: 150, tar: " ", member: "C" }),
  ]);
  it("fires on PEPM and engagement lines without a TAR", () => {
    expect(rules(v, 2)).toEqual(["ECM-TAR"]);
    expect(message(v, 2, "ECM-TAR")).toContain("requires a TAR and TAR is empty");
    expect(rules(v, 5)).toEqual(["ECM-TAR"]);
  });
  it("is quiet when the TAR is there or not required (outreach)", () => {
    expect(verdict(v, 3).status).toBe("OK");
    expect(verdict(v, 4).status).toBe("OK");
  });
  it("says so when the sheet has no TAR column", () => {
    const w = run([["M", "2026-03-02", "G9008", "U1"]], {}, ["Member ID", "DOS", "HCPCS", "Modifiers"]);
    expect(message(w, 2, "ECM-TAR")).toContain("there is no TAR column");
  });
});

describe("ECM-MDT-CHARGE and ECM-MDT-INFO", () => {
  const mdt = (billed: unknown, member = "M") => line({ code: "G9007", mods: "", tar: "", billed: billed as string, member });
  const v = run([mdt(""), mdt(0, "B"), mdt("$0.00", "C"), mdt("n/a", "D"), mdt(0.01, "E"), mdt(75, "")]);
  it("fires when G9007 has no billed amount above 0", () => {
    for (const row of [2, 3, 4, 5]) expect(rules(v, row)).toEqual(["ECM-MDT-CHARGE"]);
    expect(message(v, 2, "ECM-MDT-CHARGE")).toContain("information only; must be billed with a charged amount");
  });
  it("gives a clean G9007 line the information finding and $0", () => {
    expect(verdict(v, 6)).toMatchObject({ status: "OK", expected: 0 });
    expect(rules(v, 6)).toEqual(["ECM-MDT-INFO"]);
    expect(verdict(v, 6).findings[0]?.severity).toBe("info");
  });
  it("does not give the information finding to a G9007 line with an error", () => expect(rules(v, 7)).toEqual(["ECM-MEMBER"]));
});

describe("ECM-OUTREACH-MASS", () => {
  const v = run([
    outreach("2026-03-02", { method: "Mass mailing" }),
    outreach("2026-03-02", { method: "monthly NEWSLETTERS", member: "B" }),
    outreach("2026-03-02", { method: "e-blast", member: "C" }),
    outreach("2026-03-02", { method: "Phone call; massage clinic referral", member: "D" }),
    line({ method: "Bulk", member: "E" }),
  ]);
  it("fires on the mass-communication words", () => {
    for (const row of [2, 3, 4]) expect(rules(v, row)).toEqual(["ECM-OUTREACH-MASS"]);
    expect(message(v, 2, "ECM-OUTREACH-MASS")).toContain('Outreach Method "Mass mailing" is mass communication');
  });
  it("matches whole words only, and only on outreach lines", () => {
    expect(verdict(v, 5).status).toBe("OK");
    expect(verdict(v, 6).status).toBe("OK");
  });
});

describe("ECM-UNITS", () => {
  const v = run([
    line({ units: 2 }),
    line({ units: "abc", member: "B" }),
    line({ units: "1.0", member: "C" }),
    line({ units: "", member: "D" }),
  ]);
  it("warns on units other than 1, keeping the expected rate", () => {
    expect(verdict(v, 2)).toMatchObject({ status: "WARN", expected: 400 });
    expect(rules(v, 2)).toEqual(["ECM-UNITS"]);
    expect(message(v, 3, "ECM-UNITS")).toContain('"abc" is not a number');
  });
  it("accepts 1.0 and an empty cell", () => {
    expect(verdict(v, 4).status).toBe("OK");
    expect(verdict(v, 5).status).toBe("OK");
  });
});

describe("ECM-CHARGE", () => {
  const v = run([
    line({ billed: "" }),
    line({ billed: "abc", member: "B" }),
    line({ billed: "(5)", member: "C" }),
    outreach("2026-03-02", { billed: 4.99, member: "D" }),
    outreach("2026-03-02", { billed: 5, member: "E" }),
    line({ billed: "$1,200.00", member: "F" }),
  ]);
  it("warns on an empty, non-numeric, negative or below-rate charge", () => {
    for (const row of [2, 3, 4, 5]) expect(rules(v, row)).toEqual(["ECM-CHARGE"]);
    expect(message(v, 4, "ECM-CHARGE")).toContain("-$5.00, a negative charge");
    expect(message(v, 5, "ECM-CHARGE")).toBe(
      "Billed Amount is $4.99, below the contracted rate of $5.00 for G9008 U8+GQ: the expected payment is the billed amount (lesser of billed and rate).",
    );
  });
  it("expects the lesser of billed and rate, $0 for a negative charge, and the rate for an empty or unreadable one", () => {
    expect([2, 3, 4, 5].map((row) => verdict(v, row).expected)).toEqual([400, 400, 0, 4.99]);
  });
  it("accepts a charge at or above the rate", () => {
    expect(verdict(v, 6).status).toBe("OK");
    expect(verdict(v, 7).status).toBe("OK");
  });
  it("does not apply without a billed-amount column", () => {
    const w = run([["M", "2026-03-02", "G9008", "U1", "T"]], {}, ["Member ID", "DOS", "HCPCS", "Modifiers", "TAR"]);
    expect(verdict(w, 2).status).toBe("OK");
  });
});

describe("ECM-OUTREACH-ENROLLED and the enrollment date", () => {
  it("fires on outreach on the enrollment date, not the day before", () => {
    const v = run([outreach("2026-02-28", { enrolled: "3/1/2026" }), outreach("2026-03-01")]);
    expect(verdict(v, 2).status).toBe("OK");
    expect(rules(v, 3)).toEqual(["ECM-OUTREACH-ENROLLED"]);
    expect(message(v, 3, "ECM-OUTREACH-ENROLLED")).toContain("2026-03-01 (enrollment date on row 2)");
  });
  it("uses the earliest valid enrollment cell, even on a row with errors, ignoring unparseable ones", () => {
    const v = run([
      outreach("2026-02-10", { enrolled: "not a date" }),
      line({ dos: "2026-13-01", enrolled: "2026-02-15" }),
      line({ dos: "2026-03-05", enrolled: "2026-03-01" }),
      outreach("2026-02-15"),
    ]);
    expect(rules(v, 2)).toEqual(["ECM-ENROLL-DATE"]); // said, not silently dropped
    expect(rules(v, 4)).toEqual(["ECM-ENROLL-CONFLICT"]); // 2026-03-01 is not the date in use
    expect(rules(v, 5)).toEqual(["ECM-OUTREACH-ENROLLED"]);
    expect(message(v, 5, "ECM-OUTREACH-ENROLLED")).toContain("(enrollment date on row 3)");
  });
  it("falls back to the first countable G9012 engagement line; an engagement with a billing error still ends outreach", () => {
    const engagement = (dos: string, tar = "T") => line({ code: "G9012", mods: "", billed: 150, dos, tar });
    const v = run([
      engagement("2026-02-01", ""),
      engagement("2026-02-20"),
      outreach("2026-01-31"),
      outreach("2026-02-19"),
      outreach("2026-02-20"),
    ]);
    expect(verdict(v, 4).status).toBe("OK");
    expect(rules(v, 5)).toEqual(["ECM-OUTREACH-ENGAGED"]);
    expect(message(v, 5, "ECM-OUTREACH-ENGAGED")).toContain("successful engagement on 2026-02-01 (G9012 on row 2)");
    expect(rules(v, 6)).toEqual(["ECM-OUTREACH-ENROLLED"]);
    expect(message(v, 6, "ECM-OUTREACH-ENROLLED")).toContain("G9012 engagement line on row 3");
  });
  it("skips the check when the enrollment date is unknown", () => {
    const v = run([outreach("2026-05-01")]);
    expect(verdict(v, 2).status).toBe("OK");
  });
});

describe("ECM-OUTREACH-30D", () => {
  const five = ["2026-01-01", "2026-01-05", "2026-01-10", "2026-01-20", "2026-01-25"].map((d) => outreach(d));
  it("fires on the 6th paid attempt on day 30 of the window (window = date−29 … date)", () => {
    const v = run([...five, outreach("2026-01-30")]);
    for (const row of [2, 3, 4, 5, 6]) expect(verdict(v, row)).toMatchObject({ status: "OK", expected: 5 });
    expect(rules(v, 7)).toEqual(["ECM-OUTREACH-30D"]);
    expect(verdict(v, 7).findings[0]?.rows).toEqual([2, 3, 4, 5, 6]);
    expect(message(v, 7, "ECM-OUTREACH-30D")).toContain("2026-01-01 to 2026-01-30");
  });
  it("does not fire a day later, when the first attempt has left the window", () => {
    const v = run([...five, outreach("2026-01-31")], { limits: { outreachMax: 10 } });
    expect(verdict(v, 7).status).toBe("OK");
  });
  it("counts clinical, non-clinical, in-person and GQ lines together, and only paid ones", () => {
    const v = run([
      outreach("2026-01-01", { code: "G9012", mods: "U8" }),
      outreach("2026-01-02", { code: "G9008", mods: "U8" }),
      outreach("2026-01-03", { code: "G9012", mods: "U8 GQ" }),
      outreach("2026-01-04", { method: "Mass text" }),
      outreach("2026-01-05"),
      outreach("2026-01-06"),
      outreach("2026-01-07"),
    ]);
    expect(rules(v, 5)).toEqual(["ECM-OUTREACH-MASS"]);
    expect(verdict(v, 7).status).toBe("OK");
    expect(rules(v, 8)).toEqual(["ECM-OUTREACH-30D"]);
  });
  it("follows the limits given as options", () => {
    const v = run([outreach("2026-01-01"), outreach("2026-01-05"), outreach("2026-01-08")], {
      limits: { outreachPerWindow: 2, windowDays: 7 },
    });
    expect(verdict(v, 3).status).toBe("OK");
    expect(verdict(v, 4).status).toBe("OK");
    const w = run([outreach("2026-01-01"), outreach("2026-01-05"), outreach("2026-01-07")], {
      limits: { outreachPerWindow: 2, windowDays: 7 },
    });
    expect(rules(w, 4)).toEqual(["ECM-OUTREACH-30D"]);
  });
});

describe("ECM-OUTREACH-MAX", () => {
  const spread = ["2026-01-01", "2026-02-05", "2026-03-10", "2026-04-15", "2026-05-20"].map((d) => outreach(d));
  it("allows the 5th paid attempt and stops the 6th, outside any window", () => {
    const v = run([...spread, outreach("2026-06-25")]);
    expect(verdict(v, 6)).toMatchObject({ status: "OK", expected: 5 });
    expect(rules(v, 7)).toEqual(["ECM-OUTREACH-MAX"]);
    expect(message(v, 7, "ECM-OUTREACH-MAX")).toContain("(rows 2, 3, 4, 5, 6)");
  });
  it("prefers 30D when both apply", () => {
    const v = run([...spread, outreach("2026-05-21")]);
    expect(rules(v, 7)).toEqual(["ECM-OUTREACH-MAX"]);
    const w = run(["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04", "2026-01-05", "2026-01-06"].map((d) => outreach(d)));
    expect(rules(w, 7)).toEqual(["ECM-OUTREACH-30D"]);
  });
});

describe("ECM-ENGAGEMENT-DUP", () => {
  const engagement = (dos: string, tar = "T") => line({ code: "G9012", mods: "", billed: 150, dos, tar });
  it("fires on a second engagement line, not the first", () => {
    const v = run([engagement("2026-02-01"), engagement("2026-03-01")]);
    expect(verdict(v, 2)).toMatchObject({ status: "OK", expected: 150 });
    expect(rules(v, 3)).toEqual(["ECM-ENGAGEMENT-DUP"]);
    expect(message(v, 3, "ECM-ENGAGEMENT-DUP")).toContain("row 2 (2026-02-01)");
  });
  it("counts only countable lines: after a rejected first line, the next one is the first", () => {
    const v = run([engagement("2026-02-01", ""), engagement("2026-03-01")]);
    expect(rules(v, 2)).toEqual(["ECM-TAR"]);
    expect(verdict(v, 3).status).toBe("OK");
  });
});

describe("ECM-PEPM-BEFORE-ENROLL", () => {
  it("fires the day before enrollment, not on it", () => {
    const v = run([line({ dos: "2026-02-28", enrolled: "2026-03-01" }), line({ dos: "2026-03-01" })]);
    expect(rules(v, 2)).toEqual(["ECM-PEPM-BEFORE-ENROLL"]);
    expect(verdict(v, 3)).toMatchObject({ status: "OK", expected: 400 });
  });
  it("is skipped when the enrollment date is unknown", () => {
    const v = run([line({ dos: "2026-02-28" })]);
    expect(verdict(v, 2).status).toBe("OK");
  });
});

describe("ECM-PEPM-DUP", () => {
  it("warns on a second PEPM line in the same month (G9008 and G9012 together), expected 0", () => {
    const v = run([line({ dos: "2026-03-02" }), line({ dos: "2026-03-31", code: "G9012", mods: "U2 GQ" }), line({ dos: "2026-04-01" })]);
    expect(verdict(v, 2)).toMatchObject({ status: "OK", expected: 400 });
    expect(verdict(v, 3)).toMatchObject({ status: "WARN", expected: 0 });
    expect(rules(v, 3)).toEqual(["ECM-PEPM-DUP"]);
    expect(verdict(v, 4)).toMatchObject({ status: "OK", expected: 400 });
  });
  it("counts only countable lines", () => {
    const v = run([line({ dos: "2026-03-02", tar: "" }), line({ dos: "2026-03-05" })]);
    expect(verdict(v, 3)).toMatchObject({ status: "OK", expected: 400 });
  });
});

describe("ECM-DUPLICATE", () => {
  it("matches parsed values and names the first earlier row", () => {
    const v = run([
      line({ billed: "$400.00", mods: "U1 GQ" }),
      line({ billed: 400, mods: "gq,u1" }),
      line({ billed: 400, mods: "GQ/U1" }),
      line({ billed: 450, mods: "GQ U1" }),
    ]);
    expect(verdict(v, 2).findings).toEqual([]);
    // A duplicate pays nothing and counts toward no limit, so it is not also the month's second PEPM line.
    expect(rules(v, 3)).toEqual(["ECM-DUPLICATE"]);
    expect(verdict(v, 3)).toMatchObject({ status: "WARN", expected: 0 });
    expect(message(v, 3, "ECM-DUPLICATE")).toContain("as row 2");
    expect(message(v, 4, "ECM-DUPLICATE")).toContain("as row 2");
    expect(rules(v, 5)).toEqual(["ECM-PEPM-DUP"]);
  });
  it("compares rows with errors too, and uses the row number for the same date", () => {
    const v = run([line({ tar: "" }), line({ tar: "" })]);
    expect(rules(v, 3)).toEqual(["ECM-TAR", "ECM-DUPLICATE"]);
    expect(rules(v, 2)).toEqual(["ECM-TAR"]);
  });
  it("leaves the other lines' shared finding alone when it adds to one of them", () => {
    const v = run([line({ tar: "" }), line({ tar: "", member: "M2" }), line({ tar: "", member: "M2" })]);
    expect(verdict(v, 2).findings).toBe(verdict(v, 3).findings); // one frozen list for the same single finding
    expect(Object.isFrozen(verdict(v, 2).findings)).toBe(true);
    expect(rules(v, 4)).toEqual(["ECM-TAR", "ECM-DUPLICATE"]);
    expect(rules(v, 2)).toEqual(["ECM-TAR"]);
    expect(rules(v, 3)).toEqual(["ECM-TAR"]);
  });
});

describe("verdicts", () => {
  it("gives no verdict to wholly blank rows and one to every other row", () => {
    const r = run([line({}), ["", null, "  ", undefined], [], line({ member: "B" })]);
    expect([...r.keys()]).toEqual([2, 5]);
  });
  it("fails clearly when required columns are missing", () => {
    const { validateGrid } = jest.requireActual("../src/engine") as typeof import("../src/engine");
    const result = validateGrid([[], ["Member", "Amount"], ["x", 1]], { asOf: AS_OF });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toBe(
        'Missing required columns: Date of service (e.g. "DOS", "Date of Service", "Service Date" or "From Date"), HCPCS (e.g. "HCPCS", "Procedure Code" or "Code"). Headers seen in row 2: "Member", "Amount".',
      );
    }
  });
  it("uses the first matching column and whole header names only", () => {
    const header = ["Member ID", "DOS", "HCPCS Description", "Code", "Modifiers", "TAR", "Code"];
    const v = run([["M", "2026-03-02", "G9999 in-person", "G9008", "U1", "T", "99999"]], {}, header);
    expect(verdict(v, 2).status).toBe("OK");
    expect(HEADER[2]).toBe("HCPCS");
  });
  it("does not depend on the process time zone for Date cells", () => {
    const v = run([line({ dos: new Date(Date.UTC(2026, 5, 30, 0, 0)) }), line({ dos: new Date(Date.UTC(2026, 6, 1)), member: "B" })]);
    expect(verdict(v, 2).status).toBe("OK");
    expect(rules(v, 3)).toEqual(["ECM-FUTURE"]);
    expect(dayFromISO("2026-06-30")).toBe(AS_OF);
  });
});

describe("finding the header row", () => {
  const { validateGrid } = jest.requireActual("../src/engine") as typeof import("../src/engine");
  const HEADER = ["Member ID", "DOS", "HCPCS", "Modifiers", "TAR"];
  const LINE = ["90000001A", 46083, "G9008", "U1", "TAR-1"];

  it("skips title and notes rows above the header (within the first 20 non-blank rows)", () => {
    const grid = [["ECM claims export"], ["Run 2026-07-01 by billing"], [], HEADER, LINE];
    const result = validateGrid(grid, { asOf: AS_OF });
    expect(result.ok && result.headerRow).toBe(4);
    const tooLow = [...Array.from({ length: 20 }, (_, i) => [`note ${i}`]), HEADER, LINE];
    expect(validateGrid(tooLow, { asOf: AS_OF }).ok).toBe(false);
  });

  it("names the closest row and never quotes member data from a file without a header row", () => {
    const result = validateGrid([LINE, ["90000002B", 46084, "G9012", "", ""]], { asOf: AS_OF });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).not.toContain("90000001A");
      expect(result.message).toContain("Headers seen in row 1: 5 cells that look like data, not shown.");
    }
    const closest = validateGrid([["Claims"], ["Member ID", "Code", "Notes"], LINE], { asOf: AS_OF });
    expect(!closest.ok && closest.message).toBe(
      'Missing required column: Date of service (e.g. "DOS", "Date of Service", "Service Date" or "From Date") (no row among the first 3 non-blank rows names them all; row 2 comes closest). Headers seen in row 2: "Member ID", "Code", "Notes".',
    );
  });
});
