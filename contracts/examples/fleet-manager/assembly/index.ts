// A CAP-85 fleet manager: it owns executable tags (each names an uploaded Wasm hash kept in this
// contract's persistent storage under the tag), deploys followers that run "whatever this owner's
// tag names" (create_external_ref_contract), and upgrades a whole fleet at once by pointing a tag
// at new code, under its admin's authorization. The host refuses a hash whose code was never
// uploaded (Error(Storage, MissingValue)), so a tag always names runnable code.
import {
  Address,
  Bytes32,
  ExecutableTag,
  Str,
  Symbol,
  Val,
  Vec,
  currentContractAddress,
  deployer,
  panicWithError,
  storage,
  symbol,
} from "@sorobox/sdk";

@contracterror
export enum FleetError {
  /** The tag is registered already: upgrade it instead. */
  TagExists = 1,
  /** No such tag. */
  UnknownTag = 2,
  /** The tag names this code already. */
  SameCode = 3,
}

/** A tag was registered. */
@contractevent
export class TagRegistered {
  constructor(
    @topic public tag: Str,
    public wasm_hash: Bytes32,
  ) {}
}

/** A tag now names new code: every follower runs it from its next call. */
@contractevent
export class TagUpgraded {
  constructor(
    @topic public tag: Str,
    public from: Bytes32,
    public to: Bytes32,
  ) {}
}

/** A follower of a tag was deployed. */
@contractevent
export class FollowerDeployed {
  constructor(
    @topic public tag: Str,
    public follower: Address,
  ) {}
}

/** A tag's followers, in persistent storage. */
@contracttype
export class Followers {
  constructor(public tag: Str) {}
}

export function __constructor(admin: Address): void {
  storage.instance.set<Symbol, Address>(symbol("admin"), admin);
}

/** Registers `tag` for the uploaded Wasm `wasm_hash` (needs the admin's authorization). */
export function register(tag: Str, wasm_hash: Bytes32): void {
  requireAdmin();
  const key = ExecutableTag.create(tag);
  if (storage.persistent.has<ExecutableTag>(key)) panicWithError(FleetError.TagExists);
  storage.persistent.set<ExecutableTag, Bytes32>(key, wasm_hash);
  const all = tags();
  all.pushBack(tag);
  storage.instance.set<Symbol, Vec<Str>>(symbol("tags"), all);
  new TagRegistered(tag, wasm_hash).publish();
}

/** Points `tag` at the uploaded Wasm `wasm_hash`: the whole fleet runs it (needs the admin's authorization). */
export function upgrade(tag: Str, wasm_hash: Bytes32): void {
  requireAdmin();
  const key = ExecutableTag.create(tag);
  if (!storage.persistent.has<ExecutableTag>(key)) panicWithError(FleetError.UnknownTag);
  const from = storage.persistent.get<ExecutableTag, Bytes32>(key);
  if (from == wasm_hash) panicWithError(FleetError.SameCode);
  storage.persistent.set<ExecutableTag, Bytes32>(key, wasm_hash);
  new TagUpgraded(tag, from, wasm_hash).publish();
}

/**
 * Deploys a follower of `tag` at the address this contract derives from `salt`, running its
 * constructor with `constructor_args` (needs the admin's authorization).
 */
export function deploy(tag: Str, salt: Bytes32, constructor_args: Vec<Val>): Address {
  requireAdmin();
  const key = ExecutableTag.create(tag);
  if (!storage.persistent.has<ExecutableTag>(key)) panicWithError(FleetError.UnknownTag);
  const follower = deployer.deployExternalRef(currentContractAddress(), key, salt, constructor_args);
  const list = followers(tag);
  list.pushBack(follower);
  storage.persistent.set<Followers, Vec<Address>>(new Followers(tag), list);
  new FollowerDeployed(tag, follower).publish();
  return follower;
}

/** The Wasm hash `tag` names, or null when it is not registered. */
export function wasm_hash(tag: Str): Bytes32 | null {
  const key = ExecutableTag.create(tag);
  return storage.persistent.has<ExecutableTag>(key) ? storage.persistent.get<ExecutableTag, Bytes32>(key) : null;
}

/** The registered tags, in order. */
export function tags(): Vec<Str> {
  return storage.instance.getOr<Symbol, Vec<Str>>(symbol("tags"), Vec.new<Str>());
}

/** The followers of `tag`, in deployment order. */
export function followers(tag: Str): Vec<Address> {
  return storage.persistent.getOr<Followers, Vec<Address>>(new Followers(tag), Vec.new<Address>());
}

/** Extends the TTL of `tag`'s entry, which every follower needs to run, and of its followers' list. */
export function extend(tag: Str, threshold: u32, extend_to: u32): void {
  const key = ExecutableTag.create(tag);
  if (!storage.persistent.has<ExecutableTag>(key)) panicWithError(FleetError.UnknownTag);
  storage.persistent.extendTtl<ExecutableTag>(key, threshold, extend_to);
}

export function admin(): Address {
  return storage.instance.get<Symbol, Address>(symbol("admin"));
}

/** Hands the fleet to `new_admin` (needs the current admin's authorization). */
export function set_admin(new_admin: Address): void {
  requireAdmin();
  storage.instance.set<Symbol, Address>(symbol("admin"), new_admin);
}

function requireAdmin(): void {
  admin().requireAuth();
}
