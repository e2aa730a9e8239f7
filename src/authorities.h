/* authorities.h - the English local authorities (authorities.c): the
 * canonical name of a printed one, and reorganisations. */
#ifndef OSC_AUTHORITIES_H
#define OSC_AUTHORITIES_H

#include <stdbool.h>
#include <stddef.h>

/* A name for comparing (lower case, '&' as "and", punctuation as single
 * spaces) into out[cap]; false when it does not fit. */
bool osc_authority_normalise(const char *s, size_t n, char *out, size_t cap);
/* The compiled-in table's health: 0 when it parsed, else the first bad
 * line (0xFFFFFFFF: one name given to two authorities); *n: authorities. */
unsigned osc_authorities_check(size_t *n);

#endif
