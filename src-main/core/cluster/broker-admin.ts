import type { Broker } from 'kafkajs';

/** kafkajs's Broker has these admin requests; its type definitions leave them out. */
export interface BrokerAdminRequests {
  createTopics(req: {
    topics: {
      topic: string;
      numPartitions: number;
      replicationFactor: number;
      configEntries: { name: string; value: string }[];
    }[];
    validateOnly: boolean;
    timeout: number;
  }): Promise<unknown>;
  createPartitions(req: {
    topicPartitions: { topic: string; count: number }[];
    validateOnly: boolean;
    timeout: number;
  }): Promise<unknown>;
  deleteTopics(req: { topics: string[]; timeout: number }): Promise<unknown>;
}

export const adminRequests = (b: Broker): BrokerAdminRequests => b as unknown as BrokerAdminRequests;
