import crypto from 'node:crypto';
import fs from 'node:fs';
import { expect } from 'chai';
import sharp, { type Metadata } from 'sharp';
import { inspectUpload, inspectUploads } from '../../src/attachments/inspect.js';
import { uploadLimits } from '../../src/attachments/policy.js';
import { tempFamily } from '../../src/attachments/upload.js';
import { InputError } from '../../src/shared/errors.js';
import { translator } from '../../src/shared/i18n.js';
import * as make from './fixtures.js';
import { listFiles, tempUploadDir, uploadConfig } from './helpers.js';

describe('attachments: inspection by the bytes', () => {
  let dir: string;
  const limits = () => uploadLimits(uploadConfig(dir));
  beforeEach(() => {
    dir = tempUploadDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Inspects and expects a refusal; returns the English message shown under the field. */
  async function refused(bytes: Buffer, name: string, lim = limits()): Promise<string> {
    const file = make.asUpload(dir, bytes, name);
    try {
      await inspectUpload(file, lim);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      expect(Object.keys(err.keys)).to.deep.equal(['files']);
      // Nothing derived from a refused file is left behind.
      expect(tempFamily(file.path).slice(1).filter((p) => fs.existsSync(p))).to.deep.equal([]);
      return err.fields(translator('en')).files!;
    }
    throw new Error(`${name} was accepted`);
  }

  function metadataText(meta: Metadata): string {
    return [meta.exif, meta.xmp, meta.iptc].map((b) => b?.toString('latin1') ?? '').join('');
  }

  describe('images are re-encoded without metadata', () => {
    for (const format of ['jpeg', 'png', 'webp'] as const) {
      it(`${format}: EXIF, GPS and XMP removed, orientation applied, thumbnail made`, async () => {
        const input = await make.photo(format);
        const before = await sharp(input).metadata();
        // The fixture really carries what a phone writes.
        expect(before.orientation).to.equal(6);
        expect(metadataText(before)).to.include(make.PLANTED.gpsDatum).and.include(make.PLANTED.owner);

        const upload = make.asUpload(dir, input, `IMG_20261103.${format}`);
        const out = await inspectUpload(upload, limits());
        const ext = format === 'jpeg' ? 'jpg' : format;
        expect(out).to.include({ mime: `image/${format}`, ext, kind: 'image', originalName: `IMG_20261103.${ext}` });

        const after = await sharp(out.path).metadata();
        expect(after.format).to.equal(format);
        expect(after.exif).to.equal(undefined);
        expect(after.xmp).to.equal(undefined);
        expect(after.iptc).to.equal(undefined);
        expect(after.orientation).to.equal(undefined);
        // 200x100 with "rotate 90°" is a 100x200 portrait once the rotation is applied.
        expect([after.width, after.height]).to.deep.equal([100, 200]);
        expect([out.width, out.height]).to.deep.equal([100, 200]);
        const raw = fs.readFileSync(out.path);
        expect(raw.includes(make.PLANTED.gpsDatum)).to.equal(false);
        expect(raw.includes(make.PLANTED.owner)).to.equal(false);
        expect(out.size).to.equal(raw.length);
        expect(out.sha256).to.equal(crypto.createHash('sha256').update(raw).digest('hex'));

        const thumb = await sharp(out.thumbnailPath!).metadata();
        expect(thumb.format).to.equal('webp');
        expect(thumb.exif).to.equal(undefined);
        expect(Math.max(thumb.width!, thumb.height!)).to.be.at.most(320);
        // The upload itself, which still holds the position, is gone already.
        expect(fs.existsSync(upload.path)).to.equal(false);
      });
    }

    it('scales large photos down to the longest side and thumbnails to 320 px', async () => {
      const out = await inspectUpload(make.asUpload(dir, await make.noisyJpeg(3200, 1800), 'besar.jpeg'), limits());
      expect([out.width, out.height]).to.deep.equal([2560, 1440]);
      const thumb = await sharp(out.thumbnailPath!).metadata();
      expect([thumb.width, thumb.height]).to.deep.equal([320, 180]);
      expect(out.originalName).to.equal('besar.jpg');
    });

    it('a photo that is also HTML (a polyglot) keeps only its pixels', async () => {
      const polyglot = Buffer.concat([await make.photo('jpeg'), make.html()]);
      const out = await inspectUpload(make.asUpload(dir, polyglot, 'foto.jpg'), limits());
      expect(fs.readFileSync(out.path).includes('<script')).to.equal(false);
    });

    it('names the file by its real type: a JPEG called .png becomes .jpg', async () => {
      const out = await inspectUpload(make.asUpload(dir, await make.photo('jpeg'), 'foto.png'), limits());
      expect(out).to.include({ mime: 'image/jpeg', originalName: 'foto.jpg' });
    });
  });

  describe('PDF and MP4 are kept as sent', () => {
    it('PDF', async () => {
      const bytes = make.pdf();
      const upload = make.asUpload(dir, bytes, 'surat keterangan.pdf');
      const out = await inspectUpload(upload, limits());
      expect(out).to.deep.include({
        path: upload.path,
        thumbnailPath: null,
        mime: 'application/pdf',
        ext: 'pdf',
        kind: 'document',
        originalName: 'surat keterangan.pdf',
        size: bytes.length,
        width: null,
        height: null,
      });
      expect(out.sha256).to.equal(crypto.createHash('sha256').update(bytes).digest('hex'));
    });

    it('MP4 (ftyp isom), even when named .mov', async () => {
      const out = await inspectUpload(make.asUpload(dir, make.mp4(), 'video.mov'), limits());
      expect(out).to.include({ mime: 'video/mp4', ext: 'mp4', kind: 'video', originalName: 'video.mp4' });
    });
  });

  describe('refusals', () => {
    const typeMessage = (name: string) => `The file "${name}" cannot be accepted. Accepted types: JPEG, PNG, WebP, PDF, MP4.`;

    it('HTML named .jpg, whatever type the client declared', async () => {
      expect(await refused(make.html(), 'foto.jpg')).to.equal(typeMessage('foto.jpg'));
    });

    it('executables named as images', async () => {
      expect(await refused(make.elf(), 'foto.png')).to.equal(typeMessage('foto.png'));
      expect(await refused(make.windowsExe(), 'scan.jpg')).to.equal(typeMessage('scan.jpg'));
    });

    it('GIF, which is not on the list', async () => {
      expect(await refused(await make.gif(), 'anim.gif')).to.equal(typeMessage('anim.gif'));
    });

    it('SVG, never: it can carry scripts', async () => {
      expect(await refused(make.svg(), 'peta.svg')).to.equal(typeMessage('peta.svg'));
      expect(await refused(make.svg(), 'peta.png')).to.equal(typeMessage('peta.png'));
    });

    it('a JPEG cut short, which cannot be decoded', async () => {
      const whole = await make.noisyJpeg(400, 300);
      const message = await refused(whole.subarray(0, Math.floor(whole.length * 0.6)), 'terpotong.jpg');
      expect(message).to.equal('The image "terpotong.jpg" is damaged or cannot be read. Please send the original photo again.');
    });

    it('a JPEG header followed by garbage', async () => {
      const junk = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.randomBytes(2000)]);
      expect(await refused(junk, 'x.jpg')).to.match(/damaged or cannot be read/);
    });

    it('a decompression bomb: a small PNG claiming 50000x50000 pixels', async () => {
      const bomb = make.pngBomb();
      expect(bomb.length).to.be.below(10_000);
      expect(await refused(bomb, 'bom.png')).to.equal('The image "bom.png" has too many pixels (at most 110 megapixels).');
    });

    it('an image over a lower pixel limit, made by sharp', async () => {
      const big = await sharp({ create: { width: 2000, height: 2000, channels: 3, background: '#fff' } }).png().toBuffer();
      const message = await refused(big, 'putih.png', { ...limits(), maxInputPixels: 1_000_000 });
      expect(message).to.equal('The image "putih.png" has too many pixels (at most 1 megapixels).');
    });

    it('an empty file, and a file over the size limit when no middleware checked it', async () => {
      expect(await refused(Buffer.alloc(0), 'kosong.pdf')).to.equal('The file "kosong.pdf" is empty.');
      const message = await refused(make.pdf(), 'besar.pdf', { ...limits(), maxFileBytes: 10 });
      expect(message).to.match(/"besar\.pdf" is too large\. Each file may be at most 0 MB/);
    });

    it('shows the name without its path, in the message and on the file', async () => {
      expect(await refused(make.html(), '../../etc/passwd.jpg')).to.equal(typeMessage('passwd.jpg'));
      expect(await refused(make.html(), 'C:\\x\\y.png')).to.equal(typeMessage('y.png'));
      const out = await inspectUpload(make.asUpload(dir, make.pdf(), '../../etc/\u202egpj.exe\n.pdf'), limits());
      expect(out.originalName).to.equal('gpj.exe.pdf');
    });
  });

  it('inspectUploads stops at the first refusal and removes what it had written', async () => {
    const good = make.asUpload(dir, await make.photo('jpeg'), 'a.jpg');
    const bad = make.asUpload(dir, make.html(), 'b.jpg');
    try {
      await inspectUploads([good, bad], uploadConfig(dir));
      expect.fail('accepted');
    } catch (err) {
      expect(err).to.be.instanceOf(InputError);
    }
    // Only the refused upload remains; the middleware's cleanup takes it at the end of the request.
    expect(listFiles(dir)).to.deep.equal([`.tmp/${bad.path.split('/').pop()}`]);
  });
});
