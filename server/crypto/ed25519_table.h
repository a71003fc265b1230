/* server/crypto/ed25519_table.h — Ed25519 verification with a precomputed table per public key.
   Same answers as libsodium 1.0.18's crypto_sign_verify_detached (same checks, same equation),
   about twice as fast for a key seen before: no doublings, only table additions. C, because it
   is built on libsodium's reference field and group code (compiled from its source). */
#ifndef MOTCUA_SERVER_CRYPTO_ED25519_TABLE_H
#define MOTCUA_SERVER_CRYPTO_ED25519_TABLE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bytes a table takes (about 30 KB). */
size_t motcua_ed25519_table_bytes(void);

/* Fills `table` for the public key `pk`; 0 on success, -1 when libsodium would refuse every
   signature by this key (not canonical, small order, not on the curve). */
int motcua_ed25519_table_init(void *table, const unsigned char pk[32]);

/* 0 when `sig` is a valid signature of m by `pk`, -1 otherwise; `table` was made for `pk`. */
int motcua_ed25519_verify_with_table(const void *table, const unsigned char sig[64], const unsigned char *m,
                                     unsigned long long mlen, const unsigned char pk[32]);

#ifdef __cplusplus
}
#endif

#endif
