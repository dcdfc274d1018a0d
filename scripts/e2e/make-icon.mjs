#!/usr/bin/env node
// Writes icon.png (128x128 RGBA): a rounded blue tile with a white [section] bracket pair and three
// "key = value" bars. No image library: raw pixels, zlib and a hand-made PNG container.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const N = 128;
const px = new Uint8Array(N * N * 4);
const BLUE = [31, 78, 121];
const WHITE = [255, 255, 255];
const YELLOW = [242, 193, 78];
const TEAL = [120, 200, 210];

/** Coverage of pixel (x, y) by a rounded rectangle, 4x4 supersampled for smooth edges. */
function cover(x, y, x0, y0, x1, y1, r) {
  let hit = 0;
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      const sx = x + (i + 0.5) / 4;
      const sy = y + (j + 0.5) / 4;
      if (sx < x0 || sx > x1 || sy < y0 || sy > y1) continue;
      const cx = Math.min(Math.max(sx, x0 + r), x1 - r);
      const cy = Math.min(Math.max(sy, y0 + r), y1 - r);
      if ((sx - cx) ** 2 + (sy - cy) ** 2 <= r * r) hit++;
    }
  }
  return hit / 16;
}

function paint(x0, y0, x1, y1, r, rgb) {
  for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
    for (let x = Math.floor(x0); x < Math.ceil(x1); x++) {
      const a = cover(x, y, x0, y0, x1, y1, r);
      if (a === 0) continue;
      const k = (y * N + x) * 4;
      const da = px[k + 3] / 255;
      const oa = a + da * (1 - a);
      for (let c = 0; c < 3; c++) px[k + c] = Math.round((rgb[c] * a + px[k + c] * da * (1 - a)) / oa);
      px[k + 3] = Math.round(oa * 255);
    }
  }
}

paint(4, 4, 124, 124, 22, BLUE);
// [ and ]
paint(20, 24, 30, 104, 3, WHITE);
paint(20, 24, 38, 33, 3, WHITE);
paint(20, 95, 38, 104, 3, WHITE);
paint(98, 24, 108, 104, 3, WHITE);
paint(90, 24, 108, 33, 3, WHITE);
paint(90, 95, 108, 104, 3, WHITE);
// key = value lines
paint(44, 44, 64, 52, 4, TEAL);
paint(68, 44, 84, 52, 4, WHITE);
paint(44, 60, 58, 68, 4, TEAL);
paint(62, 60, 84, 68, 4, YELLOW);
paint(44, 76, 70, 84, 4, TEAL);
paint(74, 76, 84, 84, 4, WHITE);

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) {
  raw[y * (N * 4 + 1)] = 0; // filter: none
  Buffer.from(px.buffer, y * N * 4, N * 4).copy(raw, y * (N * 4 + 1) + 1);
}
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = process.argv[2] ?? 'icon.png';
writeFileSync(out, png);
console.log(`${out}: ${png.length} bytes, ${N}x${N}`);
