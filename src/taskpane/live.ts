/**
 * The pane's life in Excel's shared runtime, without the DOM: the re-validate-on-edit watcher
 * (debounced, merged, quiet while a run writes), whether to re-arm it at start-up, and what "As
 * of" shows when the pane becomes visible again on a later day. taskpane.ts wires these to the
 * view and to Office.addin.onVisibilityModeChanged.
 */
import type { CellChange, ExcelIO, Located, StoredSettings } from "./io";
import { orphans } from "./renames";
import { targetKey } from "./target";

/** The smallest block covering two changes; structural when either is. */
export function mergeChanges(a: CellChange, b: CellChange): CellChange {
  const row = Math.min(a.block.row, b.block.row);
  const col = Math.min(a.block.col, b.block.col);
  const rowEnd = Math.max(a.block.row + a.block.rows, b.block.row + b.block.rows);
  const colEnd = Math.max(a.block.col + a.block.cols, b.block.col + b.block.cols);
  return { block: { row, col, rows: rowEnd - row, cols: colEnd - col }, structural: a.structural || b.structural };
}

/**
 * Watches one sheet: changes within `delayMs` of each other are merged into one re-validation;
 * changes while `busy()` (a run of the pane writing its own columns) are not edits. Co-authors'
 * edits never arrive here (excel-io drops source Remote).
 */
export class LiveWatcher {
  private stop: (() => Promise<void>) | undefined;
  private pending: CellChange | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sheet: string | undefined;

  constructor(
    private readonly io: ExcelIO,
    private readonly revalidate: (change: CellChange) => Promise<void>,
    private readonly busy: () => boolean,
    private readonly delayMs = 800,
  ) {}

  /** The sheet watched, if any. */
  get watching(): string | undefined {
    return this.sheet;
  }

  async arm(sheet: string): Promise<void> {
    await this.disarm();
    this.stop = await this.io.onChanged(sheet, (change) => this.queue(change));
    this.sheet = sheet;
  }

  async disarm(): Promise<void> {
    clearTimeout(this.timer);
    this.pending = undefined;
    const stop = this.stop;
    this.stop = undefined;
    this.sheet = undefined;
    if (stop !== undefined) await stop();
  }

  private queue(change: CellChange): void {
    if (this.busy()) return;
    this.pending = this.pending === undefined ? change : mergeChanges(this.pending, change);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Re-validates the merged pending change now (the timer calls this). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    const change = this.pending;
    this.pending = undefined;
    if (change !== undefined) await this.revalidate(change);
  }
}

/**
 * At start-up: watch again when the workbook says so and this add-in's results are on the target,
 * or may be (a record of a sheet or Table renamed since: the first edit then checks it, renames.ts).
 */
export function watchAtStart(settings: StoredSettings, located: Located): boolean {
  if (!settings.options.revalidateOnEdit) return false;
  return settings.results[targetKey(located)] !== undefined || orphans(settings, located).length > 0;
}

/**
 * "As of" when the pane becomes visible again: today's date if the day changed since it was
 * filled in and the analyst had left it at that day's date; a date they typed themselves stays.
 */
export function asOfWhenVisible(shown: string, filledFor: string, today: string): string {
  return shown === filledFor && today !== filledFor ? today : shown;
}
