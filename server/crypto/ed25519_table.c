/* server/crypto/ed25519_table.c — Ed25519 verification with a table per public key (see the .h).
   libsodium's verify computes R' = [h](-A) + [S]B with a double-and-add over 253 doublings. Here
   both points have tables of (j+1)·256^i·P, so R' is 128 mixed additions and 4 doublings, the
   way libsodium signs with B. The scalars are public, so the table lookups need not be
   constant-time. Everything else (the checks, the hash, the final comparison) is libsodium's. */

/* libsodium's group code is compiled into this file, its global names renamed so they can never
   collide with the library's own. */
#define fe25519_frombytes motcua_ref10_fe25519_frombytes
#define fe25519_invert motcua_ref10_fe25519_invert
#define fe25519_tobytes motcua_ref10_fe25519_tobytes
#define ge25519_add motcua_ref10_ge25519_add
#define ge25519_sub motcua_ref10_ge25519_sub
#define ge25519_double_scalarmult_vartime motcua_ref10_ge25519_double_scalarmult_vartime
#define ge25519_from_hash motcua_ref10_ge25519_from_hash
#define ge25519_from_uniform motcua_ref10_ge25519_from_uniform
#define ge25519_frombytes motcua_ref10_ge25519_frombytes
#define ge25519_frombytes_negate_vartime motcua_ref10_ge25519_frombytes_negate_vartime
#define ge25519_has_small_order motcua_ref10_ge25519_has_small_order
#define ge25519_is_canonical motcua_ref10_ge25519_is_canonical
#define ge25519_is_on_curve motcua_ref10_ge25519_is_on_curve
#define ge25519_is_on_main_subgroup motcua_ref10_ge25519_is_on_main_subgroup
#define ge25519_p1p1_to_p2 motcua_ref10_ge25519_p1p1_to_p2
#define ge25519_p1p1_to_p3 motcua_ref10_ge25519_p1p1_to_p3
#define ge25519_p3_to_cached motcua_ref10_ge25519_p3_to_cached
#define ge25519_p3_tobytes motcua_ref10_ge25519_p3_tobytes
#define ge25519_scalarmult motcua_ref10_ge25519_scalarmult
#define ge25519_scalarmult_base motcua_ref10_ge25519_scalarmult_base
#define ge25519_tobytes motcua_ref10_ge25519_tobytes
#define ge25519_clear_cofactor motcua_ref10_ge25519_clear_cofactor
#define sc25519_invert motcua_ref10_sc25519_invert
#define sc25519_is_canonical motcua_ref10_sc25519_is_canonical
#define sc25519_mul motcua_ref10_sc25519_mul
#define sc25519_muladd motcua_ref10_sc25519_muladd
#define sc25519_reduce motcua_ref10_sc25519_reduce
#define sc25519_sq motcua_ref10_sc25519_sq
#define sc25519_sqmul motcua_ref10_sc25519_sqmul
#define ristretto255_frombytes motcua_ref10_ristretto255_frombytes
#define ristretto255_p3_tobytes motcua_ref10_ristretto255_p3_tobytes
#define ristretto255_from_hash motcua_ref10_ristretto255_from_hash

#include "crypto_core/ed25519/ref10/ed25519_ref10.c"

#include "crypto_hash_sha512.h"
#include "crypto_verify_32.h"
#include "utils.h"

#include "server/crypto/ed25519_table.h"

typedef struct {
    ge25519_precomp t[32][8]; /* t[i][j] = (j+1)·256^i·(-A) */
} key_table;

static const ge25519_precomp base_table[32][8] = { /* the same for B, from libsodium */
#ifdef HAVE_TI_MODE
#include "crypto_core/ed25519/ref10/fe_51/base.h"
#else
#include "crypto_core/ed25519/ref10/fe_25_5/base.h"
#endif
};

size_t motcua_ed25519_table_bytes(void) { return sizeof(key_table); }

static void p3_times_256(ge25519_p3 *p) {
    ge25519_p1p1 r;
    ge25519_p2 s;
    int k;
    ge25519_p3_dbl(&r, p);
    for (k = 1; k < 8; ++k) {
        ge25519_p1p1_to_p2(&s, &r);
        ge25519_p2_dbl(&r, &s);
    }
    ge25519_p1p1_to_p3(p, &r);
}

