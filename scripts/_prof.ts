import { dayFromISO, mapHeaders, validateRows, type ClaimRow } from "../src/engine";
import { generateClaims } from "./generate-claims";
const N = Number(process.argv[2] ?? 1e6);
const { header, rows: grid } = generateClaims(N);
const mapping = mapHeaders(header);
const rows: ClaimRow[] = grid.map((cells, i) => ({ row: i + 2, cells }));
for (let i = 0; i < Number(process.argv[3] ?? 6); i++) { (globalThis as {gc?: () => void}).gc?.(); const t = performance.now(); validateRows(rows, mapping, { asOf: dayFromISO("2026-06-30") as number }); console.log("took", (performance.now() - t).toFixed(0)); }
