/**
 * Group overage (docs/deploy.md): a token that says its groups did not fit gets them from Graph
 * once verified, so group-scoped policies apply. When Graph cannot say (not configured, down,
 * refused), the request still succeeds with the groups the token carried (none): the policies for
 * everyone and for the user apply, the principal is marked `groupsUnresolved`, the response says
 * `Labelbridge-Groups: unresolved`, and the log says why.
 */
import type { Principal, TokenVerifier } from "./principal";

export const GROUPS_HEADER = "labelbridge-groups";

export type ResolveGroups = (tenantId: string, userId: string) => Promise<string[]>;

export interface GroupLog {
  warn(details: Record<string, unknown>, message: string): void;
}

export function resolvingGroups(
  verifier: TokenVerifier,
  resolve: ResolveGroups | null,
  log: GroupLog,
): TokenVerifier {
  return {
    async verify(token: string): Promise<Principal> {
      const principal = await verifier.verify(token);
      if (!principal.groupsOverage) return principal;
      const who = { tenantId: principal.tenantId, userId: principal.userId };
      if (resolve === null) {
        log.warn(
          who,
          "group overage: the token's groups did not fit and Microsoft Graph is not configured (LABELBRIDGE_GRAPH_CLIENT_ID); only the policies for everyone apply",
        );
        return { ...principal, groupsUnresolved: true };
      }
      try {
        return { ...principal, groups: await resolve(principal.tenantId, principal.userId) };
      } catch (err) {
        log.warn(
          { ...who, reason: (err as Error).message },
          "group overage: Microsoft Graph could not list the user's groups; only the policies for everyone apply",
        );
        return { ...principal, groupsUnresolved: true };
      }
    },
  };
}
