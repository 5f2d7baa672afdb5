/**
 * npm start: on Windows and macOS, sideloads the add-in into Excel desktop with
 * office-addin-debugging (which also starts the dev server). On Linux that tool cannot sideload
 * and exits 0 anyway, so this says so, prints the steps for Excel on the web, and starts the
 * https dev server itself.
 */
import { spawn } from "node:child_process";

export const LINUX_STEPS = `Excel desktop cannot be sideloaded on Linux: office-addin-debugging answers "Platform not supported: linux"
(and exits 0 regardless), so npm start only starts the dev server here. To use the add-in in Excel on the web:

  1. Leave this running: it serves the add-in at https://localhost:3000/ (press Ctrl+C to stop).
  2. Make your browser trust the certificate: open https://localhost:3000/taskpane.html once and accept it,
     or run "npx office-addin-dev-certs install" and trust ~/.office-addin-dev-certs/ca.crt in the browser.
  3. In the same browser open Excel on the web (https://www.office.com), create or open a workbook.
  4. Home > Add-ins > More Add-ins > Upload My Add-in (or Insert > Add-ins > Upload My Add-in),
     choose manifest.xml from this folder, Upload.
  5. "Check ECM claims" appears on the Home tab; in a cell, =ECM.RATE("G9008","U1") gives 400.
`;

function run(command: string, args: string[]): void {
  const child = spawn(command, args, { stdio: "inherit", shell: process.platform === "win32" });
  child.on("exit", (code) => (process.exitCode = code ?? 1));
}

if (process.platform === "linux") {
  process.stdout.write(LINUX_STEPS + "\n");
  run("npx", ["webpack", "serve", "--mode", "development"]);
} else {
  run("npx", ["office-addin-debugging", "start", "manifest.xml"]);
}
