import { dayFromSerial, formatDay, parseDay } from "../engine";
import { excelDate, LEAP_DAY_1900_TEXT, ZERO_DATE_TEXT } from "./excel-dates";

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
