/** Opaque, unguessable, time-ordered ids (UUIDv7), so keyset pagination can order by them. */
export interface IdGenerator {
  next(): string;
}
