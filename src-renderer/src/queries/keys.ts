/** Query-key factories: one place decides the cache's shape, so invalidation stays precise. */
export const connectionKeys = {
  all: ['connections'] as const,
};

export const clusterKeys = {
  all: (clusterId: string) => ['clusters', clusterId] as const,
  overview: (clusterId: string) => ['clusters', clusterId, 'overview'] as const,
  topics: (clusterId: string) => ['clusters', clusterId, 'topics'] as const,
  topic: (clusterId: string, topic: string) => ['clusters', clusterId, 'topics', topic] as const,
  messages: (clusterId: string, topic: string) => ['clusters', clusterId, 'topics', topic, 'messages'] as const,
  newest: (clusterId: string, topic: string, opts: { limit: number; partition: number | null }) =>
    ['clusters', clusterId, 'topics', topic, 'messages', 'newest', opts] as const,
};

export const sandboxKeys = {
  all: ['sandbox'] as const,
  status: ['sandbox', 'status'] as const,
};
