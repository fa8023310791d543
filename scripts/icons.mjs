// `npm run icons [-- --check]`: every platform's app icon, made from the one source image
// resources/icon.svg. Writes resources/icon.png (1024 px), resources/icons/NxN.png (Linux),
// resources/icon.ico (Windows) and resources/icon.icns (macOS). With --check it writes nothing
// and fails when a committed icon differs from what the source gives (the packaging check runs it).
import './lib/require-node.mjs';
import { Resvg } from '@resvg/resvg-js';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib/ensure-built.mjs';

const resources = join(root, 'resources');
const svg = readFileSync(join(resources, 'icon.svg'), 'utf8');

/** The source drawn at `size` px; `inset` leaves a margin (macOS icons sit inside a grid). */
function render(size, inset = 0) {
  const inner = Math.round(size * (1 - 2 * inset));
  const offset = Math.round((size - inner) / 2);
  const framed =
    inset === 0
      ? svg
      : `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">` +
        `<image x="${offset}" y="${offset}" width="${inner}" height="${inner}" href="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"/></svg>`;
  const png = new Resvg(framed, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' })
    .render()
    .asPng();
  return Buffer.from(png);
}

/** Windows .ico: a directory of PNG images (allowed since Vista), 256 px written as 0. */
function ico(sizes) {
  const images = sizes.map((s) => render(s));
  const header = Buffer.alloc(6 + 16 * sizes.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(sizes.length, 4);
  let offset = header.length;
  sizes.forEach((size, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at);
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(images[i].length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += images[i].length;
  });
  return Buffer.concat([header, ...images]);
}

/** macOS .icns: typed PNG chunks, 16 px to 1024 px (512@2x). */
function icns() {
  const types = [
    ['icp4', 16],
    ['icp5', 32],
    ['icp6', 64],
    ['ic07', 128],
    ['ic08', 256],
    ['ic09', 512],
    ['ic10', 1024],
    ['ic11', 32],
    ['ic12', 64],
    ['ic13', 256],
    ['ic14', 512],
  ];
  const cache = new Map();
  const chunks = types.map(([type, size]) => {
    if (!cache.has(size)) cache.set(size, render(size, 0.1));
    const png = cache.get(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];

export function iconFiles() {
  const files = new Map();
  files.set('icon.png', render(1024));
  for (const size of LINUX_SIZES) files.set(`icons/${size}x${size}.png`, render(size));
  files.set('icon.ico', ico([16, 24, 32, 48, 64, 128, 256]));
  files.set('icon.icns', icns());
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  const stale = [];
  mkdirSync(join(resources, 'icons'), { recursive: true });
  for (const [name, bytes] of iconFiles()) {
    const file = join(resources, name);
    if (check) {
      if (!existsSync(file) || !readFileSync(file).equals(bytes)) stale.push(name);
    } else {
      writeFileSync(file, bytes);
    }
  }
  if (stale.length > 0) {
    console.error(`These icons do not match resources/icon.svg: ${stale.join(', ')}. Run "npm run icons".`);
    process.exit(1);
  }
  console.log(check ? 'Icons match resources/icon.svg.' : 'Icons written to resources/ from resources/icon.svg.');
}
