/**
 * Served in place of Office.js in the browser test: an Office object whose onReady says "Excel",
 * and the in-memory Excel stand-in holding the sample claims (window.__ECM_SAMPLE__).
 */
import { FakeWorkbook } from "../helpers/fake-excel";

interface TestWindow {
  __ECM_SAMPLE__: unknown[][];
  __book: FakeWorkbook;
  Excel: unknown;
  Office: unknown;
}
const w = window as unknown as TestWindow;
const book = new FakeWorkbook();
book.addSheet("Claims", w.__ECM_SAMPLE__);
w.__book = book;
w.Excel = book.api();
const dark = new URLSearchParams(location.search).has("dark");
w.Office = {
  HostType: { Excel: "Excel" },
  context: { officeTheme: { bodyBackgroundColor: dark ? "#262626" : "#FFFFFF" } },
  onReady(callback?: (info: { host: string; platform: string }) => void) {
    const info = { host: "Excel", platform: "OfficeOnline" };
    return Promise.resolve().then(() => {
      callback?.(info);
      return info;
    });
  },
};
