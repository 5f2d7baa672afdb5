/** npm stop: unloads the sideloaded add-in and stops the dev server (Windows, macOS). */
import { spawn } from "node:child_process";

if (process.platform === "linux") {
  process.stdout.write(
    "Nothing was sideloaded on Linux. Stop the dev server with Ctrl+C in the terminal running npm start;\n" +
      "remove the add-in in Excel on the web under Home > Add-ins > My Add-ins.\n",
  );
} else {
  spawn("npx", ["office-addin-debugging", "stop", "manifest.xml"], { stdio: "inherit", shell: process.platform === "win32" }).on(
    "exit",
    (code) => (process.exitCode = code ?? 1),
  );
}
