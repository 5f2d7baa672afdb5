#!/usr/bin/env node
import { processIO, runCli } from "./run";

// Output piped to a program that stops reading (`| head`): stop quietly, as Unix tools do.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

// A damaged workbook can leave the zip reader waiting for bytes that never come: its promise never
// settles, nothing is left to run, and Node would exit with status 0 and no output. Never that.
let settled = false;
process.on("beforeExit", () => {
  if (settled) return;
  settled = true;
  const file = process.argv.slice(2).find((a) => !a.startsWith("-")) ?? "the file";
  // eslint-disable-next-line no-control-regex -- one line, whatever the name holds
  const shown = file.replace(/[\u0000-\u001f]/g, " ");
  process.stderr.write(`ecm: ${shown} could not be read to the end: the file looks damaged; open it in Excel and save it again\n`);
  process.exitCode = 2;
});

runCli(process.argv.slice(2), processIO).then(
  (code) => {
    settled = true;
    process.exitCode = code;
  },
  (error: unknown) => {
    settled = true;
    const message = error instanceof Error ? error.message : String(error);
    // eslint-disable-next-line no-control-regex -- one line, whatever the error says
    process.stderr.write(`ecm: unexpected failure: ${message.replace(/[\u0000-\u001f]/g, " ")}\n`);
    process.exitCode = 2;
  },
);
