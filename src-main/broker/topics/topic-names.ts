/** Kafka's topic name rules (org.apache.kafka.common.internals.Topic.validate). */
import { ErrorCode, KafkaProtocolError } from '../../kafka-protocol/index.js';

const MAX_NAME_LENGTH = 249;
const LEGAL = /^[a-zA-Z0-9._-]+$/;

/** Returns why `name` is not a legal topic name, or null when it is. */
export function topicNameProblem(name: string | null | undefined): string | null {
  if (!name) return "Topic name is illegal, it can't be empty";
  if (name === '.' || name === '..') return 'Topic name cannot be "." or ".."';
  if (name.length > MAX_NAME_LENGTH)
    return `Topic name is illegal, it can't be longer than ${MAX_NAME_LENGTH} characters, topic name: ${name}`;
  if (!LEGAL.test(name))
    return `Topic name "${name}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`;
  return null;
}

export function assertTopicName(name: string | null | undefined): asserts name is string {
  const problem = topicNameProblem(name);
  if (problem) throw new KafkaProtocolError(ErrorCode.INVALID_TOPIC_EXCEPTION, problem);
}
