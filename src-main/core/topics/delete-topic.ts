import type { Cluster } from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import { ApiKey } from '../../kafka-protocol/index.js';
import { adminBroker } from '../cluster/controller.js';
import { fetchMetadata } from '../cluster/metadata.js';
import { errorName, sendRequest, versionFor } from '../wire/codec-request.js';
import { refuseProtected } from './protected.js';
import { requireTopic } from './require-topic.js';

const DELETE_TIMEOUT_MS = 15_000;
const NO_TOPIC_ID = Buffer.alloc(16);

export async function deleteTopic(cluster: Cluster, topic: string, confirmName: string): Promise<{ deleted: string }> {
  // Checked by the contract at the boundary too; in-process callers get the same guard.
  if (confirmName !== topic) {
    throw new AppError('VALIDATION', "Type the topic's name exactly to confirm.", { field: 'confirmName' });
  }
  const t = await requireTopic(cluster, topic);
  refuseProtected(t, 'delete');
  const broker = await adminBroker(cluster, await fetchMetadata(cluster, [topic]));
  const version = versionFor(broker, ApiKey.DeleteTopics);
  if (version === null) throw new AppError('KAFKA_ERROR', 'This cluster does not delete topics (DeleteTopics).');
  const res = await sendRequest(broker, ApiKey.DeleteTopics, version, {
    // Version 6 names topics in a list of {name, id}; earlier versions in a list of names.
    topics: [{ name: topic, topicId: NO_TOPIC_ID }],
    topicNames: [topic],
    timeoutMs: DELETE_TIMEOUT_MS,
  });
  const r = res.responses[0];
  if (r && r.errorCode !== 0) {
    const type = errorName(r.errorCode);
    const said = r.errorMessage ? ` The broker says: ${r.errorMessage}` : '';
    if (type === 'TOPIC_DELETION_DISABLED')
      throw new AppError('KAFKA_ERROR', 'This cluster does not allow deleting topics (delete.topic.enable is false).');
    if (type === 'UNKNOWN_TOPIC_OR_PARTITION') throw new AppError('NOT_FOUND', `Topic "${topic}" does not exist.`);
    if (type.endsWith('AUTHORIZATION_FAILED'))
      throw new AppError('AUTH_FAILED', `This user is not allowed to delete topic "${topic}".`);
    throw new AppError('KAFKA_ERROR', `The broker did not delete the topic (${type}).${said}`);
  }
  return { deleted: topic };
}
