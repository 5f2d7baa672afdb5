/** A production build for a deployment URL: every localhost URL rewritten, manifest still valid. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateManifest } from "../src/dev/validate-manifest";

describe("production build with ECM_DEPLOY_URL", () => {
  const out = mkdtempSync(join(tmpdir(), "ecm-dist-"));
  const url = "https://claims.example.org/ecm/";

  beforeAll(() => {
    const r = spawnSync("npx", ["webpack", "--mode", "production", "--output-path", out, "--stats", "errors-only"], {
      encoding: "utf8",
      env: { ...process.env, ECM_DEPLOY_URL: url },
    });
    if (r.status !== 0) throw new Error(`webpack failed: ${r.stdout}${r.stderr}`);
  }, 120_000);

  it("emits the page, bundles, metadata, help, icons and manifest", () => {
    expect(readdirSync(out).sort()).toEqual([
      "assets",
      expect.stringMatching(/^engine\.[0-9a-f]{8}\.js$/), // content-hashed: a new rate table is never served stale
      "functions.js",
      "functions.json",
      "help.html",
      "manifest.xml",
      "taskpane.html",
      "taskpane.js",
      "webview-check.js",
    ]);
    // The webview check runs before the bundles, which a webview without ES2020 cannot parse.
    const page = readFileSync(join(out, "taskpane.html"), "utf8");
    const scripts = [...page.matchAll(/<script[^>]*src="?([^" >]+)/g)].map((m) => m[1] ?? "");
    const check = scripts.findIndex((s) => s.endsWith("webview-check.js"));
    expect(check).toBeGreaterThan(0); // after office.js
    expect(check).toBeLessThan(scripts.findIndex((s) => /engine\.[0-9a-f]{8}\.js$/.test(s)));
    expect(readdirSync(join(out, "assets")).sort()).toEqual(["icon-16.png", "icon-32.png", "icon-64.png", "icon-80.png"]);
  });

  it("points the manifest and the help links at the deployment URL", async () => {
    const manifest = readFileSync(join(out, "manifest.xml"), "utf8");
    expect(manifest).not.toContain("localhost");
    expect(manifest).toContain(`<SourceLocation DefaultValue="${url}taskpane.html"/>`);
    expect(readFileSync(join(out, "functions.json"), "utf8")).toContain(`"helpUrl": "${url}help.html#ecm-rate"`);
    expect((await validateManifest(manifest)).valid).toBe(true);
  });

  it("refuses a deployment URL that is not https", () => {
    const r = spawnSync("npx", ["webpack", "--mode", "production", "--output-path", join(out, "x"), "--stats", "errors-only"], {
      encoding: "utf8",
      env: { ...process.env, ECM_DEPLOY_URL: "http://insecure.example.org/" },
    });
    expect(r.status).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toContain("deployment URL must start with https://");
  }, 120_000);
});
