import { z } from 'zod';

/** Most methods act on one saved connection (a "cluster" in the UI). */
export const ClusterRefSchema = z.object({ clusterId: z.string().min(1, 'clusterId is required').max(200) });

/** Kafka's own limit for a topic name is 249 characters. */
export const TopicNameSchema = z
  .string()
  .min(1, 'Topic is required')
  .max(249, 'Topic names have at most 249 characters');

export const TopicRefSchema = ClusterRefSchema.extend({ topic: TopicNameSchema });

/** Methods without parameters take an empty object (anything else in it is ignored). */
export const NoParamsSchema = z.object({});
