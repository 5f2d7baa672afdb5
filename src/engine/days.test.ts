import fc from "fast-check";
import {
  dayFromDate,
  dayFromISO,
  dayFromNumber,
  dayFromParts,
  dayFromSerial,
  dayFromText,
  formatDay,
  monthOf,
  partsFromDay,
  serialFromDay,
} from "./days";

describe("day numbers", () => {
  it("round-trips every day from 1900 to 2100 through parts", () => {
    const start = dayFromParts(1900, 1, 1) as number;
    const end = dayFromParts(2100, 12, 31) as number;
    for (let d = start; d <= end; d++) {
      const { year, month, day } = partsFromDay(d);
      expect(dayFromParts(year, month, day)).toBe(d);
    }
    expect(end - start + 1).toBe(73414);
  });

  it("knows 1970-01-01 is day 0 and formats days", () => {
    expect(dayFromParts(1970, 1, 1)).toBe(0);
    expect(formatDay(dayFromParts(2026, 2, 28) as number)).toBe("2026-02-28");
  });

  it("rejects impossible dates instead of rolling them over", () => {
    expect(dayFromParts(2026, 2, 29)).toBeUndefined();
    expect(dayFromParts(2024, 2, 29)).toBe((dayFromParts(2024, 2, 28) as number) + 1);
    expect(dayFromParts(1900, 2, 29)).toBeUndefined();
    expect(dayFromParts(2000, 2, 29)).toBeDefined();
    expect(dayFromText("2026-02-30")).toBeUndefined();
    expect(dayFromText("2026-13-45")).toBeUndefined();
    expect(dayFromText("2/30/2026")).toBeUndefined();
    expect(dayFromText("13/1/2026")).toBeUndefined();
  });
});

describe("Excel serials (1900 system)", () => {
  it("maps serials to the same calendar days as Excel", () => {
    expect(formatDay(dayFromSerial(1) as number)).toBe("1900-01-01");
    expect(formatDay(dayFromSerial(59) as number)).toBe("1900-02-28");
    expect(formatDay(dayFromSerial(61) as number)).toBe("1900-03-01");
    expect(formatDay(dayFromSerial(25569) as number)).toBe("1970-01-01");
    expect(formatDay(dayFromSerial(46203) as number)).toBe("2026-06-30");
  });

  it("ignores the time of day and refuses serial 60 and serials below 1", () => {
    expect(dayFromSerial(46203.99)).toBe(dayFromSerial(46203));
    expect(dayFromSerial(60)).toBeUndefined();
    expect(dayFromSerial(0)).toBeUndefined();
    expect(dayFromSerial(0.5)).toBeUndefined();
    expect(dayFromSerial(-3)).toBeUndefined();
    expect(dayFromSerial(Number.NaN)).toBeUndefined();
    expect(dayFromSerial(3_000_000)).toBeUndefined();
  });

  it("converts back to serials", () => {
    for (const s of [1, 59, 61, 25569, 46203]) expect(serialFromDay(dayFromSerial(s) as number)).toBe(s);
  });
});

