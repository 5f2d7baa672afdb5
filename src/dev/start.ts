/**
 * npm start [-- <platform> [options]]: Microsoft's template runs `office-addin-debugging start
 * manifest.xml` and passes npm's extra arguments on (`npm start -- web --document <url>` sideloads
 * into a workbook of Excel on the web). This does the same on every OS, with one exception: on
 * Linux without arguments (where the tool cannot sideload Excel desktop, answers "Platform not
 * supported: linux" and exits 0 regardless) it prints the steps for Excel on the web and starts
 * the https dev server itself.
 */
import { spawn } from "node:child_process";

export const LINUX_STEPS = `Excel desktop cannot be sideloaded on Linux: office-addin-debugging answers "Platform not supported: linux"
(and exits 0 regardless), so npm start only starts the dev server here. To use the add-in in Excel on the web:

  1. Leave this running: it serves the add-in at https://localhost:3000/ (press Ctrl+C to stop).
  2. Make your browser trust the certificate: open https://localhost:3000/taskpane.html once and accept it,
     or run "npx office-addin-dev-certs install" and trust ~/.office-addin-dev-certs/ca.crt in the browser.
  3. In the same browser open Excel on the web (https://www.office.com), create or open a workbook.
  4. Home > Add-ins > More Settings > Upload My Add-in, choose manifest.xml from this folder, Upload.
  5. If the browser asks whether the page may access devices on your local network (Chrome and Edge's
     local-network-access prompt, because Excel on the web loads the add-in from localhost), allow it.
  6. "Check ECM claims" appears on the Home tab; in a cell, =ECM.RATE("G9008","U1") gives 400.
  Or let office-addin-debugging open a workbook with the add-in: npm start -- web --document <workbook URL>
`;

/** What npm start runs for this OS and these arguments (those after `npm start --`). */
export function startCommand(platform: NodeJS.Platform, args: readonly string[]): { command: string; args: string[]; steps?: string } {
  if (platform === "linux" && args.length === 0)
    return { command: "npx", args: ["webpack", "serve", "--mode", "development"], steps: LINUX_STEPS };
  return { command: "npx", args: ["office-addin-debugging", "start", "manifest.xml", ...args] };
}

if (require.main === module) {
  const plan = startCommand(process.platform, process.argv.slice(2));
  if (plan.steps !== undefined) process.stdout.write(plan.steps + "\n");
  const child = spawn(plan.command, plan.args, { stdio: "inherit", shell: process.platform === "win32" });
  child.on("exit", (code) => (process.exitCode = code ?? 1));
}
