/** Liveness and readiness for load balancers: /healthz never touches the database, /readyz does. */
import type { FastifyInstance } from "fastify";
import type { Store } from "../storage/store";

export default async function healthRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
  app.get("/healthz", { schema: { tags: ["health"], summary: "The process is up" } }, async () => ({
    status: "ok",
  }));

  app.get(
    "/readyz",
    { schema: { tags: ["health"], summary: "The database answers" } },
    async (request, reply) => {
      try {
        await options.store.ping();
        return { status: "ready", database: options.store.engine };
      } catch (err) {
        request.log.warn({ err }, "readiness check failed");
        return reply.code(503).send({
          status: "unavailable",
          database: options.store.engine,
          message: "the database does not answer",
        });
      }
    },
  );
}
