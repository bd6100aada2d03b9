import { describe, expect, it } from 'vitest';
import { amzDate, canonicalQuery, EMPTY_SHA256, signRequest, uriEncode, uriEncodePath } from './sigv4.ts';

// The worked example "GET Object" from the S3 documentation's SigV4 header-auth page.
const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const date = new Date('2013-05-24T00:00:00Z');

describe('signRequest', () => {
  it('reproduces the documented GET Object example signature', () => {
    const signature = signRequest(
      {
        method: 'GET',
        path: '/test.txt',
        query: [],
        headers: {
          Host: 'examplebucket.s3.amazonaws.com',
          Range: 'bytes=0-9',
          'x-amz-content-sha256': EMPTY_SHA256,
          'x-amz-date': amzDate(date),
        },
        payloadHash: EMPTY_SHA256,
      },
      credentials,
      'us-east-1',
      date,
    );
    expect(signature.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('reproduces the documented GET Bucket (list objects) example signature', () => {
    const signature = signRequest(
      {
        method: 'GET',
        path: '/',
        query: [
          ['prefix', 'J'],
          ['max-keys', '2'],
        ],
        headers: {
          host: 'examplebucket.s3.amazonaws.com',
          'x-amz-content-sha256': EMPTY_SHA256,
          'x-amz-date': amzDate(date),
        },
        payloadHash: EMPTY_SHA256,
      },
      credentials,
      'us-east-1',
      date,
    );
    expect(signature.authorization).toContain(
      'Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7',
    );
  });
});

describe('encoding', () => {
  it('encodes everything but unreserved characters, keeping / in paths only', () => {
    expect(uriEncode("a b/c:d!'()*~")).toBe('a%20b%2Fc%3Ad%21%27%28%29%2A~');
    expect(uriEncodePath('/bucket/sites/a b/é.html')).toBe('/bucket/sites/a%20b/%C3%A9.html');
  });

  it('sorts the canonical query by encoded name and gives valueless parameters an empty value', () => {
    expect(
      canonicalQuery([
        ['prefix', 'sites/x/'],
        ['list-type', '2'],
        ['delete', ''],
      ]),
    ).toBe('delete=&list-type=2&prefix=sites%2Fx%2F');
  });
});

describe('uriEncode edge cases', () => {
  it('matches a byte-by-byte encoding for every printable ASCII character and multi-byte text', () => {
    let ascii = '';
    for (let c = 0x20; c < 0x7f; c++) ascii += String.fromCharCode(c);
    const expected = [...Buffer.from(ascii)]
      .map((b) => {
        const c = String.fromCharCode(b);
        return /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
      })
      .join('');
    expect(uriEncode(ascii)).toBe(expected);
    expect(uriEncode('日本/ü')).toBe('%E6%97%A5%E6%9C%AC%2F%C3%BC');
    expect(uriEncode('\ud800')).toBe('%EF%BF%BD'); // a lone surrogate, as its UTF-8 replacement character
  });
});
