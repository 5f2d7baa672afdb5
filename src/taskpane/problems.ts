/** What stops a task-pane run: a problem the analyst has to solve, or a cancel; and how a run reports progress. */
/** A problem the analyst has to solve (missing columns, foreign data in the way, …). */
export class PaneProblem extends Error {
  constructor(
    message: string,
    /** When the result columns hold someone else's data: the first free columns to use instead. */
    readonly alternativeColumn?: number,
    /** The problems one by one (a members list's bad rows), listed below the message. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

export class Cancelled extends Error {
  constructor(message = "Cancelled before anything was written.") {
    super(message);
  }
}

export interface Progress {
  phase: "read" | "check" | "write";
  done: number;
  total: number;
  text: string;
}
