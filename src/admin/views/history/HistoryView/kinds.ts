import type { ChangeKind, VersionSummary } from "../../../../contracts/adminApi";

const KIND_TEXT: Record<ChangeKind, string> = {
  seed: "default taxonomy",
  replace: "edited",
  labels: "labels edited",
  policies: "policies edited",
  rollback: "rolled back",
  import: "imported from Graph",
  sync: "synced from Purview",
};

/** Why a version exists, in the admin's words. */
export const kindText = (kind: ChangeKind) => KIND_TEXT[kind] ?? kind;

export const actorText = (v: VersionSummary) => v.actor.name ?? v.actor.id;
