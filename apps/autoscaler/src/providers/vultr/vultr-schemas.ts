import { z } from "zod";

/**
 * The parts of Vultr API v2 responses we rely on, validated before use.
 * Source: https://www.vultr.com/api/#tag/instances (Instance schema, list meta).
 */
export const vultrInstanceSchema = z.object({
  id: z.string().min(1),
  label: z.string(),
  main_ip: z.string(),
  status: z.string(),
  power_status: z.string().optional(),
  server_status: z.string().optional(),
  date_created: z.string(),
  tags: z.array(z.string()).default([]),
});

/** One instance as Vultr describes it (validated subset). */
export type VultrInstance = z.infer<typeof vultrInstanceSchema>;

/** `POST /instances` (202) and `GET /instances/{id}` bodies. */
export const vultrInstanceBodySchema = z.object({ instance: vultrInstanceSchema });

/** `GET /instances` body: one page plus the cursor of the next (`meta.links.next`, "" on the last page). */
export const vultrInstanceListSchema = z.object({
  instances: z.array(vultrInstanceSchema),
  meta: z.object({ total: z.number().optional(), links: z.object({ next: z.string().default(""), prev: z.string().optional() }).optional() }).optional(),
});
