/**
 * Reports taken by staff (channel 'staff', migration 0031): how the report reached them,
 * and for social media, the platform. Each a CHECK constraint in the migration.
 */
export const STAFF_SOURCES = ['telephone', 'walk_in', 'letter', 'social_media', 'lapor'] as const;
export type StaffSource = (typeof STAFF_SOURCES)[number];

export const SOCIAL_PLATFORMS = ['instagram', 'facebook', 'x', 'tiktok', 'youtube', 'other'] as const;
export type SocialPlatform = (typeof SOCIAL_PLATFORMS)[number];
