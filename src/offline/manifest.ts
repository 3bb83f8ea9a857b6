import path from 'node:path';
import type { Config } from '../config.js';
import { PUBLIC_DIR } from '../paths.js';
import { loadSharp } from '../shared/sharp.js';
import type { Translate } from '../shared/i18n.js';

export const ICON_SIZES = [192, 512] as const;
export type IconSize = (typeof ICON_SIZES)[number];

/** The web app manifest: what a phone needs to put e-Pengaduan on its home screen. */
export function webManifest(config: Pick<Config, 'appName' | 'orgName' | 'orgThemeColor'>, t: Translate, locale: string) {
  return {
    name: `${config.appName} · ${config.orgName}`,
    short_name: config.appName,
    description: t('offline:manifest.description'),
    lang: locale,
    start_url: '/lapor',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: config.orgThemeColor,
    icons: ICON_SIZES.map((size) => ({ src: `/icons/icon-${size}.png`, sizes: `${size}x${size}`, type: 'image/png', purpose: 'any' })),
  };
}

const rendered = new Map<IconSize, Promise<Buffer>>();

/** A PNG of public/img/icon.svg, drawn by sharp once per size and process, on first request. */
export function iconPng(size: IconSize): Promise<Buffer> {
  let png = rendered.get(size);
  if (!png) {
    png = loadSharp().then((sharp) =>
      sharp(path.join(PUBLIC_DIR, 'img', 'icon.svg'), { density: Math.ceil((72 * size) / 64) })
        .resize(size, size)
        .png({ compressionLevel: 9 })
        .toBuffer(),
    );
    rendered.set(size, png);
    // A failure is not remembered: the next request tries again.
    png.catch(() => rendered.delete(size));
  }
  return png;
}
