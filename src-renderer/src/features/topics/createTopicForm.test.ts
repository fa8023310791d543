import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract.js';
import { checkForm, configsOf, emptyForm, serverFieldError, type CreateTopicForm } from './createTopicForm.js';

const form = (patch: Partial<CreateTopicForm> = {}): CreateTopicForm => ({
  ...emptyForm(3),
  name: 'orders.v1',
  ...patch,
});
const ctx = { existing: ['orders_v2', 'payments'], brokerCount: 3 };

describe('create topic form', () => {
  it('starts with 1 partition and three replicas where there are three brokers', () => {
    expect(emptyForm(3)).toMatchObject({ partitions: '1', replicationFactor: '3' });
    expect(emptyForm(1).replicationFactor).toBe('1');
  });

  it("checks the name as Kafka would, including the '.'/'_' collision", () => {
    expect(checkForm(form(), ctx)).toEqual({});
    expect(checkForm(form({ name: 'orders.v2' }), ctx).name).toContain('collides with "orders_v2"');
    expect(checkForm(form({ name: 'payments' }), ctx).name).toBe('A topic named "payments" already exists.');
    expect(checkForm(form({ name: 'bad name' }), ctx).name).toContain('space');
  });

  it('bounds partitions and the replication factor by the broker count', () => {
    expect(checkForm(form({ partitions: '0' }), ctx).partitions).toBeDefined();
    expect(checkForm(form({ partitions: 'x' }), ctx).partitions).toBeDefined();
    expect(checkForm(form({ replicationFactor: '4' }), ctx).replicationFactor).toBe(
      'This cluster has 3 brokers: at most 3 replicas.',
    );
  });

  it('explains a min.insync.replicas that would block every acks=all write', () => {
    const f = form({ replicationFactor: '2' });
    f.settings['min.insync.replicas'] = '3';
    expect(checkForm(f, ctx)['setting:min.insync.replicas']).toContain('NOT_ENOUGH_REPLICAS');
  });

  it('sends only the settings given, then the extra configs, and remembers where each came from', () => {
    const f = form({
      extra: [
        { id: 7, name: 'message.timestamp.type', value: 'LogAppendTime' },
        { id: 8, name: '', value: '' },
      ],
    });
    f.settings['retention.ms'] = '604800000';
    f.settings['cleanup.policy'] = 'compact';
    const { configs, origins } = configsOf(f);
    expect(configs).toEqual([
      { name: 'cleanup.policy', value: 'compact' },
      { name: 'retention.ms', value: '604800000' },
      { name: 'message.timestamp.type', value: 'LogAppendTime' },
    ]);
    const e = new AppError('VALIDATION', 'The broker says: Invalid value LogAppend', { field: 'configs.2' });
    expect(serverFieldError(e, origins)).toEqual({
      key: 'extra:7:value',
      message: 'The broker says: Invalid value LogAppend',
    });
    const z = new AppError('VALIDATION', 'configs.1.value: too long', { field: 'configs.1.value' });
    expect(serverFieldError(z, origins)).toEqual({ key: 'setting:retention.ms', message: 'too long' });
    expect(serverFieldError(new AppError('ALREADY_EXISTS', 'exists', { field: 'name' }), origins)).toEqual({
      key: 'name',
      message: 'exists',
    });
  });

  it('refuses an extra config twice or one that has its own field', () => {
    const f = form({
      extra: [
        { id: 1, name: 'flush.ms', value: '1' },
        { id: 2, name: 'flush.ms', value: '2' },
        { id: 3, name: 'retention.ms', value: '2' },
        { id: 4, name: '', value: 'orphan' },
      ],
    });
    const errors = checkForm(f, ctx);
    expect(errors['extra:2:name']).toBe('flush.ms is given twice.');
    expect(errors['extra:3:name']).toBe('Set retention.ms above.');
    expect(errors['extra:4:name']).toBe('Enter the config name.');
  });
});
