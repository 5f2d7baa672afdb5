/** npm start: what it runs on each OS, as Microsoft's template does (arguments after `npm start --` passed on). */
import { LINUX_STEPS, startCommand } from "../src/dev/start";

describe("npm start", () => {
  it.each(["win32", "darwin", "linux"] as const)("passes `npm start -- web --document <url>` on to office-addin-debugging on %s", (os) => {
    expect(startCommand(os, ["web", "--document", "https://contoso.sharepoint.com/claims.xlsx"])).toEqual({
      command: "npx",
      args: ["office-addin-debugging", "start", "manifest.xml", "web", "--document", "https://contoso.sharepoint.com/claims.xlsx"],
    });
  });

  it("sideloads into Excel desktop on Windows and macOS, and on Linux serves the add-in and prints the Excel on the web steps", () => {
    expect(startCommand("win32", []).args).toEqual(["office-addin-debugging", "start", "manifest.xml"]);
    const linux = startCommand("linux", []);
    expect(linux.args).toEqual(["webpack", "serve", "--mode", "development"]);
    expect(linux.steps).toBe(LINUX_STEPS);
    expect(LINUX_STEPS).toContain("Home > Add-ins > More Settings > Upload My Add-in");
    expect(LINUX_STEPS).toContain("local-network-access prompt");
  });
});
