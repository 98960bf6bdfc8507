import { describe, expect, it } from 'vitest';
import { detectFormat, isGzip } from '../../../src/logs/formats.js';

const name = (text: string) => {
  const d = detectFormat(text);
  return d.ok ? (d.format?.name ?? 'empty') : `unknown: ${d.reason}`;
};

describe('detectFormat', () => {
  it('recognises wrappers by their first key, whatever the whitespace', () => {
    expect(name('{"Records":[{"eventVersion":"1.08"')).toBe('cloudtrail-s3');
    expect(name('\ufeff{\n    "Events": [\n        {\n            "EventId": "x"')).toBe('cloudtrail-lookup-events');
    expect(name('{ "records": [ { "time": "2016-01-05T01:32:01Z"')).toBe('azure-auditevent-records');
  });

  it('classifies arrays and one-record-per-line files by their record fields', () => {
    expect(name('[\n  {\n    "insertId": "a",\n    "logName": "projects/p/logs/x",\n    "protoPayload": {')).toBe('gcp-logentry-array');
    expect(name('[{"TenantId":"t","TimeGenerated":"2024-05-01T10:00:00Z","OperationName":"KeyDecrypt"}]')).toBe('azure-log-analytics-array');
    expect(name('{"eventVersion":"1.08","eventSource":"kms.amazonaws.com"}\n{"eventVersion":"1.08"}')).toBe('cloudtrail-ndjson');
    expect(name('{"time":"2024-05-01T10:00:00Z","resourceId":"/SUBSCRIPTIONS/x","operationName":"KeyGet","category":"AuditEvent"}\n')).toBe('azure-auditevent-ndjson');
    expect(name('{"TimeGenerated":"2024-05-01","OperationName":"KeySign","id_s":"x"}\n')).toBe('azure-log-analytics-ndjson');
    expect(name('{"insertId":"a","protoPayload":{"serviceName":"cloudkms.googleapis.com"}}\n')).toBe('gcp-logentry-ndjson');
  });

  it('treats blank input and empty arrays as empty, and anything else as unknown', () => {
    expect(name('')).toBe('empty');
    expect(name(' \n\t')).toBe('empty');
    expect(name('[ ]')).toBe('empty');
    expect(name('timestamp,event\n')).toMatch(/^unknown: content starts with "timestamp,event/);
    expect(name('{"hello":"world"}')).toMatch(/^unknown/);
    expect(name('[{"hello":"world"}]')).toMatch(/^unknown/);
  });

  it('accepts bytes as well as text, and recognises the gzip magic', () => {
    expect(detectFormat(new TextEncoder().encode('{"Records":[]}'))).toMatchObject({ ok: true, format: { kind: 'cloudtrail', container: 'wrapped', wrapperKey: 'Records' } });
    expect(isGzip(new Uint8Array([0x1f, 0x8b, 8]))).toBe(true);
    expect(isGzip(new Uint8Array([0x7b]))).toBe(false);
  });
});

describe('files without events by design', () => {
  it('recognises CloudTrail digest files so that a whole AWSLogs folder reads without gaps', () => {
    const digest = '{"awsAccountId":"111122223333","digestStartTime":"2024-05-01T09:00:00Z","digestEndTime":"2024-05-01T10:00:00Z","logFiles":[]}';
    expect(detectFormat(digest)).toEqual({ ok: true, format: undefined, empty: true, ignored: 'cloudtrail-digest' });
  });
});
