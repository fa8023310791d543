import { describe, expect, it } from 'vitest';
import type { ConnectionProfile } from '../../contract.js';
import {
  emptyConnectionForm,
  formFieldFromServer,
  formFromProfile,
  savedKeyApplies,
  savedPasswordApplies,
  toConnectionInput,
  validateConnectionForm,
} from './connectionForm.js';

describe('connection form', () => {
  it('builds the contract input from what was typed', () => {
    expect(toConnectionInput({ ...emptyConnectionForm, name: 'prod', servers: 'a:9092,\n b:9092', tls: true })).toEqual(
      { name: 'prod', bootstrapServers: ['a:9092', 'b:9092'], tls: true, sasl: null },
    );
    expect(
      toConnectionInput({ ...emptyConnectionForm, mechanism: 'scram-sha-512', username: 'u', password: 'p' }).sasl,
    ).toEqual({ mechanism: 'scram-sha-512', username: 'u', password: 'p' });
  });

  it('reports errors per field, naming the bad server', () => {
    const r = validateConnectionForm({ ...emptyConnectionForm, servers: 'good:1, bad', mechanism: 'plain' });
    expect(r).toEqual({
      ok: false,
      errors: {
        name: 'Name is required',
        bootstrapServers: 'bad: Use host:port, for example localhost:9092',
        'sasl.username': 'Username is required',
        'sasl.password': 'Password is required',
      },
    });
  });

  it('accepts a valid form', () => {
    const r = validateConnectionForm({ ...emptyConnectionForm, name: 'local', servers: 'localhost:9092' });
    expect(r.ok).toBe(true);
  });

  it('round-trips a saved profile, leaving the saved password out of the form', () => {
    const form = formFromProfile({
      id: '1',
      name: 'x',
      bootstrapServers: ['a:1', 'b:2'],
      tls: false,
      sandbox: false,
      createdAt: 0,
      updatedAt: 0,
      sasl: { mechanism: 'plain', username: 'u', passwordSaved: true, passwordProblem: null },
    });
    expect(form.servers).toBe('a:1\nb:2');
    expect(toConnectionInput(form).sasl).toEqual({ mechanism: 'plain', username: 'u', password: '' });
  });

  it('allows an empty password only when one is saved', () => {
    const form = { ...emptyConnectionForm, name: 'x', servers: 'a:1', mechanism: 'plain' as const, username: 'u' };
    expect(validateConnectionForm(form, { passwordSaved: true })).toEqual({
      ok: true,
      input: {
        name: 'x',
        bootstrapServers: ['a:1'],
        tls: false,
        sasl: { mechanism: 'plain', username: 'u', password: '' },
      },
    });
    expect(validateConnectionForm(form)).toEqual({ ok: false, errors: { 'sasl.password': 'Password is required' } });
    expect(validateConnectionForm(form, { passwordSaved: false })).toMatchObject({ ok: false });
  });

  it('maps server-side field paths onto form fields', () => {
    expect(formFieldFromServer('input.bootstrapServers.2')).toBe('bootstrapServers');
    expect(formFieldFromServer('name')).toBe('name');
    expect(formFieldFromServer('input.sasl.password')).toBe('sasl.password');
    expect(formFieldFromServer('something.else')).toBeNull();
    expect(formFieldFromServer(undefined)).toBeNull();
  });

  it('reuses saved secrets only for the same servers, TLS settings (CA, host name, checks) and certificate', () => {
    const ca = '-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n';
    const profile: ConnectionProfile = {
      id: '1',
      name: 'x',
      bootstrapServers: ['a:1'],
      tls: true,
      sandbox: false,
      createdAt: 0,
      updatedAt: 0,
      sasl: { mechanism: 'plain', username: 'u', passwordSaved: true, passwordProblem: null },
      tlsOptions: {
        caPem: ca,
        clientCertPem: ca,
        clientKeySaved: true,
        clientKeyProblem: null,
        serverName: 'k.example',
        verification: 'full',
      },
    };
    const form = formFromProfile(profile);
    expect(form).toMatchObject({ clientKey: 'saved', serverName: 'k.example', ca: { text: ca, fileName: null } });
    expect(savedPasswordApplies(form, profile)).toBe(true);
    expect(savedKeyApplies(form, profile)).toBe(true);
    expect(toConnectionInput(form).tlsOptions).toEqual({
      caPem: ca,
      clientCertPem: ca,
      clientKeyPem: '',
      clientKeyPassphrase: null,
      serverName: 'k.example',
      verification: 'full',
    });
    for (const changed of [
      { ...form, ca: null },
      { ...form, serverName: 'other.example' },
      { ...form, verification: 'none' as const },
      { ...form, tls: false },
      { ...form, servers: 'b:1' },
    ]) {
      expect(savedPasswordApplies(changed, profile)).toBe(false);
      expect(savedKeyApplies(changed, profile)).toBe(false);
    }
    const otherCert = { ...form, clientCert: { text: ca.replace('QUJD', 'REVG'), fileName: 'new.crt' } };
    expect(savedPasswordApplies(otherCert, profile)).toBe(true);
    expect(savedKeyApplies(otherCert, profile)).toBe(false);
    expect(formFieldFromServer('input.tlsOptions.clientKeyPem')).toBe('tlsOptions.clientKeyPem');
  });
});
