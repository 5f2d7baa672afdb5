/**
 * manifest.xml against Microsoft's manifest XSDs (offline, libxml2 via WebAssembly), the checks the
 * XSDs cannot make (resource ids, https, shared runtime wiring), and proof the check can fail.
 */
import { readFileSync } from "node:fs";
import { validateManifest } from "../src/dev/validate-manifest";

const manifest = readFileSync("manifest.xml", "utf8");

describe("manifest.xml", () => {
  it("is valid against the Office add-in manifest XSDs", async () => {
    expect(await validateManifest(manifest)).toEqual({ valid: true, errors: [] });
  });

  it.each([
    ["a bad permission", (m: string) => m.replace("<Permissions>ReadWriteDocument", "<Permissions>ReadWriteEverything")],
    ["a misspelt element", (m: string) => m.replace("<Runtimes>", "<Runtimez>").replace("</Runtimes>", "</Runtimez>")],
    ["no <Id>", (m: string) => m.replace(/<Id>[^<]*<\/Id>/, "")],
    ["an unknown extension point", (m: string) => m.replace('xsi:type="CustomFunctions"', 'xsi:type="CustomFunctionz"')],
    ["a runtime lifetime that does not exist", (m: string) => m.replace('lifetime="long"', 'lifetime="forever"')],
    [
      "the ribbon in AllFormFactors",
      (m: string) => m.replace("<AllFormFactors>", '<AllFormFactors><ExtensionPoint xsi:type="PrimaryCommandSurface"/>'),
    ],
  ])("is rejected with %s (the check can fail)", async (_what, breakIt) => {
    const broken = breakIt(manifest);
    expect(broken).not.toBe(manifest);
    const check = await validateManifest(broken, "broken.xml");
    expect(check.valid).toBe(false);
    expect(check.errors.join("\n")).toMatch(/broken\.xml:\d+: (Schemas validity error|parser error)/);
  });

  it("defines every resource id it uses, and uses only https URLs", () => {
    const used = [...manifest.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
    const defined = new Set([...manifest.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]));
    for (const id of used) expect(defined.has(id)).toBe(true);
    for (const [, url] of manifest.matchAll(/DefaultValue="(\w+:\/\/[^"]+)"/g)) expect(url).toMatch(/^https:\/\//);
  });

  it("runs task pane, functions and ribbon in one long-lived shared runtime, namespace ECM", () => {
    expect(manifest).toContain('<Set Name="SharedRuntime" MinVersion="1.1"/>');
    expect(manifest).toContain('<Runtime resid="Taskpane.Url" lifetime="long"/>');
    expect(manifest).toMatch(/<Page>\s*<SourceLocation resid="Taskpane.Url"\/>/);
    expect(manifest).toContain('<FunctionFile resid="Taskpane.Url"/>');
    expect(manifest).toMatch(/<Action xsi:type="ShowTaskpane">[\s\S]*?<SourceLocation resid="Taskpane.Url"\/>/);
    // Shared runtime: no <Action> under a host with a long-lived runtime has a TaskpaneId
    // (docs: develop/configure-your-add-in-to-use-a-shared-runtime.md).
    expect(manifest).not.toContain("<TaskpaneId>");
    expect(manifest).toContain('<bt:String id="Functions.Namespace" DefaultValue="ECM"/>');
    expect(manifest).toContain("<Permissions>ReadWriteDocument</Permissions>");
    expect(manifest).not.toContain("<AppDomains>");
    expect(manifest).toContain('<OfficeTab id="TabHome">');
    for (const size of [16, 32, 80]) expect(manifest).toContain(`assets/icon-${size}.png`);
  });
});

describe("icons", () => {
  it.each([16, 32, 64, 80])("assets/icon-%i.png is a %i px PNG", (size) => {
    const png = readFileSync(`assets/icon-${size}.png`);
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
  });
});
