/**
 * Draws the add-in's icons (assets/icon-16/32/64/80.png) from one geometry: a teal rounded
 * square (the sheet) with faint row lines and a white check mark (the claim passes). Rendered
 * with 8×8 supersampling and written as PNG with Node's zlib only. Run: npm run icons
 */
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

type Rgba = [number, number, number, number];
const TEAL: Rgba = [11, 110, 105, 255];
const WHITE: Rgba = [255, 255, 255, 255];

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function insideRoundedSquare(x: number, y: number, margin: number, radius: number): boolean {
  const lo = margin + radius;
  const hi = 1 - margin - radius;
  const cx = Math.min(Math.max(x, lo), hi);
  const cy = Math.min(Math.max(y, lo), hi);
  return Math.hypot(x - cx, y - cy) <= radius;
}

/** Colour of the icon at unit coordinates (x, y), before anti-aliasing. */
function shade(x: number, y: number, size: number): Rgba {
  if (!insideRoundedSquare(x, y, 0.03, 0.2)) return [0, 0, 0, 0];
  const stroke = size <= 16 ? 0.075 : 0.058; // half-width of the check mark; bolder when tiny
  const check = Math.min(distanceToSegment(x, y, 0.25, 0.53, 0.43, 0.71), distanceToSegment(x, y, 0.43, 0.71, 0.77, 0.32)) <= stroke;
  if (check) return WHITE;
  if (size >= 32 && [0.3, 0.5, 0.7].some((ly) => Math.abs(y - ly) <= 0.014) && x > 0.14 && x < 0.86) {
    return [Math.round(TEAL[0] * 0.75 + 255 * 0.25), Math.round(TEAL[1] * 0.75 + 255 * 0.25), Math.round(TEAL[2] * 0.75 + 255 * 0.25), 255];
  }
  return TEAL;
}

function render(size: number): Buffer {
  const n = 8;
  const rows: Buffer[] = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0 + RGBA
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        coverage = 0; // premultiplied sums over the sub-samples
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [cr, cg, cb, ca] = shade((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size, size);
          const a = ca / 255;
          r += cr * a;
          g += cg * a;
          b += cb * a;
          coverage += a;
        }
      }
      const o = 1 + px * 4;
      row[o] = coverage > 0 ? Math.round(r / coverage) : 0;
      row[o + 1] = coverage > 0 ? Math.round(g / coverage) : 0;
      row[o + 2] = coverage > 0 ? Math.round(b / coverage) : 0;
      row[o + 3] = Math.round((coverage / (n * n)) * 255);
    }
    rows.push(row);
  }
  return png(size, size, Buffer.concat(rows));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
function png(width: number, height: number, raw: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(6, 9); // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const size of [16, 32, 64, 80]) {
  writeFileSync(`assets/icon-${size}.png`, render(size));
  process.stdout.write(`wrote assets/icon-${size}.png\n`);
}