describe("text and Date values", () => {
  const june30 = dayFromParts(2026, 6, 30);
  it.each(["2026-06-30", "6/30/2026", "06/30/2026", "46203", " 2026-06-30 ", "2026-06-30T23:59:00", "6/30/2026 11:15 PM"])(
    "reads %p as 2026-06-30",
    (text) => expect(dayFromText(text)).toBe(june30),
  );
  // Excel's built-in date formats as a CSV saved from Excel writes them (the text shown in the cell).
  it.each([
    "30-Jun-26",
    "30-Jun-2026",
    "30 June 2026",
    "June 30, 2026",
    "Jun 30, 2026",
    "jun. 30 2026",
    "Tuesday, June 30, 2026",
    "2026/06/30",
    "2026/6/30",
  ])("reads %p, a date as Excel shows it, as 2026-06-30", (text) => expect(dayFromText(text)).toBe(june30));
  // SAS's DATE7. (its default), DATE9. and DATETIME. formats, as a CSV exported from SAS writes them.
  it.each([
    "30JUN26",
    "30JUN2026",
    "30jun2026",
    "30JUN2026:00:00:00",
    "30JUN26:14:05:09",
    "30JUN2026:00:00:00.000",
    "30JUN26:00:00",
    "30JUN2026 00:00:00",
  ])("reads %p, a date as SAS writes it, as 2026-06-30", (text) => expect(dayFromText(text)).toBe(june30));
  it.each(["30JUN", "30JUN2026:", "30JUN2026:00", "30JUX2026", "31JUN2026", "30JUN026", "300JUN2026"])(
    "does not read %p, no SAS date, as a date",
    (text) => expect(dayFromText(text)).toBeUndefined(),
  );
  // A time after a date with a month name: Excel's custom formats, Oracle SQL Developer's TIMESTAMP.
  it.each([
    "30-Jun-26 14:05",
    "30 June 2026 2:05 PM",
    "30-JUN-26 02.05.00.000000000 PM",
    "June 30, 2026 2:05 PM",
    "Jun 30, 2026, 14:05:09",
  ])("reads %p, a date and a time, as 2026-06-30", (text) => expect(dayFromText(text)).toBe(june30));
  it.each(["30-Jun-26 14", "30-Jun-26 14:5", "30-Jun-26 2:05 XM", "June 30, 2026 2", "30-Jun-26T14:05"])(
    "does not read %p, a time it does not know, as a date",
    (text) => expect(dayFromText(text)).toBeUndefined(),
  );
  it("reads eight digits as CCYYMMDD, the date format of X12 837 claim files (D8), as text or number", () => {
    expect(dayFromText("20260630")).toBe(june30);
    expect(dayFromNumber(20260630)).toBe(june30);
    expect(dayFromNumber(46203)).toBe(june30); // an Excel serial stays one
    expect(dayFromNumber(19000301)).toBe(dayFromParts(1900, 3, 1));
    for (const n of [20260230, 20261301, 20260600, 30260630, 18991231, 20260630.5, 21000101]) expect(dayFromNumber(n)).toBeUndefined();
    for (const t of ["06302026", "202606301", "30062026"]) expect(dayFromText(t)).toBeUndefined(); // MMDDYYYY, DDMMYYYY: not guessed
  });
  it("reads Sept and a two-digit year in d-mmm-yy by the 2029 rule", () => {
    expect(dayFromText("1-Sept-29")).toBe(dayFromParts(2029, 9, 1));
    expect(dayFromText("1-Sep-30")).toBe(dayFromParts(1930, 9, 1));
  });
  it.each([
    "",
    "June 30",
    "Jun-26",
    "30-Jun",
    "30.6.2026",
    "6/30/026",
    "6/30/2026/1",
    "46203.5",
    "abc",
    "60",
    "2/29/27",
    "29-Feb-27",
    "Monday, June 30, 2026",
    "30-Jux-26",
    "Juno 30, 2026",
    "30-Jun-026",
    "June 31, 2026",
  ])("does not read %p as a date", (text) => expect(dayFromText(text)).toBeUndefined());
  it("reads a two-digit year as Excel does (00–29 → 2000s, 30–99 → 1900s: the 2029 rule)", () => {
    expect(dayFromText("6/30/26")).toBe(june30);
    expect(dayFromText("06/30/26 11:15 PM")).toBe(june30);
    expect(dayFromText("12/31/29")).toBe(dayFromParts(2029, 12, 31));
    expect(dayFromText("1/1/30")).toBe(dayFromParts(1930, 1, 1));
    expect(dayFromText("7/4/00")).toBe(dayFromParts(2000, 7, 4));
    expect(dayFromText("2/29/28")).toBe(dayFromParts(2028, 2, 29));
  });
  it("takes a Date's UTC calendar day", () => {
    expect(dayFromDate(new Date(Date.UTC(2026, 5, 30)))).toBe(june30);
    expect(dayFromDate(new Date(Date.UTC(2026, 5, 30, 23, 59)))).toBe(june30);
    expect(dayFromDate(new Date(Number.NaN))).toBeUndefined();
  });
  it("parses strict ISO for options", () => {
    expect(dayFromISO("2026-06-30")).toBe(june30);
    expect(dayFromISO("2026-6-30")).toBeUndefined();
    expect(dayFromISO("2026-02-30")).toBeUndefined();
  });
});

describe("monthOf", () => {
  it("is the year × 12 + month − 1 of partsFromDay for every day from 1900 to 2100", () => {
    const from = dayFromParts(1900, 1, 1) as number;
    const to = dayFromParts(2100, 12, 31) as number;
    for (let day = from; day <= to; day++) {
      const { year, month } = partsFromDay(day);
      if (monthOf(day) !== year * 12 + month - 1) throw new Error(`monthOf(${day}) = ${monthOf(day)}, not ${year * 12 + month - 1}`);
    }
    expect(monthOf(dayFromParts(2026, 7, 1) as number)).toBe(2026 * 12 + 6);
  });
});

