/**
 * The add-in's files (the `dist/` build) at `/`, and the well-known file that lets Office's
 * event runtime use SSO/CORS from our scripts (`{"allowed": [script URLs]}`).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import fastifyStatic from "@fastify/static";

export interface StaticOptions {
  staticDir: string;
  publicUrl: string;
  /** Explicit script URLs; when empty, every .js file at the root of staticDir. */
  addinScripts: string[];
}

export function allowedScripts(options: StaticOptions): string[] {
  if (options.addinScripts.length > 0) return options.addinScripts;
  if (!existsSync(options.staticDir)) return [];
  return readdirSync(options.staticDir)
    .filter((f) => f.endsWith(".js"))
    .sort()
    .map((f) => `${options.publicUrl}/${f}`);
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
      index: ["index.html"],
      // Office caches add-in files aggressively; a short max-age keeps a new build visible.
      maxAge: 60_000,
      dotfiles: "ignore",
    });
  }
}
