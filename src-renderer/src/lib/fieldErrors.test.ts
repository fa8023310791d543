import { describe, expect, it } from 'vitest';
import { ConnectionInputSchema } from '../contract.js';
import { fieldErrorsFromIssues } from './fieldErrors.js';

describe('field errors from the contract schema', () => {
  it('maps each field to its first message and names the bad server', () => {
    const r = ConnectionInputSchema.safeParse({
      name: ' ',
      bootstrapServers: ['ok:9092', 'nope'],
      tls: false,
      sasl: { mechanism: 'plain', username: '', password: 'x' },
    });
    expect(r.success).toBe(false);
    const errors = fieldErrorsFromIssues(r.error!.issues, { bootstrapServers: (i) => `Server ${i + 1}` });
    expect(errors).toEqual({
      name: 'Name is required',
      bootstrapServers: 'Server 2: Use host:port, for example localhost:9092',
      'sasl.username': 'Username is required',
    });
  });

  it('reports an empty server list on the field itself', () => {
    const r = ConnectionInputSchema.safeParse({ name: 'a', bootstrapServers: [] });
    expect(fieldErrorsFromIssues(r.error!.issues)).toEqual({
      bootstrapServers: 'At least one bootstrap server is required',
    });
  });
});
