import { describe, expect, it } from 'vitest';
import { classifyFailure, describeFailure } from '../../../../scripts/lib/kafka/errors.ts';

const err = (name: string, message: string, extra: Record<string, unknown> = {}): Error => Object.assign(new Error(message), { name, ...extra });

describe('classifyFailure', () => {
  it.each([
    ['authentication', err('KafkaJSSASLAuthenticationError', 'SASL SCRAM SHA512 authentication failed: Authentication failed during authentication due to invalid credentials')],
    ['mechanism', err('KafkaJSProtocolError', 'The broker does not support the requested SASL mechanism', { type: 'UNSUPPORTED_SASL_MECHANISM' })],
    ['authorization', err('KafkaJSProtocolError', 'Not authorized to access topics: [Topic authorization failed]', { type: 'TOPIC_AUTHORIZATION_FAILED' })],
    ['authorization', err('KafkaJSProtocolError', 'Cluster authorization failed', { type: 'CLUSTER_AUTHORIZATION_FAILED' })],
    ['tls', err('KafkaJSNumberOfRetriesExceeded', 'Connection error: self-signed certificate in certificate chain')],
    ['tls', err('KafkaJSConnectionError', 'Connection error: 1 tlsv13 alert certificate required', { code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' })],
    ['connection', err('KafkaJSNumberOfRetriesExceeded', 'Closed connection')],
    ['connection', err('KafkaJSConnectionError', 'Connection error: read ECONNRESET')],
    ['other', err('Error', 'something else')],
  ] as const)('calls it %s', (kind, e) => {
    expect(classifyFailure(e)).toBe(kind);
  });

  it('looks into wrapped errors', () => {
    const inner = err('KafkaJSConnectionError', 'Connection error: unable to verify the first certificate');
    expect(classifyFailure(err('KafkaJSNumberOfRetriesExceeded', 'retries exceeded', { originalError: inner }))).toBe('tls');
  });

  it('explains each kind in plain words', () => {
    expect(describeFailure('authorization')).toBe('authorization failed: authenticated, but no ACL grants this operation');
  });
});
