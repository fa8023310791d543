import type { Cluster } from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import { adminRequests } from '../cluster/broker-admin.js';
import { adminBroker } from '../cluster/controller.js';
import { fetchMetadata } from '../cluster/metadata.js';
import { refuseProtected } from './protected.js';
import { requireTopic } from './require-topic.js';

const DELETE_TIMEOUT_MS = 15_000;

export async function deleteTopic(cluster: Cluster, topic: string, confirmName: string): Promise<{ deleted: string }> {
  // Checked by the contract at the boundary too; in-process callers get the same guard.
  if (confirmName !== topic) {
    throw new AppError('VALIDATION', "Type the topic's name exactly to confirm.", { field: 'confirmName' });
  }
  const t = await requireTopic(cluster, topic);
  refuseProtected(t, 'delete');
  const broker = await adminBroker(cluster, await fetchMetadata(cluster, [topic]));
  try {
    await adminRequests(broker).deleteTopics({ topics: [topic], timeout: DELETE_TIMEOUT_MS });
  } catch (e) {
    if ((e as { type?: string }).type === 'TOPIC_DELETION_DISABLED') {
      throw new AppError(
        'KAFKA_ERROR',
        'This cluster does not allow deleting topics (delete.topic.enable is false on its brokers).',
      );
    }
    throw e;
  }
  return { deleted: topic };
}
