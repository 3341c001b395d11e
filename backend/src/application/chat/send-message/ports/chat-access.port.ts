/**
 * Whether a user may chat right now, read fresh from the database (not from a cache that a lost
 * invalidation could leave stale): a running reply asks it every few seconds, so that switching
 * chat off for someone (the kill switch, an audience or role change) ends their replies on every
 * instance even when pub/sub is down.
 */
export interface ChatAccessProbe {
  chatEnabledFor(userId: string): Promise<boolean>;
}
