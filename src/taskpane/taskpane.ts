/** Task pane entry: wires the view to the controller and the controller to Excel. */
import { dayFromISO, formatDay } from "../engine";
import { localToday } from "../shared/today";
import { Cancelled, PaneController, PaneProblem, type Inspection } from "./controller";
import { createExcelIO } from "./excel-io";
import { ExcelProblem, type CellChange } from "./io";
import { LiveWatcher, asOfWhenVisible, watchAtStart } from "./live";
import { columnLetters } from "./a1";
import { applyTheme, prefersDark } from "./theme";
import { PaneView } from "./view";
import { runOutcome } from "./outcome";

const REVALIDATE_DELAY_MS = 800;

function start(): void {
  applyTheme(prefersDark(Office.context?.officeTheme?.bodyBackgroundColor));
  const view = new PaneView();
  const io = createExcelIO();
  const pane = new PaneController(io);
  let found: Inspection | undefined;
  let abort: AbortController | undefined;
  /** The day "As of" was last filled in with today's date. */
  let filledFor = formatDay(localToday());
  view.asOfInput.value = filledFor;

  const explain = (error: unknown): void => {
    if (error instanceof Cancelled) view.say("info", error.message);
    else if (error instanceof PaneProblem) {
      const alt = error.alternativeColumn;
      view.say(
        "error",
        error.message,
        alt === undefined
          ? undefined
          : { label: `Write to ${columnLetters(alt)}:${columnLetters(alt + 3)}`, run: () => void validate(alt) },
        error.details,
      );
    } else if (error instanceof ExcelProblem) view.say("error", error.message);
    else view.say("error", `Something went wrong: ${error instanceof Error ? error.message : String(error)}. Nothing further was changed.`);
  };

  const inspect = async (): Promise<void> => {
    try {
      found = await pane.inspect();
      view.showTarget(found);
      view.showColumns(found, (field, header) => {
        if (found !== undefined) void pane.pickColumn(found.key, field, header).then(inspect, explain);
      });
    } catch (error) {
      explain(error);
    }
  };

  const revalidate = async (change: CellChange): Promise<void> => {
    try {
      const asOf = dayFromISO(view.asOfInput.value) ?? localToday();
      const result = await pane.revalidate(change, (p) => view.showProgress(p), asOf);
      if (result !== undefined) {
        view.showResults(result, (row) => void pane.selectRow(row).catch(explain));
        const outcome = runOutcome(result.summary, result.note, "Re-checked after your edit");
        view.say(outcome.kind, outcome.text);
      }
    } catch (error) {
      explain(error);
    }
  };
  const showBook = async (): Promise<void> => {
    try {
      view.showBook(await pane.rateBook());
    } catch (error) {
      explain(error);
    }
  };

  const watcher = new LiveWatcher(io, revalidate, () => abort !== undefined, REVALIDATE_DELAY_MS);

  const watch = async (): Promise<void> => {
    if (!view.liveInput.checked || found === undefined) await watcher.disarm().catch(explain);
    else await watcher.arm(found.located.sheetName).catch(explain);
  };

  // Shared runtime: the page lives on while the pane is hidden. When it shows again, look at the
  // sheet again and move "As of" to today if the day changed (unless the analyst set it).
  Office.addin?.onVisibilityModeChanged?.((args) => {
    if (args.visibilityMode !== Office.VisibilityMode.taskpane) return;
    const today = formatDay(localToday());
    view.asOfInput.value = asOfWhenVisible(view.asOfInput.value, filledFor, today);
    filledFor = today;
    void inspect();
  });

  const validate = async (useColumn?: number): Promise<void> => {
    const asOf = dayFromISO(view.asOfInput.value);
    if (asOf === undefined) {
      view.say("error", "As of must be a date.");
      view.asOfInput.focus();
      return;
    }
    abort = new AbortController();
    view.setBusy(true);
    view.say("info", "");
    try {
      const result = await pane.validate(asOf, (p) => view.showProgress(p), abort.signal, useColumn);
      view.showResults(result, (row) => void pane.selectRow(row).catch(explain));
      view.showBook(result.book); // what the run read: no second read of the rate table
      const outcome = runOutcome(result.summary, result.note);
      view.say(outcome.kind, outcome.text);
      await inspect();
      await watch();
    } catch (error) {
      explain(error);
      if (error instanceof PaneProblem) await showBook(); // a rate table with errors lists them there
    } finally {
      abort = undefined;
      view.setBusy(false);
      view.validateButton.focus();
    }
  };

  view.validateButton.addEventListener("click", () => void validate());
  view.insertRatesButton.addEventListener("click", () => {
    void (async () => {
      try {
        view.setBusy(true);
        view.say("ok", await pane.insertDefaultBook());
        await showBook();
        view.showMemberSources(await pane.memberSources());
      } catch (error) {
        explain(error);
      } finally {
        view.setBusy(false);
      }
    })();
  });
  view.cancelButton.addEventListener("click", () => abort?.abort());
  view.refreshButton.addEventListener("click", () => void inspect());
  view.clearButton.addEventListener("click", () => {
    void (async () => {
      try {
        view.setBusy(true);
        view.say("ok", await pane.clear());
        view.clearResults();
      } catch (error) {
        explain(error);
      } finally {
        view.setBusy(false);
      }
    })();
  });
  view.summaryInput.addEventListener("change", () => void pane.setOptions({ summarySheet: view.summaryInput.checked }).catch(explain));
  view.cinInput.addEventListener("change", () => void pane.setOptions({ cinFormat: view.cinInput.checked }).catch(explain));
  view.membersSelect.addEventListener("change", () => void pane.pickMembers(view.memberSource()).catch(explain));
  view.liveInput.addEventListener("change", () => {
    void pane.setOptions({ revalidateOnEdit: view.liveInput.checked }).then(watch).catch(explain);
  });

  void (async () => {
    let settings: Awaited<ReturnType<typeof pane.loadSettings>> | undefined;
    try {
      settings = await pane.loadSettings();
      view.summaryInput.checked = settings.options.summarySheet;
      view.liveInput.checked = settings.options.revalidateOnEdit;
      view.cinInput.checked = settings.options.cinFormat === true;
      view.showMemberSources(await pane.memberSources());
    } catch (error) {
      explain(error);
    }
    await showBook();
    await inspect();
    // Re-validate on edit survives closing the pane and reopening the workbook.
    if (settings !== undefined && found !== undefined && watchAtStart(settings, found.located)) await watch();
  })();
}

Office.onReady((info) => {
  if (info.host === Office.HostType.Excel) start();
  else {
    const target = document.getElementById("target");
    if (target !== null) target.textContent = "Open this add-in in Excel to check claims.";
  }
});
