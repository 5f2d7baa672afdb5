/**
 * Served in place of Office.js in the browser test: an Office object whose onReady says "Excel"
 * (with Office.addin's visibility event of the shared runtime), the CustomFunctions global the
 * functions bundle registers with, and the in-memory Excel stand-in holding the sample claims
 * (window.__ECM_SAMPLE__).
 */
import { FakeWorkbook } from "../helpers/fake-excel";
import "../helpers/custom-functions-global";

interface TestWindow {
  __ECM_SAMPLE__: unknown[][];
  __book: FakeWorkbook;
  __showPane: () => void;
  Excel: unknown;
  Office: unknown;
}
const w = window as unknown as TestWindow;
const book = new FakeWorkbook();
book.addSheet("Claims", w.__ECM_SAMPLE__);
w.__book = book;
w.Excel = book.api();
const dark = new URLSearchParams(location.search).has("dark");
const visibility: ((args: { visibilityMode: string }) => void)[] = [];
/** The pane shown again (Office.addin.showAsTaskpane, or the user clicking the ribbon button). */
w.__showPane = () => visibility.forEach((h) => h({ visibilityMode: "Taskpane" }));
w.Office = {
  HostType: { Excel: "Excel" },
  VisibilityMode: { hidden: "Hidden", taskpane: "Taskpane" },
  // Shared runtime only: https://learn.microsoft.com/office/dev/add-ins/develop/show-hide-add-in
  addin: {
    onVisibilityModeChanged(handler: (args: { visibilityMode: string }) => void) {
      visibility.push(handler);
      return Promise.resolve(() => Promise.resolve(void visibility.splice(visibility.indexOf(handler), 1)));
    },
  },
  context: { officeTheme: { bodyBackgroundColor: dark ? "#262626" : "#FFFFFF" } },
  onReady(callback?: (info: { host: string; platform: string }) => void) {
    const info = { host: "Excel", platform: "OfficeOnline" };
    return Promise.resolve().then(() => {
      callback?.(info);
      return info;
    });
  },
};
