import type Sharp from 'sharp';

/**
 * sharp, loaded at its first use rather than at start: libvips and its bindings are a
 * tenth of a second of every restart, and most starts draw no image for a while.
 *
 * Its cache is off: the images are one-off (uploads, a card drawn once per version, an
 * icon kept by its caller), so caching their decoded pixels or open files (of temp files
 * about to be deleted) only holds memory.
 */
let loading: Promise<typeof Sharp> | undefined;

export function loadSharp(): Promise<typeof Sharp> {
  loading ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false);
    return sharp;
  });
  return loading;
}