describe("the order of day and month in text dates", () => {
  const jan2 = dayFromParts(2026, 1, 2);
  it("reads numbers month first by default, with slashes or dashes, not dots (day-first locales write those)", () => {
    expect(["1/2/2026", "01/02/26", "1/2/2026 9:30 AM", "01-02-2026"].map((t) => dayFromText(t))).toEqual([jan2, jan2, jan2, jan2]);
    expect([dayFromText("2.1.2026"), dayFromText("1.2.2026"), dayFromText("13/1/2026"), dayFromText("13-1-2026")]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reads them day first with "dmy", with slashes, dots or dashes', () => {
    expect(["2/1/2026", "02/01/26", "02.01.2026", "2-1-2026", "02/01/2026 09:30"].map((t) => dayFromText(t, "dmy"))).toEqual([
      jan2,
      jan2,
      jan2,
      jan2,
      jan2,
    ]);
    expect(dayFromText("13/01/2026", "dmy")).toBe(dayFromParts(2026, 1, 13));
    expect([dayFromText("1/13/2026", "dmy"), dayFromText("30/02/2026", "dmy")]).toEqual([undefined, undefined]);
  });

  it("reads the other forms the same in either order", () => {
    for (const t of ["2026-01-02", "2026/1/2", "20260102", "2-Jan-26", "January 2, 2026", "46024"])
      expect([t, dayFromText(t, "dmy")]).toEqual([t, dayFromText(t, "mdy")]);
    expect(dayFromText("2026-01-02", "dmy")).toBe(jan2);
  });
});

describe("every date form, for any day (property: checked against JavaScript's own calendar)", () => {
  // The expected day comes from Date.UTC, not from days.ts's integer arithmetic; impossible dates
  // (31 April, 29 February of a common year) are those Date.UTC rolls over.
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  const MESES = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
  ];
  const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  const pad = (n: number) => String(n).padStart(2, "0");
  const ymd = fc.record({
    y: fc.integer({ min: 1930, max: 2099 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  });
  /** The day number of y-m-d by JavaScript's calendar, or undefined when there is no such date. */
  const jsDay = ({ y, m, d }: { y: number; m: number; d: number }): number | undefined => {
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCDate() === d ? date.getTime() / 86_400_000 : undefined;
  };
  /** The forms in which the run's texts are read the same in either order, and those of each order. */
  const anyOrder = ({ y, m, d }: { y: number; m: number; d: number }): string[] => {
    const month = MONTHS[m - 1] as string;
    const mon = month.slice(0, 3);
    const mes = MESES[m - 1] as string;
    const yy = y % 100;
    const twoDigit = y >= 1930 && y <= 2029; // Excel's 2029 rule reads yy as 1930–2029
    return [
      `${y}-${pad(m)}-${pad(d)}`,
      `${y}-${pad(m)}-${pad(d)}T13:45:00`,
      `${y}-${pad(m)}-${pad(d)} 13:45:00`,
      `${y}/${m}/${d}`,
      `${y}${pad(m)}${pad(d)}`,
      `${d}-${mon}-${y}`,
      `${d} ${month} ${y}`,
      `${month} ${d}, ${y}`,
      `${mon} ${d}, ${y}`,
      `${pad(d)}${mon.toUpperCase()}${y}`,
      `${pad(d)}${mon.toUpperCase()}${y}:00:00:00`,
      ...(twoDigit ? [`${d}-${mon}-${pad(yy)}`, `${pad(d)}${mon.toUpperCase()}${pad(yy)}`] : []),
      // Spanish (Mexico, United States): Excel's d-mmm-yy, LibreOffice's rendering of it, the long date.
      `${d} de ${mes} de ${y}`,
      ...(twoDigit ? [`${d}-${mes.slice(0, 3)}-${pad(yy)}`, `${d} de ${mes.slice(0, 3)} de ${pad(yy)}`] : []),
      // September as Peru and Uruguay spell it.
      ...(m === 9 ? [`${d} de setiembre de ${y}`, ...(twoDigit ? [`${d}-set-${pad(yy)}`] : [])] : []),
    ];
  };
  const monthFirst = ({ y, m, d }: { y: number; m: number; d: number }): string[] => [
    `${m}/${d}/${y}`,
    `${pad(m)}/${pad(d)}/${y}`,
    `${m}-${d}-${y}`,
    `${m}/${d}/${y} 11:15 PM`,
    ...(y >= 1930 && y <= 2029 ? [`${m}/${d}/${pad(y % 100)}`] : []),
  ];
  const dayFirst = ({ y, m, d }: { y: number; m: number; d: number }): string[] => [
    `${d}/${m}/${y}`,
    `${pad(d)}.${pad(m)}.${y}`,
    `${d}-${m}-${y}`,
  ];

  it("reads each form of a date as that day, and none of an impossible date", () => {
    fc.assert(
      fc.property(ymd, (date) => {
        const day = jsDay(date);
        for (const text of [...anyOrder(date), ...monthFirst(date)]) expect([text, dayFromText(text)]).toEqual([text, day]);
        for (const text of [...anyOrder(date), ...dayFirst(date)]) expect([text, dayFromText(text, "dmy")]).toEqual([text, day]);
        expect(dayFromNumber(date.y * 10_000 + date.m * 100 + date.d)).toBe(day); // YYYYMMDD as a number
      }),
      { numRuns: 400 },
    );
  });

  it("reads a weekday only when it is the date's own, and an Excel serial in either date system", () => {
    fc.assert(
      fc.property(ymd, fc.integer({ min: 0, max: 6 }), (date, weekday) => {
        const day = jsDay(date);
        fc.pre(day !== undefined);
        const own = new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay();
        const text = `${WEEKDAYS[weekday]}, ${MONTHS[date.m - 1]} ${date.d}, ${date.y}`;
        expect(dayFromText(text)).toBe(weekday === own ? day : undefined);
        // Serials count days from 1899-12-30 (1900 system, from March 1900 on) or 1904-01-01.
        expect(dayFromNumber((day as number) + 25_569)).toBe(day);
        expect(dayFromNumber((day as number) + 24_107, 1904)).toBe(day);
      }),
      { numRuns: 400 },
    );
  });
});
