import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { removeTempFiles, uploadMiddleware } from '../../src/attachments/upload.js';
import type { Config } from '../../src/config.js';
import { AppError, InputError } from '../../src/shared/errors.js';
import { translator } from '../../src/shared/i18n.js';

/** A fresh UPLOAD_DIR for one test, removed by `cleanup`. */
export function tempUploadDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-uploads-'));
}

export function uploadConfig(uploadDir: string, uploads: Partial<Config['uploads']> = {}): Pick<Config, 'uploads' | 'uploadDir'> {
  return { uploadDir, uploads: { maxFiles: 5, maxFileBytes: 10 * 1024 * 1024, ...uploads } };
}

/** Every regular file under a folder, as paths relative to it. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((p) => fs.statSync(path.join(dir, p)).isFile())
    .map((p) => p.split(path.sep).join('/'))
    .sort();
}

/** Waits for a condition that becomes true once the response has closed. */
export async function eventually(check: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * A tiny app around the upload middleware, answering like a form handler would:
 * 200 with what arrived, or 422 with the translated field messages.
 */
export function uploadApp(config: Pick<Config, 'uploads' | 'uploadDir'>, opts: { keep?: boolean } = {}) {
  const app = express();
  app.post('/upload', uploadMiddleware(config), async (req, res) => {
    const files = (req.files as Express.Multer.File[] | undefined) ?? [];
    const body = { ...(req.body as Record<string, unknown>) };
    const info = files.map((f) => ({ path: f.path, originalname: f.originalname, size: f.size, exists: fs.existsSync(f.path) }));
    if (!opts.keep) await removeTempFiles(req);
    res.json({ files: info, body });
  });
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (err instanceof InputError) return void res.status(422).json({ errors: err.fields(translator('en')) });
    if (err instanceof AppError) return void res.status(err.status).json({ code: err.code });
    res.status(500).json({ message: String(err) });
  });
  return app;
}
