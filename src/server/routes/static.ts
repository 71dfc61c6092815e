/**
 * The add-in's files (the `dist/` build) at `/`, and the well-known file that lets Office's
 * event runtime use SSO/CORS from our scripts (`{"allowed": [script URLs]}`).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import fastifyStatic from "@fastify/static";

export interface StaticOptions {
  staticDir: string;
  publicUrl: string;
  /** Explicit script URLs; when empty, every .js file in staticDir and its direct subfolders. */
  addinScripts: string[];
}

export function allowedScripts(options: StaticOptions): string[] {
  if (options.addinScripts.length > 0) return options.addinScripts;
  if (!existsSync(options.staticDir)) return [];
  // The event-handler bundle may sit in a folder (dist/events/launchevent.js); two levels cover the builds we make.
  const found: string[] = [];
  const walk = (dir: string, prefix: string, depth: number) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && depth > 0) walk(join(dir, entry.name), `${prefix}${entry.name}/`, depth - 1);
      else if (entry.isFile() && entry.name.endsWith(".js"))
        found.push(`${options.publicUrl}/${prefix}${entry.name}`);
    }
  };
  walk(options.staticDir, "", 1);
  return found.sort();
}

export default async function staticRoutes(app: FastifyInstance, options: StaticOptions): Promise<void> {
  app.get(
    "/.well-known/microsoft-officeaddins-allowed.json",
    { schema: { hide: true } },
    async (_request, reply) => {
      return reply.header("cache-control", "public, max-age=300").send({ allowed: allowedScripts(options) });
    },
  );

  if (existsSync(options.staticDir) && statSync(options.staticDir).isDirectory()) {
    await app.register(fastifyStatic, {
      root: options.staticDir,
      prefix: "/",
      // GET / is the home page (home.ts), not a directory index.
      index: false,
      // Office caches add-in files aggressively; a short max-age keeps a new build visible.
      maxAge: 60_000,
      dotfiles: "ignore",
    });
  }
}
