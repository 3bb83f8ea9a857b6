import type { Config } from '../config.js';
import { type Locale, translator } from '../shared/i18n.js';
import { excerpt, type PublicCase } from './presenter.js';
import type { PublishedCase } from './queries.js';
import { answerLine, CARD_HEIGHT, CARD_WIDTH, cardInput, cardKey } from './shareCard.js';

/** Open Graph's locale form (language_TERRITORY) of our languages. */
const OG_LOCALES: Record<Locale, string> = { id: 'id_ID', en: 'en_GB' };

/**
 * The share card's address: the version is in its path (a query string some caches and
 * crawlers ignore), so a changed card is a new address that platforms fetch afresh.
 */
export function cardPath(code: string, key: string): string {
  return `/publik/${code}/kartu/${key}.png`;
}

/** The card's description for screen readers and previews, in the card's language. */
export function cardAlt(row: Pick<PublishedCase, 'title' | 'agency' | 'answer_days'>, config: Pick<Config, 'orgName' | 'defaultLocale'>): string {
  const locale = config.defaultLocale;
  const t = translator(locale);
  const days = row.answer_days === null ? null : Number(row.answer_days);
  return excerpt(
    t('portal:card.alt', {
      title: row.title,
      answer: answerLine(days, locale),
      agency: row.agency ? t('portal:card.by', { agency: row.agency }) : '',
      org: config.orgName,
    }),
    420, // X's limit for twitter:image:alt
  );
}

const alts = new Map<string, string>();

export interface MetaTag {
  property?: string;
  name?: string;
  content: string;
}

/**
 * Every share preview tag of a case page, in one place; the layout writes them as they
 * come. Open Graph (ogp.me): the four required properties, the image's structured
 * properties right after it, the locale; X's card (developer.x.com, "Summary Card with
 * Large Image") reads the twitter:* names, its title at most 70 characters, its
 * description 200. Every address absolute (PUBLIC_URL), all text the published one.
 */
export function shareMeta(
  c: PublicCase,
  row: PublishedCase,
  config: Pick<Config, 'publicUrl' | 'appName' | 'orgName' | 'orgLogo' | 'defaultLocale'>,
  locale: Locale,
) {
  const key = cardKey(cardInput(row, config), config);
  const image = `${config.publicUrl}${cardPath(row.code, key)}`;
  // The key covers every word of the description: looked up once per card, not per page
  // (an i18next call with values is a page's largest CPU item under load, see shared/i18n.ts).
  let alt = alts.get(key);
  if (alt === undefined) {
    alt = cardAlt(row, config);
    if (alts.size >= 2000) alts.clear();
    alts.set(key, alt);
  }
  const description = excerpt(c.question, 200);
  const og = (property: string, content: string): MetaTag => ({ property, content });
  const tw = (name: string, content: string): MetaTag => ({ name, content });
  const tags: MetaTag[] = [
    og('og:type', 'article'),
    og('og:site_name', config.appName),
    og('og:locale', OG_LOCALES[locale]),
    ...Object.entries(OG_LOCALES).filter(([l]) => l !== locale).map(([, v]) => og('og:locale:alternate', v)),
    og('og:title', c.title),
    og('og:description', description),
    og('og:url', c.url),
    og('og:image', image),
    ...(image.startsWith('https://') ? [og('og:image:secure_url', image)] : []),
    og('og:image:type', 'image/png'),
    og('og:image:width', String(CARD_WIDTH)),
    og('og:image:height', String(CARD_HEIGHT)),
    og('og:image:alt', alt),
    ...(c.publishedAt ? [og('article:published_time', c.publishedAt)] : []),
    ...(c.agency?.name ? [og('article:section', c.agency.name)] : []),
    tw('twitter:card', 'summary_large_image'),
    tw('twitter:title', excerpt(c.title, 70)),
    tw('twitter:description', description),
    tw('twitter:image', image),
    tw('twitter:image:alt', alt),
  ];
  return { description, tags, image, key };
}
