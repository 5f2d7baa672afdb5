/** The CLI run in-process, as the tests drive it: its stdout, stderr and exit code. */
import { runCli, type CliIO } from "../../src/cli/run";
import { dayFromISO } from "../../src/engine";

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `ecm args…` as if started from the folder `cwd` (npm's INIT_CWD), on 2026-06-30. */
export async function cliIn(cwd: string, ...args: string[]): Promise<CliRun> {
  let out = "";
  let err = "";
  const io: CliIO = {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    cwd: () => cwd,
    today: () => dayFromISO("2026-06-30") as number,
  };
  return { code: await runCli(args, io), out, err };
}

/** Runs `ecm args…` from the project folder. */
export const cli = (...args: string[]): Promise<CliRun> => cliIn(process.cwd(), ...args);
