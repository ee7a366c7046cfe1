/** The part of `http_ece` (Encrypted Content-Encoding for HTTP, RFC 8188) the push tests use. */
declare module 'http_ece' {
  import type { ECDH } from 'node:crypto';
  /** Decrypts `buffer`; for RFC 8291 (`aes128gcm`), with the receiver's key pair and auth secret. */
  export function decrypt(
    buffer: Buffer,
    params: { version: 'aes128gcm' | 'aesgcm'; privateKey: ECDH; authSecret: Buffer },
  ): Buffer;
}