int motcua_ed25519_table_init(void *table, const unsigned char pk[32]) {
    key_table *kt = (key_table *) table;
    ge25519_p3 *points;
    fe25519 *prefix;
    fe25519 inverse, zinv, x, y, xy;
    ge25519_p3 row;
    ge25519_p1p1 r;
    ge25519_cached c;
    int i, j, n;

    /* The key checks libsodium makes before every verify, made once here. */
    if (ge25519_is_canonical(pk) == 0 || ge25519_has_small_order(pk) != 0) return -1;
    if (ge25519_frombytes_negate_vartime(&row, pk) != 0) return -1;

    points = (ge25519_p3 *) malloc(sizeof(ge25519_p3) * 256);
    prefix = (fe25519 *) malloc(sizeof(fe25519) * 256);
    if (!points || !prefix) {
        free(points);
        free(prefix);
        return -1;
    }
    for (i = 0; i < 32; ++i) {
        ge25519_p3_to_cached(&c, &row);
        points[i * 8] = row;
        for (j = 1; j < 8; ++j) {
            ge25519_add(&r, &points[i * 8 + j - 1], &c);
            ge25519_p1p1_to_p3(&points[i * 8 + j], &r);
        }
        if (i < 31) p3_times_256(&row);
    }
    /* To affine coordinates with one inversion (Montgomery's trick). */
    n = 256;
    fe25519_copy(prefix[0], points[0].Z);
    for (i = 1; i < n; ++i) fe25519_mul(prefix[i], prefix[i - 1], points[i].Z);
    fe25519_invert(inverse, prefix[n - 1]);
    for (i = n - 1; i >= 0; --i) {
        if (i > 0) {
            fe25519_mul(zinv, inverse, prefix[i - 1]);
            fe25519_mul(inverse, inverse, points[i].Z);
        } else {
            fe25519_copy(zinv, inverse);
        }
        fe25519_mul(x, points[i].X, zinv);
        fe25519_mul(y, points[i].Y, zinv);
        fe25519_add(kt->t[i / 8][i % 8].yplusx, y, x);
        fe25519_sub(kt->t[i / 8][i % 8].yminusx, y, x);
        fe25519_mul(xy, x, y);
        fe25519_mul(kt->t[i / 8][i % 8].xy2d, xy, d2);
    }
    free(points);
    free(prefix);
    return 0;
}

/* Signed radix-16 digits in [-8, 8], as libsodium's ge25519_scalarmult_base makes them; the
   scalar must be below 2^255 (both here are reduced below the group order). */
static void radix16(signed char e[64], const unsigned char *a) {
    signed char carry = 0;
    int i;
    for (i = 0; i < 32; ++i) {
        e[2 * i + 0] = (signed char) ((a[i] >> 0) & 15);
        e[2 * i + 1] = (signed char) ((a[i] >> 4) & 15);
    }
    for (i = 0; i < 63; ++i) {
        e[i] += carry;
        carry = (signed char) ((e[i] + 8) >> 4);
        e[i] -= (signed char) (carry * ((signed char) 1 << 4));
    }
    e[63] += carry;
}

static void add_digit(ge25519_p3 *h, const ge25519_precomp row[8], signed char d) {
    ge25519_p1p1 r;
    if (d == 0) return;
    if (d > 0)
        ge25519_madd(&r, h, &row[d - 1]);
    else
        ge25519_msub(&r, h, &row[-d - 1]);
    ge25519_p1p1_to_p3(h, &r);
}

int motcua_ed25519_verify_with_table(const void *table, const unsigned char sig[64], const unsigned char *m,
                                     unsigned long long mlen, const unsigned char pk[32]) {
    const key_table *kt = (const key_table *) table;
    crypto_hash_sha512_state hs;
    unsigned char h[64];
    unsigned char rcheck[32];
    signed char eh[64], es[64];
    ge25519_p3 acc;
    ge25519_p1p1 r;
    ge25519_p2 s;
    int i;

    /* The signature checks of libsodium's verify (the key's were made with the table). */
    if (sc25519_is_canonical(sig + 32) == 0 || ge25519_has_small_order(sig) != 0) return -1;
    crypto_hash_sha512_init(&hs);
    crypto_hash_sha512_update(&hs, sig, 32);
    crypto_hash_sha512_update(&hs, pk, 32);
    crypto_hash_sha512_update(&hs, m, mlen);
    crypto_hash_sha512_final(&hs, h);
    sc25519_reduce(h);

    /* R' = [h](-A) + [S]B: odd digits, times 16, even digits. */
    radix16(eh, h);
    radix16(es, sig + 32);
    ge25519_p3_0(&acc);
    for (i = 1; i < 64; i += 2) {
        add_digit(&acc, kt->t[i / 2], eh[i]);
        add_digit(&acc, base_table[i / 2], es[i]);
    }
    ge25519_p3_dbl(&r, &acc);
    ge25519_p1p1_to_p2(&s, &r);
    ge25519_p2_dbl(&r, &s);
    ge25519_p1p1_to_p2(&s, &r);
    ge25519_p2_dbl(&r, &s);
    ge25519_p1p1_to_p2(&s, &r);
    ge25519_p2_dbl(&r, &s);
    ge25519_p1p1_to_p3(&acc, &r);
    for (i = 0; i < 64; i += 2) {
        add_digit(&acc, kt->t[i / 2], eh[i]);
        add_digit(&acc, base_table[i / 2], es[i]);
    }
    ge25519_p3_tobytes(rcheck, &acc);
    return crypto_verify_32(rcheck, sig) | (-(rcheck == sig)) | sodium_memcmp(sig, rcheck, 32);
}
