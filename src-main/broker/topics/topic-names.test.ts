import { describe, expect, it } from 'vitest';
import { topicNameProblem } from './topic-names.js';

describe('topic names', () => {
  it('follows Kafka rules', () => {
    for (const ok of ['a', 'orders.v1', 'my_topic-2', 'x'.repeat(249)]) expect(topicNameProblem(ok)).toBeNull();
    for (const bad of ['', '.', '..', 'x'.repeat(250), 'with space', 'slash/y', 'ümlaut'])
      expect(topicNameProblem(bad)).not.toBeNull();
  });
});
