import { Symbol, Val, Vec, publishEvent, storage, symbol } from "@sorobox/sdk";

/** Published when a user's counter is bumped: topics ["bumped", user], data { by, total }. */
@contractevent
export class Bumped {
  constructor(
    /** Whose counter. */
    @topic public user: Symbol,
    public by: u32,
    public total: u32,
  ) {}
}

/** Instance storage lives with the contract: bump its TTL whenever it is used. */
const INSTANCE_BUMP_THRESHOLD: u32 = 50;
const INSTANCE_BUMP_TO: u32 = 100;

/** Increments the shared counter and returns the new value; publishes a `count` event. */
export function increment(): u32 {
  const key = symbol("COUNTER");
  const count = storage.instance.getOr<Symbol, u32>(key, 0) + 1;
  storage.instance.set<Symbol, u32>(key, count);
  storage.extendInstanceTtl(INSTANCE_BUMP_THRESHOLD, INSTANCE_BUMP_TO);
  publishEvent<u32>(Vec.from<Val>([symbol("count")]), count);
  return count;
}

/** The shared counter (0 before the first increment). */
export function get(): u32 {
  return storage.instance.getOr<Symbol, u32>(symbol("COUNTER"), 0);
}

/** Removes the shared counter. */
export function reset(): void {
  storage.instance.remove<Symbol>(symbol("COUNTER"));
}

/**
 * Adds `by` to a user's own counter, kept in persistent storage, and extends that entry's TTL.
 * @param user whose counter
 * @param by how much to add
 */
export function bump(user: Symbol, by: u32): u32 {
  const total = storage.persistent.getOr<Symbol, u32>(user, 0) + by;
  storage.persistent.set<Symbol, u32>(user, total);
  storage.persistent.extendTtl<Symbol>(user, 200_000, 300_000);
  new Bumped(user, by, total).publish();
  return total;
}

/** A user's counter, or null when the user never bumped it. */
export function user_count(user: Symbol): Vec<u32> | null {
  if (!storage.persistent.has<Symbol>(user)) return null;
  return Vec.from<u32>([storage.persistent.get<Symbol, u32>(user)]);
}
