#!/usr/bin/env node
import { processIO, runCli } from "./run";

// Output piped to a program that stops reading (`| head`): stop quietly, as Unix tools do.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

runCli(process.argv.slice(2), processIO).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    // eslint-disable-next-line no-control-regex -- one line, whatever the error says
    process.stderr.write(`ecm: unexpected failure: ${message.replace(/[\u0000-\u001f]/g, " ")}\n`);
    process.exitCode = 2;
  },
);
