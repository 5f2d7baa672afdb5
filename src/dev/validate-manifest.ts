/**
 * Validates add-in XML manifests offline against Microsoft's published manifest XSDs (with the
 * documented local fixes, see manifest-schemas/SOURCE.md), using libxml2 compiled to WebAssembly
 * (xmllint-wasm), so no system xmllint is needed. `npm run validate [FILE ...]` (default manifest.xml).
 * Exit 0 = all valid, 1 = anything else.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { validateXML } from "xmllint-wasm";

const SCHEMA_DIR = join(__dirname, "manifest-schemas");
const ROOT_SCHEMA = "OfficeAppManifestV1_1.xsd";

export interface ManifestCheck {
  valid: boolean;
  errors: string[];
}

export async function validateManifest(xml: string, fileName = "manifest.xml"): Promise<ManifestCheck> {
  const schemas = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith(".xsd"));
  const result = await validateXML({
    xml: [{ fileName, contents: xml }],
    schema: [{ fileName: ROOT_SCHEMA, contents: readFileSync(join(SCHEMA_DIR, ROOT_SCHEMA), "utf8") }],
    preload: schemas.filter((f) => f !== ROOT_SCHEMA).map((f) => ({ fileName: f, contents: readFileSync(join(SCHEMA_DIR, f), "utf8") })),
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage.trim()) };
}

async function main(files: string[]): Promise<number> {
  let status = 0;
  for (const file of files.length > 0 ? files : ["manifest.xml"]) {
    let xml: string;
    try {
      xml = readFileSync(file, "utf8");
    } catch (e) {
      process.stderr.write(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})\n`);
      status = 1;
      continue;
    }
    const check = await validateManifest(xml, file);
    if (check.valid) process.stdout.write(`${file}: valid against the Office add-in manifest XSDs\n`);
    else {
      status = 1;
      process.stderr.write(`${file}: INVALID\n${check.errors.map((e) => `  ${e}`).join("\n")}\n`);
    }
  }
  return status;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
