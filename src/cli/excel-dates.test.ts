import { dayFromSerial, formatDay, parseDay } from "../engine";
import { excelDate, keepSerialsPastLastDay, LEAP_DAY_1900_TEXT, writableDate, ZERO_DATE_TEXT } from "./excel-dates";

/** The Date ExcelJS makes of a 1900-system serial (exceljs/lib/utils/utils.js excelToDate): days from 1899-12-30. */
const exceljsDate = (serial: number) => new Date(Math.round((serial - 25_569) * 86_400_000));

describe("excelDate: ExcelJS's date of a serial as the cell Excel shows", () => {
  it("gives every serial from 1 to 200 the day the engine gives the serial itself (what Excel hands a custom function)", () => {
    for (let serial = 1; serial <= 200; serial++) {
      const cell = excelDate(exceljsDate(serial));
      const viaCli = parseDay(cell);
      const viaFunction = dayFromSerial(serial);
      expect([serial, viaCli === undefined ? cell : formatDay(viaCli)]).toEqual([
        serial,
        viaFunction === undefined ? LEAP_DAY_1900_TEXT : formatDay(viaFunction),
      ]);
    }
  });

  it("gives ExcelJS's writer back the Date it read, for every serial from 1 to 200 but Excel's 29 February 1900", () => {
    for (let serial = 1; serial <= 200; serial += 0.25) {
      const shown = excelDate(exceljsDate(serial));
      if (serial >= 60 && serial < 61) expect(shown).toBe(LEAP_DAY_1900_TEXT);
      else expect([serial, writableDate(shown as Date).toISOString()]).toEqual([serial, exceljsDate(serial).toISOString()]);
    }
  });

  it("reads serial 1 as 1900-01-01, 59 as 1900-02-28, 60 as Excel's 2/29/1900 (no date) and 61 on unchanged", () => {
    expect((excelDate(exceljsDate(1)) as Date).toISOString()).toBe("1900-01-01T00:00:00.000Z");
    expect((excelDate(exceljsDate(59.75)) as Date).toISOString()).toBe("1900-02-28T18:00:00.000Z");
    expect(excelDate(exceljsDate(60))).toBe(LEAP_DAY_1900_TEXT);
    expect(excelDate(exceljsDate(60.5))).toBe(LEAP_DAY_1900_TEXT);
    const march = exceljsDate(61);
    expect(excelDate(march)).toBe(march);
    const service = exceljsDate(46_204); // 2026-07-01
    expect(excelDate(service)).toBe(service);
  });

  it("reads 0 and a time of day without a date as 1/0/1900, a negative serial as the number, an invalid Date as it is", () => {
    expect([excelDate(exceljsDate(0)), excelDate(exceljsDate(0.5))]).toEqual([ZERO_DATE_TEXT, ZERO_DATE_TEXT]);
    expect(excelDate(exceljsDate(-5))).toBeCloseTo(-5, 9);
    expect(parseDay(excelDate(exceljsDate(-5)))).toBeUndefined();
    const invalid = new Date(Number.NaN);
    expect(excelDate(invalid)).toBe(invalid);
  });
});

describe("keepSerialsPastLastDay: ExcelJS keeps a date-formatted number past 9999-12-31 as that number", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the ExcelJS module the patch replaces a function of
  const utils = require("exceljs/lib/utils/utils") as { excelToDate(serial: number, date1904?: boolean): Date | number };

  it("dates serials up to Excel's last day in either date system, and leaves later ones, and no number, as they are", () => {
    keepSerialsPastLastDay();
    const iso = (v: Date | number) => (v instanceof Date ? v.toISOString().slice(0, 10) : v);
    expect([utils.excelToDate(2_958_465), utils.excelToDate(2_958_466), utils.excelToDate(1e12)].map(iso)).toEqual([
      "9999-12-31",
      2_958_466,
      1e12,
    ]);
    expect([utils.excelToDate(2_957_003, true), utils.excelToDate(2_957_004, true)].map(iso)).toEqual(["9999-12-31", 2_957_004]);
    expect([utils.excelToDate(46_204), utils.excelToDate(0, true)].map(iso)).toEqual(["2026-07-01", "1904-01-01"]);
    expect(utils.excelToDate(Number.NaN)).toBeNaN();
  });

  it("patches once, however often it is called", () => {
    keepSerialsPastLastDay();
    const once = utils.excelToDate;
    keepSerialsPastLastDay();
    expect(utils.excelToDate).toBe(once);
  });
});
